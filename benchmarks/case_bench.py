"""The case tracker: a participant's requests in a course of 20 and of 5,000
participants (goal: flat, growth <= 1.5x), and the staff overview and CSV of
10,000 participants (goal: < 2 s and < 200 MB). Each write is a new participant's
first of its kind, beside xblock-poll's vote in the same rounds (goal: <= 1.0x).
Called by benchmarks/run.py, which prints this section under its own table."""
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks import fresh
from benchmarks.case_seeding import seed_cases
from benchmarks.cost import analyze
from benchmarks.tables import best_time_and_peak, growth_table, staff_table
from tests.support.case import SESSIONS
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
# The participant writes, each a new participant's first of its kind, held to <= 1.0x the vote.
WRITES = ("save_draft", "log_entry", "save_case")
STAFF_SECONDS, STAFF_MB = 2.0, 200


def course(name):
    scenario = f"bench.{name}"
    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    add_xml_scenario(scenario, f"bench {name}", (
        '<leergang_case group_set_name="bench"><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'))
    usage_id = str(get_scenarios()[scenario].usage_id)
    block = WorkbenchRuntime("bench").get_block(usage_id)
    from leergang_xblocks.core import platform
    return scenario, usage_id, platform.course_id(block)


ENTRY = {"session": 3, "parts": {}, "reflection": {"action": "Verder gewerkt"}, "actions": [
    {"text": "Volgende stap", "due": ""}], "carried": {}}


def participant_requests(scenario, usage_id, person):
    """A participant's requests, repeatable on one participant (tests/perf counts them)."""
    return [
        ("page", lambda i: person.page(scenario)),
        ("save_draft", lambda i: person.post(usage_id, "save_draft", {"key": "paper", "data": {"text": f"x{i}"},
                                                                      "version": i})),
        ("log_entry", lambda i: person.post(usage_id, "log_entry", {**ENTRY, "seen": i})),
        ("save_case", lambda i: person.post(usage_id, "save_case", {"fields": {"title": f"Casus {i}"}})),
        ("download", lambda i: person.get(usage_id, "download", "format=md")),
    ]


def first_writes(usage_id, course_id, person):
    """Each write as a new participant's first of its kind: {name: (before, call)}, where
    `before(i)` (untimed) forgets the participant (benchmarks/fresh.py) and writes what
    the measured write needs first: a new participant defines their case (save_case),
    then writes their first log entry; their first autosave comes before either."""
    def new_participant(i):
        fresh.forget(course_id, [person.student_id], roster=True)

    def with_a_case(i):
        new_participant(i)
        person.post(usage_id, "save_case", {"fields": {"title": "Mijn casus"}})
    return {
        "save_draft": (new_participant, lambda i: person.post(usage_id, "save_draft", {
            "key": "paper", "data": {"text": f"x{i}"}, "version": 0})),
        "save_case": (new_participant, lambda i: person.post(usage_id, "save_case",
                                                             {"fields": {"title": f"Casus {i}"}})),
        "log_entry": (with_a_case, lambda i: person.post(usage_id, "log_entry", {**ENTRY, "seen": 0})),
    }


def measure(timed, repeat, sizes=(20, 5000), staff_size=10000):
    rows = {}
    for size in sizes:
        scenario, usage_id, course_id = course(f"case{size}")
        students = seed_cases(course_id, "case", size, prefix=f"bc{size}_")
        analyze()
        reader = Participant(students[len(students) // 2])
        rows[size] = {"page": timed(lambda i: reader.page(scenario), repeat)}
        for name, (before, call) in first_writes(usage_id, course_id, Participant(f"bc{size}_new")).items():
            rows[size][name] = timed(call, repeat, before=before)
        rows[size]["download"] = timed(lambda i: reader.get(usage_id, "download", "format=md"), repeat)
        fresh.forget(course_id, [f"bc{size}_new"], roster=True)
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
                         writes=WRITES)
    return lines + staff_table(f"Case tracker: staff at {figures['staff_size']:,} participants",
                               figures["staff"], STAFF_SECONDS, STAFF_MB)
