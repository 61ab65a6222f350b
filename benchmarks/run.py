"""Speed and memory of the leergang blocks, beside the runtime's floor and a peer
block (xblock-poll's survey), measured in one run so the ratios hold on a noisy
machine. Prints a table and writes benchmarks/results/latest.json (a quick
run writes benchmarks/results/quick.json, never the committed figures).

    bash scripts/bench.sh            # the whole run (a few minutes)
    bash scripts/bench.sh --quick    # fewer requests, smaller staff cohorts: a smoke run
    bash scripts/bench.sh --only programme   # one staff section alone, full size, no results file
    bash scripts/bench.sh --only dialogue    # the facilitator's live view and CSV at 10,000
    bash scripts/bench.sh --only feedback    # the feedback round's staff overview and CSV at 10,000
    bash scripts/bench.sh --only writes      # every group block's, case and dialogue first write beside the vote

Every participant request is timed at 20 and at 5,000 participants in the same
rounds. Not a test: nothing here asserts a time. The deterministic figures,
queries and SQLite instructions per participant request, are also a test
(tests/perf/).
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="leergang-bench-")
os.environ.update(DJANGO_SETTINGS_MODULE="demo.settings", LEERGANG_VAR_DIR=_tmp,
                  LEERGANG_SQLITE=os.path.join(_tmp, "bench.db"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from workbench.runtime import WorkbenchRuntime  # noqa: E402
from workbench.scenarios import add_xml_scenario, get_scenarios  # noqa: E402
from xblock.core import XBlock  # noqa: E402

from submissions.models import StudentItem, Submission  # noqa: E402
from workbench.models import XBlockState  # noqa: E402

from benchmarks.cost import analyze, measured, participant_requests  # noqa: E402
from benchmarks.floor_block import FloorBlock  # noqa: E402
from benchmarks import (case_bench, dialogue_bench, feedback_round_bench, groups_bench,  # noqa: E402
                        only, programme_bench, sessions_bench)
from benchmarks.seeding import seed_trust_scan, seeded_scans  # noqa: E402
from benchmarks.tables import best_time_and_peak  # noqa: E402
from leergang_xblocks.core.platform import workbench_anonymous_id  # noqa: E402
from leergang_xblocks.stores.models import ArtefactCopy, Lock, ParticipantNote, PrivateStateVersion  # noqa: E402
from tests.support.workbench import Participant  # noqa: E402

PARTICIPANT_SIZES = (20, 5000)
TARGETS = {
    "write_vs_peer_vote": 1.0,     # p50 of submit <= the survey's vote (aim: 0.6)
    "read_vs_floor": 5.0,          # p50 of our reads <= 5x the floor
    "staff_seconds_10k": 2.0,
    "staff_mb_10k": 200.0,
    "growth_1k_10k": 10.0,
    "participant_growth": 1.5,     # a participant request at 5,000 participants / at 20
    "asset_bytes": 30 * 1024,
}


def setup():
    call_command("migrate", run_syncdb=True, verbosity=0)
    # The floor block joins the workbench's plugins for this run only.
    XBlock.extra_entry_points.append(("bench_floor", SimpleNamespace(
        name="bench_floor", load=lambda: FloorBlock, dist=SimpleNamespace(key="benchmarks"), group="xblock.v1")))
    get_scenarios()
    add_xml_scenario("bench.floor", "bench floor", "<bench_floor/>")
    add_xml_scenario("bench.survey", "bench survey", "<survey/>")
    add_xml_scenario("bench.scan", "bench scan", '<leergang_trust_scan min_cohort_size="5"/>')
    add_xml_scenario("bench.scale", "bench scale", '<leergang_trust_scan min_cohort_size="5"/>')
    return {name: str(get_scenarios()[f"bench.{name}"].usage_id) for name in ("floor", "survey", "scan", "scale")}


def summary(samples):
    samples = sorted(samples)
    return {"p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[max(0, math.ceil(len(samples) * 0.95) - 1)], 2), "n": len(samples)}


def timed(call, repeat, before=None):
    """p50 and p95 of `call(index)`; `before(index)`, untimed, prepares each sample."""
    samples = []
    for index in range(repeat):
        if before is not None:
            before(index)
        started = time.perf_counter()
        response = call(index)
        samples.append((time.perf_counter() - started) * 1000)
        _check(response, "")
    return summary(samples)


def timed_beside_vote(vote):
    """`timed` with xblock-poll's survey vote in the same rounds: each sample of the
    measured call is followed by one vote of a new participant, so a slow spell on
    the machine hits both alike; the row carries the vote's p50 of its own rounds.
    `before(index)`, untimed, prepares each sample (a write row: makes the sample's
    participant new again, benchmarks/fresh.py, and writes what the measured write
    needs first)."""
    def timed_with_vote(call, repeat, before=None):
        samples, votes = [], []
        for index in range(repeat):
            if before is not None:
                before(index)
            started = time.perf_counter()
            response = call(index)
            samples.append((time.perf_counter() - started) * 1000)
            _check(response, "")
            started = time.perf_counter()
            _check(vote(), "vote")
            votes.append((time.perf_counter() - started) * 1000)
        return {**summary(samples), "vote_p50_ms": summary(votes)["p50_ms"]}
    return timed_with_vote


def vote_and_beside_vote(ids):
    """One vote of a new participant in the survey `setup` made, and `timed` with that vote
    after each sample (`timed_beside_vote`)."""
    body = survey_vote_body(ids["survey"])

    def vote():
        response = Participant(f"bench_vote_{uuid.uuid4().hex[:8]}").post(ids["survey"], "vote", body)
        _check(response, "vote")
        return response
    return vote, timed_beside_vote(vote)


def _check(response, name):
    if response is not None and getattr(response, "status_code", 200) >= 400:
        raise RuntimeError(f"benchmark request {name} failed: {response.status_code} {response.content[:200]}")


def survey_vote_body(usage_id):
    block = WorkbenchRuntime("probe").get_block(usage_id)
    answer = block.answers[0][0]
    return {key: answer for key, _ in block.questions}


def forget_participant(student_id):
    """Remove a benchmark participant's rows (untimed), so the cohort stays at its size."""
    anonymous_id = workbench_anonymous_id(student_id)
    Submission._objects.filter(student_item__student_id=anonymous_id).delete()
    StudentItem.objects.filter(student_id=anonymous_id).delete()
    XBlockState.objects.filter(user_id=student_id).delete()
    for model, field in ((PrivateStateVersion, "anonymous_id"), (ParticipantNote, "anonymous_id"),
                         (ArtefactCopy, "anonymous_id"), (Lock, "key")):
        model.objects.filter(**{field: anonymous_id}).delete()


def participant_scans(sizes):
    return seeded_scans(sizes, "bench")


def participant_latency(ids, scans, repeat, warm_up=5):
    """Every participant request of the trust scan at each cohort size, beside the
    floor's no-op and the survey's vote and results, in the same rounds: each
    round runs every row once, in a rotating order, so a slow spell on the
    machine hits every row alike. Each round's scan participant is new (their
    first page, draft, submit, results, note, retake, own data) and is removed
    afterwards, untimed, so each cohort stays at its size."""
    vote = survey_vote_body(ids["survey"])
    floor_person = Participant("bench_floor")
    survey_reader = Participant("bench_survey_reader")
    survey_reader.post(ids["survey"], "vote", vote)
    samples = {}

    def scan_round(size, tag):
        scenario, usage_id = scans[size]
        person = Participant(f"bench_p{size}_{tag}_{uuid.uuid4().hex[:8]}")
        times = {}
        for name, call in participant_requests(scenario, usage_id, person):
            started = time.perf_counter()
            response = call()
            times[name] = (time.perf_counter() - started) * 1000
            _check(response, name)
        forget_participant(person.student_id)
        return times

    def single(call):
        started = time.perf_counter()
        _check(call(), "")
        return (time.perf_counter() - started) * 1000

    rows = [("floor: noop", lambda tag: {"": single(lambda: floor_person.post(ids["floor"], "noop", {}))}),
            ("peer survey: vote", lambda tag: {"": single(lambda: Participant(f"bench_vote_{uuid.uuid4().hex[:8]}")
                                                          .post(ids["survey"], "vote", vote))}),
            ("peer survey: get_results", lambda tag: {"": single(lambda: survey_reader.post(
                ids["survey"], "get_results", {}))})]
    rows += [(f"trust scan@{size}", (lambda size: lambda tag: scan_round(size, tag))(size)) for size in scans]
    for round_number in range(-warm_up, repeat):
        shift = round_number % len(rows)
        for label, run in rows[shift:] + rows[:shift]:
            for name, ms in run(round_number).items():
                if round_number >= 0:
                    samples.setdefault((label, name), []).append(ms)
    return {f"{label}: {name}" if name else label: summary(values) for (label, name), values in samples.items()}


def participant_costs(ids, scans):
    """Queries and SQLite instructions of each request (deterministic; tests/perf
    checks the same), for a new participant at each size, and of the survey's vote."""
    out = {}
    for size, (scenario, usage_id) in scans.items():
        person = Participant(f"bench_cost{size}")
        for name, call in participant_requests(scenario, usage_id, person):
            with measured() as cost:
                _check(call(), name)
            out.setdefault(name, {})[size] = cost
        forget_participant(person.student_id)
    vote = survey_vote_body(ids["survey"])
    with measured() as cost:
        _check(Participant("bench_cost_vote").post(ids["survey"], "vote", vote), "vote")
    out["peer survey: vote"] = cost
    with measured() as cost:
        _check(Participant("bench_cost_floor").post(ids["floor"], "noop", {}), "noop")
    out["floor: noop"] = cost
    return out


def render_times(ids, repeat):
    def render(usage_id, student):
        runtime = WorkbenchRuntime(student)
        block = runtime.get_block(usage_id)
        return lambda i: runtime.render(block, "student_view") and None
    return {
        "floor": timed(render(ids["floor"], "bench_render"), repeat),
        "peer survey": timed(render(ids["survey"], "bench_render"), repeat),
        "trust scan (30 items)": timed(render(ids["scan"], "bench_render"), repeat),
    }


def asset_bytes(ids):
    runtime = WorkbenchRuntime("bench_assets")
    out = {}
    for name, usage_id in (("trust scan", ids["scan"]),):
        fragment = runtime.get_block(usage_id).student_view()
        js = sum(len(r.data.encode()) for r in fragment.resources if r.mimetype == "application/javascript")
        css = sum(len(r.data.encode()) for r in fragment.resources if r.mimetype == "text/css")
        out[name] = {"js_bytes": js, "css_bytes": css, "total": js + css}
    return out


def staff_scaling(ids, sizes):
    block_id = ids["scale"]
    results, seeded, states = {}, 0, []
    staff = Participant("staff_bench")
    for size in sizes:
        block = WorkbenchRuntime("staff_bench").get_block(block_id)
        states += seed_trust_scan(block, size - seeded, prefix=f"scale{size}_")
        seeded = size
        analyze()
        row = {}
        for name, call in (
            ("staff_report", lambda: staff.get(block_id, "staff_report")),
            ("export_csv", lambda: staff.get(block_id, "export_csv")),
            ("generate_report_data", lambda: list(WorkbenchRuntime("staff_bench").get_block(block_id)
                                                  .generate_report_data(iter(
                                                      SimpleNamespace(username=f"u{i}", state={"results_history": [s]})
                                                      for i, s in enumerate(states))))),
        ):
            row[name] = best_time_and_peak(f"{name} at {size}", call)
        results[size] = row
    return results


def sample_courses():
    try:
        from sample_courses.build import build_all
    except ImportError:
        return None
    out = tempfile.mkdtemp(prefix="leergang-bench-courses-")
    started = time.perf_counter()
    paths = build_all(out)
    return {"courses": len(paths), "seconds": round(time.perf_counter() - started, 3)}


def verdict(ok):
    return "PASS" if ok else "MISS"


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true",
                        help="fewer requests and smaller staff cohorts; writes benchmarks/results/quick.json")
    parser.add_argument("--only", choices=sorted(only.SECTIONS),
                        help="one section alone (benchmarks/only.py); prints its table, writes no results file")
    args = parser.parse_args(argv)
    if args.only:
        settings.DEBUG = False
        return only.run(args.only, setup, _cpu(), timed, vote_and_beside_vote)
    repeat = 30 if args.quick else 200
    staff_sizes = (100, 1000) if args.quick else (100, 1000, 10000)
    started = time.time()
    # The workbench runs with DEBUG on, which makes Django keep every SQL
    # statement; production runs with it off. Query counts use Django's
    # capture, which works either way.
    settings.DEBUG = False
    ids = setup()
    scans = participant_scans(PARTICIPANT_SIZES)
    _vote, beside_vote = vote_and_beside_vote(ids)
    figures = {
        "machine": {"cpu": _cpu(), "cores": os.cpu_count(), "python": platform.python_version(),
                    "django": django.get_version(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
        "quick": args.quick,
        "participant_sizes": list(PARTICIPANT_SIZES),
        "handlers": participant_latency(ids, scans, repeat),
        "costs": participant_costs(ids, scans),
        "render": render_times(ids, max(20, repeat // 4)),
        "assets": asset_bytes(ids),
        "staff": staff_scaling(ids, staff_sizes),
        "sample_courses": sample_courses(),
        "groups": groups_bench.measure(beside_vote, repeat, (20, 1000) if args.quick else (20, 5000)),
        "case": case_bench.measure(beside_vote, repeat, (20, 1000) if args.quick else (20, 5000),
                                   1000 if args.quick else 10000),
        "dialogue": dialogue_bench.measure(beside_vote, repeat, (20, 1000) if args.quick else (20, 5000)),
        "dialogue_staff": dialogue_bench.measure_staff(timed, 1000 if args.quick else 10000),
        "feedback_round": feedback_round_bench.measure(beside_vote, repeat, (20, 1000) if args.quick else (20, 5000),
                                                       1000 if args.quick else 10000),
        "sessions": sessions_bench.measure(beside_vote, repeat, (20, 1000) if args.quick else (20, 5000)),
        "programme": programme_bench.measure(1000 if args.quick else 10000),
    }
    figures["seconds"] = round(time.time() - started, 1)
    # A quick run never overwrites the figures docs/developers.md quotes.
    out = ROOT / "benchmarks" / "results" / ("quick.json" if args.quick else "latest.json")
    out.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    print(report(figures))
    print(f"\nWritten to {out.relative_to(ROOT)}")


def report(f):
    h, costs = f["handlers"], f["costs"]
    small, large = f["participant_sizes"]
    floor, vote = h["floor: noop"]["p50_ms"], h["peer survey: vote"]["p50_ms"]
    lines = [f"Machine: {f['machine']['cpu']}, {f['machine']['cores']} cores, Python {f['machine']['python']}, "
             f"Django {f['machine']['django']}, {f['machine']['date']}; run took {f.get('seconds')} s"
             + (" (quick run)" if f.get("quick") else ""), "",
             f"Participant requests at {small:,} and {large:,} participants (workbench request path, SQLite; "
             f"p50 of {h['floor: noop']['n']} rounds; queries and SQLite instructions per request)", "",
             f"| request | p50 ms at {small:,} | p50 ms at {large:,} | growth | queries at {small:,} / {large:,} "
             f"| SQLite instructions at {small:,} / {large:,} | target | |",
             "|---|---|---|---|---|---|---|---|"]
    for name, by_size in costs.items():
        if name.startswith(("peer", "floor")):
            continue
        a, b = h[f"trust scan@{small}: {name}"]["p50_ms"], h[f"trust scan@{large}: {name}"]["p50_ms"]
        growth = b / a
        same_work = by_size[small]["queries"] == by_size[large]["queries"] and (
            by_size[large]["sqlite_instructions"]
            <= TARGETS["participant_growth"] * by_size[small]["sqlite_instructions"])
        ok = growth <= TARGETS["participant_growth"] and same_work
        lines.append(f"| {name} | {a} | {b} | {growth:.2f}x | {by_size[small]['queries']} / "
                     f"{by_size[large]['queries']} | {by_size[small]['sqlite_instructions']} / "
                     f"{by_size[large]['sqlite_instructions']} | growth <= {TARGETS['participant_growth']}x "
                     f"| {verdict(ok)} |")
    lines += ["", "submit beside xblock-poll's survey vote, in the same rounds", "",
              "| request | p50 ms | p95 ms | queries | x floor | x vote | target | |",
              "|---|---|---|---|---|---|---|---|"]
    for label, key, cost in (("floor: noop", "floor: noop", costs["floor: noop"]),
                             ("peer survey: vote", "peer survey: vote", costs["peer survey: vote"]),
                             ("peer survey: get_results", "peer survey: get_results", None),
                             (f"trust scan: submit at {small:,}", f"trust scan@{small}: submit",
                              costs["submit"][small]),
                             (f"trust scan: submit at {large:,}", f"trust scan@{large}: submit",
                              costs["submit"][large])):
        row = h[key]
        target, ok = "", None
        if key.endswith(": submit"):
            target, ok = "<= 1.0 x vote (aim 0.6)", row["p50_ms"] <= TARGETS["write_vs_peer_vote"] * vote
        lines.append(f"| {label} | {row['p50_ms']} | {row['p95_ms']} | {cost['queries'] if cost else ''} "
                     f"| {row['p50_ms'] / floor:.1f} | {row['p50_ms'] / vote:.2f} | {target} | "
                     f"{'' if ok is None else verdict(ok)} |")
    r = f["render"]
    survey = r["peer survey"]["p50_ms"]
    lines += ["", "student_view render (runtime.render, no request)", "",
              "| block | p50 ms | p95 ms | x floor | x peer | target | |", "|---|---|---|---|---|---|---|"]
    for name, row in r.items():
        ok = None if name != "trust scan (30 items)" else row["p50_ms"] <= survey
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p50_ms'] / r['floor']['p50_ms']:.1f} | "
                     f"{row['p50_ms'] / survey:.2f} | {'<= peer' if ok is not None else ''} | "
                     f"{'' if ok is None else verdict(ok)} |")
    lines += ["", "Staff views at scale (time, peak traced memory)", "",
              "| participants | staff_report s | MB | export_csv s | MB | generate_report_data s | MB |",
              "|---|---|---|---|---|---|---|"]
    for size, row in f["staff"].items():
        lines.append(f"| {size} | " + " | ".join(f"{row[k]['seconds']} | {row[k]['peak_mb']}"
                                                 for k in ("staff_report", "export_csv", "generate_report_data"))
                     + " |")
    sizes = sorted(int(size) for size in f["staff"])
    if 10000 in sizes:
        big, mid = f["staff"][10000], f["staff"][1000]
        for name in ("staff_report", "export_csv", "generate_report_data"):
            growth = big[name]["seconds"] / max(mid[name]["seconds"], 1e-6)
            ok = (big[name]["seconds"] < TARGETS["staff_seconds_10k"]
                  and big[name]["peak_mb"] < TARGETS["staff_mb_10k"] and growth <= TARGETS["growth_1k_10k"])
            lines.append(f"| {name}: 10k < 2 s, < 200 MB, growth 1k->10k {growth:.1f}x (<= 10) | {verdict(ok)} |")
    else:
        lines.append(f"(quick run: staff cohorts {sizes})")
    lines += ["", "JS and CSS sent to the browser", "", "| block | JS bytes | CSS bytes | target | |",
              "|---|---|---|---|---|"]
    for name, row in f["assets"].items():
        lines.append(f"| {name} | {row['js_bytes']} | {row['css_bytes']} | < 30 KB | "
                     f"{verdict(row['total'] < TARGETS['asset_bytes'])} |")
    courses = f["sample_courses"]
    lines += ["", "Sample-course builder: " + (f"{courses['courses']} courses in {courses['seconds']} s"
                                               if courses else "not present yet")]
    if f.get("groups"):
        lines += groups_bench.report(f["groups"])
    if f.get("case"):
        lines += case_bench.report(f["case"])
    if f.get("dialogue"):
        lines += dialogue_bench.report(f["dialogue"])
    if f.get("dialogue_staff"):
        lines += dialogue_bench.report_staff(f["dialogue_staff"])
    if f.get("feedback_round"):
        lines += feedback_round_bench.report(f["feedback_round"])
    if f.get("sessions"):
        lines += sessions_bench.report(f["sessions"])
    if f.get("programme"):
        lines += programme_bench.report(f["programme"])
    lines += writes_beside_vote(f)
    return "\n".join(lines)


TRUST_SCAN_WRITES = ("save_draft", "submit", "save_reflection", "start_retake", "submit (retake)")


def writes_beside_vote(f):
    """One table of every participant write of every block, each a new participant's first
    of its kind, p50 over xblock-poll's vote in the same rounds, at both cohort sizes."""
    h = f["handlers"]
    small, large = f["participant_sizes"]
    rows = [(f"trust scan: {name}", {size: {**h[f"trust scan@{size}: {name}"],
                                            "vote_p50_ms": h["peer survey: vote"]["p50_ms"]} for size in (small, large)})
            for name in TRUST_SCAN_WRITES]
    for block, key, module in (("small groups", "groups", groups_bench), ("case tracker", "case", case_bench),
                               ("dialogue", "dialogue", dialogue_bench),
                               ("feedback round", "feedback_round", feedback_round_bench),
                               ("sessions", "sessions", sessions_bench)):
        figures = f.get(key)
        if not figures:
            continue
        sizes = figures["sizes"]
        rows += [(f"{block}: {name}", {size: figures["rows"][size][name] for size in (sizes[0], sizes[-1])})
                 for name in module.WRITES]
    lines = ["", "Every participant write beside xblock-poll's vote (each a new participant's first write of its "
                 "kind; p50 ms and p50 over the vote's p50 in the same rounds; at the small / large cohort)", "",
             "| write | p50 ms | vote p50 ms | x vote | target | |", "|---|---|---|---|---|---|"]
    for name, by_size in rows:
        ratios = [row["p50_ms"] / row["vote_p50_ms"] for row in by_size.values()]
        ok = max(ratios) <= TARGETS["write_vs_peer_vote"]
        lines.append(f"| {name} | {' / '.join(str(row['p50_ms']) for row in by_size.values())} | "
                     f"{' / '.join(str(row['vote_p50_ms']) for row in by_size.values())} | "
                     f"{' / '.join(f'{r:.2f}' for r in ratios)} | <= 1.0x vote (aim 0.6) | {verdict(ok)} |")
    return lines


def _cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    main()
