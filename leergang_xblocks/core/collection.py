"""Building a staff view of every participant without Python's cycle collector.

A staff view of 10,000 participants (the programme overview: every block's figures
per participant) allocates a few million dicts, lists and tuples that all stay alive
until the answer is sent. Each time enough of them survive, CPython's cycle collector
runs a full collection over the whole heap, the view's growing rows included: measured
at 10,000 participants on 2026-12-07 (workbench, SQLite, the benchmark's seeded
programme, best of three), the overview took 3.3-3.7 s with the collector and 1.9 s
without it, the same code otherwise. The rows hold no reference cycles, so reference
counting frees them as before; only the collector's passes wait until the view is
built, and run once afterwards.

`gc.disable()` is process-wide: another thread of the same worker runs without the
collector for those seconds too (its memory is freed by reference counting as usual;
cycles wait). Nested or overlapping uses leave the collector as the outermost found it.
"""
import contextlib
import gc


@contextlib.contextmanager
def cycle_collection_paused():
    """Run the block without the cycle collector; switch it back on afterwards if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
