"""Profile the trust scan's submit (or its retake) beside xblock-poll's vote, as
benchmarks/profile_write.py does for the blocks of benchmarks/writes_bench.BLOCKS (the
trust scan is not among them): each sample a new participant of a course of SIZE, set
up untimed with the requests a new participant makes before it (benchmarks/cost.py
`participant_requests`), then removed (run.py `forget_participant`).

    cd <worktree> && WRITE=submit /work/main/.venv/bin/python benchmarks/profile_trust_scan_write.py

WRITE=submit|retake, SIZE=20, N=40, PROFILE=1, STEPS=1, SORT=cumulative, LINES=60. Prints the
write's queries and SQLite instructions, its Python steps and the vote's, the mean and p50 ms of
write and vote in the same rounds, and a cProfile of N writes."""
import cProfile
import os
import pstats
import statistics
import sys
import time
import uuid

sys.argv = ["run.py"]
sys.path.insert(0, os.getcwd())
import benchmarks.run as run  # noqa: E402
from benchmarks.cost import measured, participant_requests, python_steps  # noqa: E402

ids = run.setup()
vote, _ = run.vote_and_beside_vote(ids)
size = int(os.environ.get("SIZE", "20"))
scenario, usage_id = run.participant_scans((size,))[size]
retake = os.environ.get("WRITE", "submit") == "retake"
BEFORE = ["student_view", "save_draft"] + (["submit", "results", "save_reflection", "start_retake"] if retake else [])


def prepared(index):
    """A new participant who has made the requests before the write; and the write."""
    person = run.Participant(f"bench_prof_{index}_{uuid.uuid4().hex[:8]}")
    requests = dict(participant_requests(scenario, usage_id, person))
    for name in BEFORE:
        run._check(requests[name](), name)
    return person, requests["submit (retake)" if retake else "submit"]


for index in range(5):
    person, call = prepared(index)
    run._check(call(), "write")
    vote()
    run.forget_participant(person.student_id)
person, call = prepared(5)
with measured() as cost:
    run._check(call(), "write")
run.forget_participant(person.student_id)
print("cost of one write:", dict(cost))
if os.environ.get("STEPS", "1") == "1":
    person, call = prepared(6)
    with python_steps() as steps:
        call()
    run.forget_participant(person.student_id)
    with python_steps() as vote_steps:
        vote()
    print("python steps:", dict(steps), "vote:", dict(vote_steps))
N = int(os.environ.get("N", "40"))
writes, votes = [], []
for index in range(10, 10 + N):
    person, call = prepared(index)
    started = time.perf_counter()
    run._check(call(), "write")
    writes.append(time.perf_counter() - started)
    started = time.perf_counter()
    vote()
    votes.append(time.perf_counter() - started)
    run.forget_participant(person.student_id)
p50, vote_p50 = statistics.median(writes), statistics.median(votes)
print(f"write {sum(writes) / N * 1000:.1f} ms, vote {sum(votes) / N * 1000:.1f} ms (means); "
      f"p50 {p50 * 1000:.1f} / {vote_p50 * 1000:.1f} = {p50 / vote_p50:.2f}x")
if os.environ.get("PROFILE", "1") == "1":
    profile = cProfile.Profile()
    for index in range(100, 100 + N):
        person, call = prepared(index)
        profile.enable()
        call()
        profile.disable()
        run.forget_participant(person.student_id)
    pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("LINES", "60")))
