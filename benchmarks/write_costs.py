"""The deterministic cost of every participant write: SQL queries, SQLite instructions
(benchmarks/cost.py `measured`) and Python steps (`python_steps`), of xblock-poll's vote,
the trust scan's participant requests and every write of benchmarks/writes_bench.BLOCKS,
in a course of 20, each a new participant's first of its kind after two warm-up writes.
None of it depends on the machine's load: compare two commits by running it in each.

    cd <worktree> && OUT=/tmp/costs.json /work/main/.venv/bin/python benchmarks/write_costs.py

Prints a line per write (queries, instructions, steps) and writes them as JSON to OUT."""
import json
import os
import sys
import uuid

sys.argv = ["run.py"]
sys.path.insert(0, os.getcwd())
import benchmarks.run as run  # noqa: E402
from benchmarks import writes_bench  # noqa: E402
from benchmarks.cost import measured, participant_requests, python_steps  # noqa: E402

ids = run.setup()
vote, _ = run.vote_and_beside_vote(ids)
found = {}
for _ in range(3):
    vote()
with measured() as cost:
    vote()
with python_steps() as steps:
    vote()
found["vote"] = [cost["queries"], cost["sqlite_instructions"], steps["python_steps"]]
scenario, usage_id = run.participant_scans((20,))[20]
for round_number in range(3):   # a warm-up participant, one measured, one whose steps are counted
    person = run.Participant(f"bench_cost_{uuid.uuid4().hex[:8]}")
    for name, call in participant_requests(scenario, usage_id, person):
        if round_number == 1:
            with measured() as cost:
                call()
            found["trust scan: " + name] = [cost["queries"], cost["sqlite_instructions"]]
        elif round_number == 2:
            with python_steps() as steps:
                call()
            found["trust scan: " + name].append(steps["python_steps"])
        else:
            call()
for label, writes in writes_bench.BLOCKS:
    for name, (before, call) in writes(20).items():
        for index in range(2):
            before(index)
            call(index)
        before(2)
        with measured() as cost:
            call(2)
        before(3)
        with python_steps() as steps:
            call(3)
        found[f"{label}: {name}"] = [cost["queries"], cost["sqlite_instructions"], steps["python_steps"]]
for name, (queries, instructions, steps) in found.items():
    print(f"{name:45s} {queries:4d} {instructions:7d} {steps:9d}")
if os.environ.get("OUT"):
    with open(os.environ["OUT"], "w", encoding="utf-8") as out:
        json.dump(found, out)
