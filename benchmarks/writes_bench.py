"""`bash scripts/bench.sh --only writes`: every participant write of the group blocks, the
case tracker, the dialogue and the sessions (each a new participant's first of its kind, set up as
the full run sets it up: the blocks' own `first_writes`), in a course of 20, with its
deterministic cost (SQL queries and SQLite instructions, benchmarks/cost.py) and its
p50 beside xblock-poll's vote in the same rounds. A few minutes instead of the whole
run; the full run times the same writes at 20 and 5,000 as well."""
from workbench.runtime import WorkbenchRuntime

from benchmarks import case_bench, dialogue_bench, feedback_round_bench, groups_bench, sessions_bench
from benchmarks.case_seeding import seed_cases
from benchmarks.cost import analyze, measured
from benchmarks.dialogue_bench import other_reason, seed_positions
from benchmarks.feedback_round_seeding import seed_rounds
from benchmarks.tables import WRITE_VS_VOTE
from leergang_xblocks.core import platform
from tests.support.workbench import Participant

SIZE = 20
REPEAT = 60


def _groups_writes(size):
    _scenario, usage_id, course_id, students = groups_bench.course("wgroups", size, "benchw")
    return groups_bench.first_writes(usage_id, course_id, students)


def _case_writes(size):
    _scenario, usage_id, course_id = case_bench.course(f"wcase{size}")
    seed_cases(course_id, "case", size, prefix=f"bwc{size}_")
    analyze()
    return case_bench.first_writes(usage_id, course_id, Participant(f"bwc{size}_new"))


def _dialogue_writes(size):
    _scenario, usage_id = dialogue_bench.new_scenario(f"w{size}")
    seed_positions(usage_id, size, prefix=f"bwd{size}_")
    return dialogue_bench.first_writes(usage_id, Participant(f"bwd{size}_new"), other_reason(usage_id, size))


def _round_writes(size):
    _scenario, usage_id = feedback_round_bench.course(f"w{size}")
    students = seed_rounds(usage_id, size, prefix=f"bwr{size}_")
    course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
    writes = feedback_round_bench.first_writes(usage_id, course_id, [Participant(s) for s in students[-4:]])
    _scenario, usage_id, case_id = feedback_round_bench.course_with_case(f"w{size}")
    students = seed_rounds(usage_id, size, prefix=f"bwrc{size}_")
    course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
    writes["follow_up_action"] = feedback_round_bench.first_writes(
        usage_id, course_id, [Participant(s) for s in students[-4:]], case_id)["follow_up_action"]
    return writes


def _session_writes(size):
    _scenario, usage_id = sessions_bench.new_scenario(f"w{size}")
    sessions_bench.seed(usage_id, size, prefix=f"bws{size}_")
    analyze()
    return sessions_bench.first_writes(usage_id, Participant(f"bws{size}_reader"), f"bws{size}_")


BLOCKS = (("small groups", _groups_writes), ("case tracker", _case_writes), ("dialogue", _dialogue_writes),
          ("feedback round", _round_writes), ("sessions", _session_writes))


def measure(vote, beside_vote, size=SIZE, repeat=REPEAT):
    """{"vote": cost of a new participant's vote, "rows": {label: cost and p50 beside the vote}}.
    `vote()` is one vote of a new participant; `beside_vote(call, repeat, before)` times
    `call` with a vote after each sample (benchmarks/run.py)."""
    vote()   # the process's first request of a kind pays for what it sets up once: counted after it
    with measured() as vote_cost:
        vote()
    rows = {}
    for block, writes_of in BLOCKS:
        for name, (before, call) in writes_of(size).items():
            before(0)
            call(0)
            before(1)
            with measured() as cost:
                response = call(1)
            if response.status_code != 200:
                raise RuntimeError(f"{block}: {name} failed: {response.status_code} {response.content[:200]}")
            rows[f"{block}: {name}"] = {**cost, **beside_vote(call, repeat, before=before)}
    return {"size": size, "repeat": repeat, "vote": dict(vote_cost), "rows": rows}


def report(figures):
    vote = figures["vote"]
    lines = ["", f"Every participant write of the group blocks, the case tracker, the dialogue and the sessions, each a new "
                 f"participant's first of its kind, in a course of {figures['size']} (queries and SQLite "
                 f"instructions of one write; p50 of {figures['repeat']} samples, each followed by one vote of a "
                 "new participant; x vote: over the vote's p50 in the same rounds)", "",
             "| write | queries | SQLite instructions | p50 ms | vote p50 ms | x vote | target | |",
             "|---|---|---|---|---|---|---|---|",
             f"| xblock-poll's vote | {vote['queries']} | {vote['sqlite_instructions']} | | | | | |"]
    for name, row in figures["rows"].items():
        ratio = row["p50_ms"] / row["vote_p50_ms"]
        lines.append(f"| {name} | {row['queries']} | {row['sqlite_instructions']} | {row['p50_ms']} | "
                     f"{row['vote_p50_ms']} | {ratio:.2f} | <= {WRITE_VS_VOTE}x vote (aim 0.6) | "
                     f"{'PASS' if ratio <= WRITE_VS_VOTE else 'MISS'} |")
    return lines
