"""Profile one participant write of `--only writes` beside xblock-poll's vote (the trust
scan has its own: benchmarks/profile_trust_scan_write.py).

    BLOCK="dialogue" WRITE=take_position .venv/bin/python benchmarks/profile_write.py

BLOCK is a label of benchmarks/writes_bench.BLOCKS ("small groups", "case tracker",
"dialogue", "feedback round", "sessions"); WRITE a key of that block's first writes. Each
sample is a new participant's first write of its kind, prepared untimed as the benchmark
prepares it. Prints the write's queries and SQLite instructions (benchmarks/cost.py
`measured`), the mean ms of write and vote in the same rounds (profiler off; on a shared
machine read the ratio, not the ms), and a cProfile of N writes.
Environment: N=40, SORT=cumulative (or tottime), LINES=60."""
import cProfile
import os
import pstats
import sys
import time

sys.argv = ["run.py"]
sys.path.insert(0, os.getcwd())
import benchmarks.run as run  # noqa: E402
from benchmarks import writes_bench  # noqa: E402
from benchmarks.cost import measured  # noqa: E402


def main():
    ids = run.setup()
    vote, _beside_vote = run.vote_and_beside_vote(ids)
    label, write = os.environ.get("BLOCK", "dialogue"), os.environ.get("WRITE", "take_position")
    writes_of = dict(writes_bench.BLOCKS)
    if label not in writes_of:
        sys.exit(f"BLOCK must be one of: {', '.join(writes_of)}")
    writes = writes_of[label](20)
    if write not in writes:
        sys.exit(f"WRITE must be one of: {', '.join(writes)}")
    before, call = writes[write]
    for index in range(5):   # warm: the first requests of a process compose and cache
        before(index)
        call(index)
        vote()
    before(5)
    with measured() as cost:
        call(5)
    print("cost of one write:", dict(cost))
    samples = int(os.environ.get("N", "40"))
    spent = spent_voting = 0.0
    for index in range(6, 6 + samples):
        before(index)
        started = time.perf_counter()
        call(index)
        spent += time.perf_counter() - started
        started = time.perf_counter()
        vote()
        spent_voting += time.perf_counter() - started
    print(f"write {spent / samples * 1000:.1f} ms, vote {spent_voting / samples * 1000:.1f} ms "
          f"(means, same rounds; ratio {spent / spent_voting:.2f})")
    profile = cProfile.Profile()
    for index in range(6 + samples, 6 + 2 * samples):
        before(index)
        profile.enable()
        call(index)
        profile.disable()
    pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("LINES", "60")))


if __name__ == "__main__":
    main()
