"""The case tracker: a participant's requests in a course of 20 and of 5,000
participants (goal: flat, growth <= 1.5x), and the staff overview and CSV of
10,000 participants (goal: < 2 s and < 200 MB). Called by benchmarks/run.py,
which prints this section under its own table."""
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.case_seeding import seed_cases
from benchmarks.cost import analyze
from benchmarks.tables import best_time_and_peak, growth_table
from tests.support.case import SESSIONS
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
STAFF_SECONDS, STAFF_MB = 2.0, 200


def course(name):
    scenario = f"bench.{name}"
    add_xml_scenario(scenario, f"bench {name}", (
        '<leergang_case group_set_name="bench"><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'))
    usage_id = str(get_scenarios()[scenario].usage_id)
    block = WorkbenchRuntime("bench").get_block(usage_id)
    from leergang_xblocks.core import platform
    return scenario, usage_id, platform.course_id(block)


def participant_requests(scenario, usage_id, person):
    entry = {"session": 3, "parts": {"done": "Verder gewerkt"}, "reflection": {}, "actions": [
        {"text": "Volgende stap", "due": ""}], "carried": {}}
    return [
        ("page", lambda i: person.page(scenario)),
        ("save_draft", lambda i: person.post(usage_id, "save_draft", {"key": "paper", "data": {"text": f"x{i}"},
                                                                      "version": i})),
        ("log_entry", lambda i: person.post(usage_id, "log_entry", {**entry, "seen": i})),
        ("save_case", lambda i: person.post(usage_id, "save_case", {"fields": {"title": f"Casus {i}"}})),
        ("download", lambda i: person.get(usage_id, "download", "format=md")),
    ]


def measure(timed, repeat, sizes=(20, 5000), staff_size=10000):
    rows = {}
    for size in sizes:
        scenario, usage_id, course_id = course(f"case{size}")
        students = seed_cases(course_id, "case", size, prefix=f"bc{size}_")
        analyze()
        person = Participant(students[len(students) // 2])
        rows[size] = {name: timed(call, repeat) for name, call in participant_requests(scenario, usage_id, person)}
    scenario, usage_id, course_id = course(f"casestaff{staff_size}")
    seed_cases(course_id, "case", staff_size, prefix=f"bcs{staff_size}_")
    analyze()
    staff = Participant("staff_case_bench")
    staff_rows = {name: best_time_and_peak(name, call) for name, call in (
        ("staff_overview", lambda: staff.get(usage_id, "staff_overview", "names=0")),
        ("export_csv", lambda: staff.get(usage_id, "export_csv")))}
    return {"sizes": list(sizes), "rows": rows, "staff_size": staff_size, "staff": staff_rows}


def report(figures):
    lines = growth_table("Case tracker: participant requests", figures, GROWTH_TARGET,
                         writes=("save_draft", "log_entry", "save_case"))
    lines += ["", f"Case tracker: staff at {figures['staff_size']:,} participants", "",
              "| request | seconds | peak MB | target | |", "|---|---|---|---|---|"]
    for name, row in figures["staff"].items():
        ok = row["seconds"] < STAFF_SECONDS and row["peak_mb"] < STAFF_MB
        lines.append(f"| {name} | {row['seconds']} | {row['peak_mb']} | < {STAFF_SECONDS} s, < {STAFF_MB} MB | "
                     f"{'PASS' if ok else 'MISS'} |")
    return lines
