"""Many simulated participants against a running demo server, over HTTP.

Each participant is a thread-pool task that walks its block's load journey
(tests/harness/blocks/). A 503 with code "retry" is retried, a bounded number
of times; everything else is recorded as answered. Runs against 127.0.0.1 only.
"""
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from tests.harness.contracts import Step

from pathlib import Path

MAX_RETRIES = 8
SUMMARY_FILE = Path(__file__).resolve().parents[2] / "var" / "load_summary.md"
TIME_LIMIT = 600  # seconds for one block's whole load


@dataclass
class Summary:
    block: str
    participants: int
    requests: int = 0
    successes: int = 0
    retries: int = 0
    server_errors: int = 0
    unexpected_4xx: int = 0
    lost_writes: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    # The same-participant overlap phase; None where a phase does not measure it.
    duplicates: int = None
    stuck: int = None
    lost_drafts: int = None


def csrf_token(server):
    session = requests.Session()
    session.get(server.url + "/scenario/leergang_trust_scan.0/", timeout=120)
    return session.cookies.get("csrftoken")


def send(session, server, usage_id, student, step, token):
    url = f"{server.url}/handler/{usage_id}/{step.handler}/?student={student}"
    for attempt in range(MAX_RETRIES + 1):
        if step.method == "POST":
            response = session.post(url, data=json.dumps(step.body), timeout=120,
                                    headers={"Content-Type": "application/json", "X-CSRFToken": token,
                                             "Referer": server.url + "/"},
                                    cookies={"csrftoken": token})
        else:
            response = session.get(url + (f"&{step.body}" if step.body else ""), timeout=120)
        retry = response.status_code == 503 and "retry" in response.text
        if not retry or attempt == MAX_RETRIES:
            return response, attempt
        time.sleep(0.05 * (attempt + 1))


def run(server, contract, participants, concurrency, prefix):
    usage_id = contract.usage_id()
    token = csrf_token(server)
    summary = Summary(contract.block_type, participants)
    if contract.load_setup:
        contract.load_setup(server.url, usage_id, [f"{prefix}{index:04d}" for index in range(participants)], token)
    deadline = time.time() + TIME_LIMIT

    def participant(index):
        student = f"{prefix}{index:04d}"
        session = requests.Session()
        outcome = []
        for step in contract.load_journey(index, usage_id):
            if time.time() > deadline:
                break
            who = f"staff_{prefix}{index:04d}" if step.as_staff else student
            if callable(step.body):  # a body that needs the server's current state (e.g. a version)
                step = Step(step.handler, step.method, step.body(session, f"{server.url}/handler/{usage_id}", who),
                            step.as_staff)
            response, retries = send(session, server, usage_id, who, step, token)
            outcome.append({"handler": step.handler, "body": step.body, "status": response.status_code,
                            "retries": retries, "staff": step.as_staff})
            if contract.load_keeps_responses and step.method == "GET" and response.status_code == 200:
                outcome[-1]["response"] = response.json()
        return student, outcome

    started = time.time()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(participant, range(participants)))
    summary.seconds = round(time.time() - started, 1)
    for _, steps in outcomes:
        for step in steps:
            summary.requests += 1
            summary.retries += step["retries"]
            if step["status"] < 300:
                summary.successes += 1
            elif step["status"] >= 500:
                summary.server_errors += 1
            else:
                summary.unexpected_4xx += 1
                summary.problems.append(f"{step['handler']}: {step['status']}")
    final = requests.get(f"{server.url}/handler/{usage_id}/{contract.report_handler}/?student=staff_final",
                         timeout=120)
    assert final.status_code == 200, (final.status_code, final.text[:500])
    report = final.json()
    learner_outcomes = [(student, [s for s in steps if not s["staff"]]) for student, steps in outcomes]
    verdict = verify_in_server_database(server, contract, usage_id, learner_outcomes, report)
    summary.lost_writes = verdict["lost"]
    summary.problems += verdict["problems"]
    return summary


def run_overlaps(server, contract, participants, concurrency, prefix):
    """One participant's requests overlapping: each participant's stages are sent
    stage by stage, the requests of a stage all at once (released together).

    Afterwards each participant's `results` and `my_data` are read and the
    contract counts duplicate records or attempt numbers, stuck participants and
    lost acknowledged drafts.
    """
    usage_id = (contract.overlap_usage_id or contract.usage_id)()
    token = csrf_token(server)
    summary = Summary(contract.block_type, participants, duplicates=0, stuck=0, lost_drafts=0)
    if contract.overlap_setup:
        contract.overlap_setup(server.url, usage_id, [f"{prefix}{index:04d}" for index in range(participants)],
                               token)

    def participant(index):
        student = f"{prefix}{index:04d}"
        kind, stages = contract.overlap_journey(index, usage_id)
        outcomes = []
        for stage in stages:
            barrier = threading.Barrier(len(stage))

            def one(step):
                session = requests.Session()
                if callable(step.body):  # needs the server's state (a version, a peer): read before the release
                    step = Step(step.handler, step.method,
                                step.body(session, f"{server.url}/handler/{usage_id}", student), step.as_staff)
                barrier.wait(timeout=60)
                response, retries = send(session, server, usage_id, student, step, token)
                return {"handler": step.handler, "body": step.body, "status": response.status_code,
                        "retries": retries, "staff": False}

            with ThreadPoolExecutor(max_workers=len(stage)) as pool:
                outcomes.append(list(pool.map(one, stage)))
        session = requests.Session()
        final = {}
        for handler in contract.overlap_reads:
            response = session.get(f"{server.url}/handler/{usage_id}/{handler}/?student={student}", timeout=120)
            final[handler] = response.json() if response.status_code == 200 else {"read_failed": response.status_code}
        return student, kind, outcomes, final

    started = time.time()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(participant, range(participants)))
    summary.seconds = round(time.time() - started, 1)
    for student, kind, stages, final in results:
        for step in (s for stage in stages for s in stage):
            summary.requests += 1
            summary.retries += step["retries"]
            summary.successes += step["status"] < 300
            summary.server_errors += step["status"] >= 500
        if any("read_failed" in value for value in final.values()):
            summary.problems.append(f"{student}: reading back answered {final}")
            continue
        verdict = contract.overlap_verify(kind, stages, final)
        summary.duplicates += verdict["duplicates"]
        summary.stuck += verdict["stuck"]
        summary.lost_drafts += verdict["lost_drafts"]
        summary.unexpected_4xx += verdict["unexpected"]
        summary.problems += [f"{student}: {p}" for p in verdict["problems"]]
    return summary


def verify_in_server_database(server, contract, usage_id, outcomes, report):
    """Run the contract's check in a process configured like the server."""
    path = os.path.join(server.var_dir, f"outcomes-{contract.block_type}.json")
    with open(path, "w") as handle:
        json.dump({"block": contract.block_type, "usage_id": usage_id, "outcomes": outcomes, "report": report}, handle)
    done = subprocess.run([sys.executable, "-m", "tests.load.verify", path], env=server.env, cwd=server.root,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(summaries, title):
    lines = [title, "",
             "| block (phase) | participants | requests | successes | retries | 5xx | unexpected 4xx | lost writes "
             "| duplicate records | stuck participants | lost drafts | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]

    def cell(value):
        return "-" if value is None else value

    for s in summaries:
        lines.append(f"| {s.block} | {s.participants} | {s.requests} | {s.successes} | {s.retries} | "
                     f"{s.server_errors} | {s.unexpected_4xx} | {s.lost_writes} | {cell(s.duplicates)} | "
                     f"{cell(s.stuck)} | {cell(s.lost_drafts)} | {s.seconds} |")
    return "\n".join(lines)
