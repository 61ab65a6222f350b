"""What every block's benchmark module shares: timing a staff view, the table of a
participant's requests at the small and the large cohort, and the table of staff views."""
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


WRITE_VS_VOTE = 1.0   # a participant write's p50 <= xblock-poll's vote in the same rounds (aim 0.6)


def growth_table(title, figures, target, writes=()):
    """Markdown lines: each request's p50 at the smallest and the largest cohort, its growth,
    and (rows timed beside xblock-poll's vote) its p50 over the vote's in the same rounds;
    `writes` are the participant writes held to <= 1.0x the vote."""
    small, large = figures["sizes"][0], figures["sizes"][-1]
    lines = ["", f"{title} at {small} and {large:,} participants (p50 ms; x vote: over xblock-poll's vote "
                 "in the same rounds)", "",
             f"| request | at {small} | at {large:,} | growth | x vote at {small} / {large:,} | target | |",
             "|---|---|---|---|---|---|---|"]
    for name in figures["rows"][small]:
        at_small, at_large = figures["rows"][small][name], figures["rows"][large][name]
        a, b = at_small["p50_ms"], at_large["p50_ms"]
        growth = b / max(a, 1e-6)
        ok, goal = growth <= target, f"growth <= {target}x"
        versus = ""
        if "vote_p50_ms" in at_small and "vote_p50_ms" in at_large:
            x_small, x_large = a / at_small["vote_p50_ms"], b / at_large["vote_p50_ms"]
            versus = f"{x_small:.2f} / {x_large:.2f}"
            if name in writes:
                ok = ok and max(x_small, x_large) <= WRITE_VS_VOTE
                goal += f", <= {WRITE_VS_VOTE}x vote"
        lines.append(f"| {name} | {a} | {b} | {growth:.2f}x | {versus} | {goal} | {'PASS' if ok else 'MISS'} |")
    return lines


def staff_table(title, staff, seconds, megabytes, first_column="request", target=None):
    """The staff views' table: each view's best time and peak memory against `seconds` and
    `megabytes`; `target` is the target column's text (by default from those two)."""
    target = target or f"< {seconds} s, < {megabytes} MB"
    lines = ["", title, "", f"| {first_column} | seconds | peak MB | target | |", "|---|---|---|---|---|"]
    for name, row in staff.items():
        ok = row["seconds"] < seconds and row["peak_mb"] < megabytes
        lines.append(f"| {name} | {row['seconds']} | {row['peak_mb']} | {target} | {'PASS' if ok else 'MISS'} |")
    return lines
