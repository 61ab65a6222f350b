"""Speed and memory of the leergang blocks, beside the runtime's floor and a peer
block (xblock-poll's survey), measured in one run so the ratios hold on a noisy
machine. Prints a table and writes benchmarks/results/latest.json.

    bash scripts/bench.sh            # the whole run (a few minutes)
    bash scripts/bench.sh --quick    # fewer requests, smaller cohorts: a smoke run

Not a test: nothing here asserts a time. The one deterministic figure, SQL
queries per participant request, is also a test (tests/perf/).
"""
import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from workbench.runtime import WorkbenchRuntime  # noqa: E402
from workbench.scenarios import add_xml_scenario, get_scenarios  # noqa: E402
from xblock.core import XBlock  # noqa: E402

from benchmarks.floor_block import FloorBlock  # noqa: E402
from benchmarks import groups_bench  # noqa: E402
from benchmarks.seeding import seed_trust_scan  # noqa: E402
from tests.support.workbench import Participant  # noqa: E402

TARGETS = {
    "write_vs_peer_vote": 1.0,     # p50 of our writes <= the survey's vote
    "read_vs_floor": 5.0,          # p50 of our reads <= 5x the floor
    "staff_seconds_10k": 2.0,
    "staff_mb_10k": 200.0,
    "growth_1k_10k": 12.0,
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


def timed(call, repeat):
    samples = []
    for index in range(repeat):
        started = time.perf_counter()
        response = call(index)
        samples.append((time.perf_counter() - started) * 1000)
        if response is not None and getattr(response, "status_code", 200) >= 400:
            raise RuntimeError(f"benchmark request failed: {response.status_code} {response.content[:200]}")
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2), "n": repeat}


def child_usage(usage_id):
    """The block inside a one-block scenario (the scenario root is the block itself)."""
    return usage_id


def survey_vote_body(usage_id):
    block = WorkbenchRuntime("probe").get_block(usage_id)
    answer = block.answers[0][0]
    return {key: answer for key, _ in block.questions}


def handler_latency(ids, repeat):
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    full = {item.key: 3 for item in instrument.items}
    vote = survey_vote_body(ids["survey"])
    floor_person = Participant("bench_floor")
    drafter = Participant("bench_drafter")
    reader = Participant("bench_reader")
    reader.post(ids["scan"], "submit", {"answers": full})
    survey_reader = Participant("bench_survey_reader")
    survey_reader.post(ids["survey"], "vote", vote)
    fresh = lambda tag: Participant(f"bench_{tag}_{uuid.uuid4().hex[:8]}")  # noqa: E731
    rows = {
        "floor: noop": timed(lambda i: floor_person.post(ids["floor"], "noop", {}), repeat),
        "peer survey: vote": timed(lambda i: fresh("vote").post(ids["survey"], "vote", vote), repeat),
        "peer survey: get_results": timed(lambda i: survey_reader.post(ids["survey"], "get_results", {}), repeat),
        "trust scan: save_draft": timed(lambda i: drafter.post(
            ids["scan"], "save_draft", {"answers": {instrument.items[i % 30].key: 1 + i % 5}, "version": i}), repeat),
        "trust scan: submit": timed(lambda i: fresh("submit").post(ids["scan"], "submit", {"answers": full}), repeat),
        "trust scan: results": timed(lambda i: reader.get(ids["scan"], "results"), repeat),
    }
    return rows


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
        row = {}
        for name, call in (
            ("staff_report", lambda: staff.get(block_id, "staff_report")),
            ("export_csv", lambda: staff.get(block_id, "export_csv")),
            ("generate_report_data", lambda: list(WorkbenchRuntime("staff_bench").get_block(block_id)
                                                  .generate_report_data(iter(
                                                      SimpleNamespace(username=f"u{i}", state={"results_history": [s]})
                                                      for i, s in enumerate(states))))),
        ):
            # Time without tracemalloc (it slows Python down), memory in a second call.
            started = time.perf_counter()
            response = call()
            seconds = time.perf_counter() - started
            tracemalloc.start()
            call()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            if getattr(response, "status_code", 200) >= 400:
                raise RuntimeError(f"{name} failed at {size}")
            row[name] = {"seconds": round(seconds, 3), "peak_mb": round(peak / 2**20, 1)}
        results[size] = row
    return results


def query_counts(ids, sizes):
    """SQL queries of each participant request at two cohort sizes."""
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    full = {item.key: 4 for item in shipped_instrument("sturen_vanuit_vertrouwen").items}
    counts = {}
    for size in sizes:
        scenario = f"bench.queries{size}"
        add_xml_scenario(scenario, f"bench queries {size}", "<leergang_trust_scan/>")
        usage_id = str(get_scenarios()[scenario].usage_id)
        seed_trust_scan(WorkbenchRuntime("seeder").get_block(usage_id), size, prefix=f"q{size}_")
        person = Participant(f"bench_q_{size}")
        calls = [("save_draft", lambda: person.post(usage_id, "save_draft", {"answers": {}, "version": 0})),
                 ("submit", lambda: person.post(usage_id, "submit", {"answers": full})),
                 ("results", lambda: person.get(usage_id, "results")),
                 ("my_data", lambda: person.get(usage_id, "my_data"))]
        for name, call in calls:
            with CaptureQueriesContext(connection) as captured:
                call()
            counts.setdefault(name, {})[size] = len(captured.captured_queries)
    return counts


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
    parser.add_argument("--quick", action="store_true", help="fewer requests and smaller cohorts")
    args = parser.parse_args(argv)
    repeat = 30 if args.quick else 200
    sizes = (100, 1000) if args.quick else (100, 1000, 10000)
    started = time.time()
    ids = setup()
    figures = {
        "machine": {"cpu": _cpu(), "cores": os.cpu_count(), "python": platform.python_version(),
                    "django": django.get_version(), "date": time.strftime("%Y-%m-%d")},
        "handlers": handler_latency(ids, repeat),
        "render": render_times(ids, max(20, repeat // 4)),
        "assets": asset_bytes(ids),
        "staff": staff_scaling(ids, sizes),
        "queries": query_counts(ids, (10, 1000)),
        "sample_courses": sample_courses(),
        "groups": groups_bench.measure(timed, repeat, (20, 1000) if args.quick else (20, 5000)),  # helper H's section
    }
    figures["seconds"] = round(time.time() - started, 1)
    # A quick run is a smoke test: it never replaces the committed full figures.
    out = ROOT / "benchmarks" / "results" / ("quick.json" if args.quick else "latest.json")
    out.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    print(report(figures))
    print(f"\nWritten to {out.relative_to(ROOT)}")


def report(f):
    h = f["handlers"]
    floor, vote = h["floor: noop"]["p50_ms"], h["peer survey: vote"]["p50_ms"]
    lines = [f"Machine: {f['machine']['cpu']}, {f['machine']['cores']} cores, Python {f['machine']['python']}, "
             f"Django {f['machine']['django']}, {f['machine']['date']}; run took {f.get('seconds')} s", "",
             "Handler latency (workbench request path, SQLite)", "",
             "| handler | p50 ms | p95 ms | x floor | x peer vote | target | |", "|---|---|---|---|---|---|---|"]
    for name, row in h.items():
        target, ok = "", None
        if name in ("trust scan: save_draft", "trust scan: submit"):
            target, ok = "p50 <= peer vote", row["p50_ms"] <= vote * TARGETS["write_vs_peer_vote"]
        elif name == "trust scan: results":
            target, ok = "p50 <= 5x floor", row["p50_ms"] <= floor * TARGETS["read_vs_floor"]
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p50_ms'] / floor:.1f} | "
                     f"{row['p50_ms'] / vote:.2f} | {target} | {'' if ok is None else verdict(ok)} |")
    r = f["render"]
    survey = r["peer survey"]["p50_ms"]
    lines += ["", "student_view render", "", "| block | p50 ms | p95 ms | x floor | x peer | target | |",
              "|---|---|---|---|---|---|---|"]
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
                                                 for k in ("staff_report", "export_csv", "generate_report_data")) + " |")
    sizes = sorted(f["staff"])
    if 10000 in f["staff"]:
        big, mid = f["staff"][10000], f["staff"][1000]
        for name in ("staff_report", "export_csv", "generate_report_data"):
            growth = big[name]["seconds"] / max(mid[name]["seconds"], 1e-6)
            ok = (big[name]["seconds"] < TARGETS["staff_seconds_10k"] and big[name]["peak_mb"] < TARGETS["staff_mb_10k"]
                  and growth <= TARGETS["growth_1k_10k"])
            lines.append(f"| {name}: 10k < 2 s, < 200 MB, growth 1k->10k {growth:.1f}x (<= 12) | {verdict(ok)} |")
    else:
        lines.append(f"(quick run: cohorts {sizes})")
    lines += ["", "SQL queries per participant request", "", "| handler | at 10 | at 1,000 | |", "|---|---|---|---|"]
    for name, row in f["queries"].items():
        lines.append(f"| {name} | {row[10]} | {row[1000]} | {verdict(row[10] == row[1000])} |")
    lines += ["", "JS and CSS sent to the browser", "", "| block | JS bytes | CSS bytes | target | |", "|---|---|---|---|---|"]
    for name, row in f["assets"].items():
        lines.append(f"| {name} | {row['js_bytes']} | {row['css_bytes']} | < 30 KB | "
                     f"{verdict(row['total'] < TARGETS['asset_bytes'])} |")
    courses = f["sample_courses"]
    lines += ["", "Sample-course builder: " + (f"{courses['courses']} courses in {courses['seconds']} s"
                                               if courses else "not present yet")]
    if f.get("groups"):
        lines += groups_bench.report(f["groups"])
    return "\n".join(lines)


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
