"""What every block's benchmark module shares: timing a staff view, and the table of a
participant's requests at the small and the large cohort."""
import gc
import time
import tracemalloc


def best_time_and_peak(name, call):
    """The best of three calls (what the code costs when the machine does not get in the
    way: one call on a shared machine varied twofold), and the peak traced memory of a
    fourth (tracemalloc slows Python down, so it stays out of the timed calls).
    A failing response is an error, not a figure."""
    times = []
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - started)
        status = getattr(response, "status_code", 200)
        if not 200 <= status < 300:
            raise RuntimeError(f"{name} failed: {status}")
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": round(min(times), 3), "peak_mb": round(peak / 2**20, 1)}


def growth_table(title, figures, target):
    """Markdown lines: each request's p50 at the smallest and the largest cohort, and its growth."""
    small, large = figures["sizes"][0], figures["sizes"][-1]
    lines = ["", f"{title} at {small} and {large:,} participants (p50 ms)", "",
             f"| request | at {small} | at {large:,} | growth | target | |", "|---|---|---|---|---|---|"]
    for name in figures["rows"][small]:
        a, b = figures["rows"][small][name]["p50_ms"], figures["rows"][large][name]["p50_ms"]
        growth = b / max(a, 1e-6)
        lines.append(f"| {name} | {a} | {b} | {growth:.2f}x | <= {target}x | "
                     f"{'PASS' if growth <= target else 'MISS'} |")
    return lines
