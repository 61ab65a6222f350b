"""`benchmarks/run.py --only <section>`: one section alone (on a shared machine, a couple of
minutes instead of the whole run): `programme`, the programme overview at the size the
full run measures it; `dialogue`, the facilitator's live view and CSV at 10,000;
`feedback`, the feedback round's staff overview and CSV at 10,000 (its course and
seeding as in the full run);
`writes`, the participant writes of the group blocks, the case tracker, the dialogue and the sessions
beside xblock-poll's vote, with their queries and SQLite instructions
(benchmarks/writes_bench.py); `sessions`, the session block's participant requests at 20 and
5,000 participants, as the full run measures them. Prints its table headed by the machine and the date; writes
no results file, so the committed figures stay the full run's."""
import os
import platform
import time

import django

from benchmarks import dialogue_bench, feedback_round_bench, programme_bench, sessions_bench, writes_bench

# name: (measure(timed, vote, beside_vote), report), each at the size the full run uses.
# `timed` is run.py's p50 and p95 of a call, `vote()` one vote of a new participant in
# xblock-poll's survey, `beside_vote` run.py's timing of a call with a vote after each sample.
SECTIONS = {"programme": (lambda timed, vote, beside_vote: programme_bench.measure(10000), programme_bench.report),
            "dialogue": (lambda timed, vote, beside_vote: dialogue_bench.measure_staff(timed, 10000),
                         dialogue_bench.report_staff),
            "feedback": (lambda timed, vote, beside_vote: feedback_round_bench.measure_staff(10000),
                         feedback_round_bench.report_staff),
            "writes": (lambda timed, vote, beside_vote: writes_bench.measure(vote, beside_vote), writes_bench.report),
            "sessions": (lambda timed, vote, beside_vote: sessions_bench.measure(beside_vote, 200),
                         sessions_bench.report)}


def run(name, setup, cpu, timed, vote_of):
    """Set the workbench up (`setup`: run.py's), measure the section, print its table;
    `vote_of(ids)` gives the vote and the timing beside it for the ids `setup` made."""
    ids = setup()
    measure, report = SECTIONS[name]
    started = time.time()
    figures = measure(timed, *vote_of(ids))
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"Django {django.get_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"section {name} took {round(time.time() - started, 1)} s (--only {name}: not written to results)")
    print("\n".join(report(figures)))
