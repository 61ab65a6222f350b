"""`benchmarks/run.py --only <section>`: one staff section alone, at the size the full run
measures it (on a shared machine, a couple of minutes instead of the whole run). Prints
its table headed by the machine and the date; writes no results file, so the committed
figures stay the full run's."""
import os
import platform
import time

import django

from benchmarks import dialogue_bench, programme_bench

# name: (measure(timed), report), each at the size the full run uses.
SECTIONS = {"programme": (lambda timed: programme_bench.measure(10000), programme_bench.report),
            "dialogue": (lambda timed: dialogue_bench.measure_staff(timed, 10000), dialogue_bench.report_staff)}


def run(name, setup, cpu, timed):
    """Set the workbench up (`setup`: run.py's), measure the section (`timed`: run.py's
    p50 and p95 of a call), print its table."""
    setup()
    measure, report = SECTIONS[name]
    started = time.time()
    figures = measure(timed)
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"Django {django.get_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"section {name} took {round(time.time() - started, 1)} s (--only {name}: not written to results)")
    print("\n".join(report(figures)))
