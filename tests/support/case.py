"""Courses with a case tracker of their own, for tests and benchmarks."""
import uuid

from workbench.scenarios import add_xml_scenario, get_scenarios

from tests.support.groups import arrange, store_of  # noqa: F401  (re-exported for the case tests)

# Sessions around a fixed "today" (tests move the calendar with `today` in block.py).
SESSIONS = """
- number: 1
  date: 2026-01-14
  theme: {nl: Vertrouwen bouwen, en: Building trust}
  opens_case: true
- number: 2
  date: 2026-02-11
  theme: {nl: Condities voor vertrouwen, en: Conditions for trust}
- number: 3
  date: 2026-03-25
  theme: {nl: Dialogisch leiderschap, en: Dialogic leadership}
- number: 4
  date: 2026-04-22
  theme: {nl: Goede praktijken, en: Good practices}
- number: 5
  date: 2026-06-10
  theme: {nl: Verandermanagement, en: Managing change}
- number: 6
  date: 2026-09-16
  theme: {nl: Drie thema's, en: Three themes}
- number: 7
  date: 2026-10-14
  theme: {nl: Slotbijeenkomst, en: Closing day}
  log_entry: false
  counts: false
  paper: true
  presentation: true
"""

# The VU programme's 2021 run as seed 001 lists it (seven dates, its own themes): a
# realistic timetable for the rule's tests. The package ships no programme's timetable.
VU_2021_SESSIONS_YAML = """\
- number: 1
  date: 2021-01-13
  theme: {nl: Vertrouwen bouwen en behouden, en: Building and keeping trust}
  opens_case: true
- number: 2
  date: 2021-02-10
  theme: {nl: Condities voor vertrouwen, en: Conditions for trust}
- number: 3
  date: 2021-03-24
  theme: {nl: Dialogisch leiderschap, en: Dialogic leadership}
- number: 4
  date: 2021-04-21
  theme: {nl: Goede praktijken, en: Good practices}
- number: 5
  date: 2021-06-09
  theme: {nl: Verandermanagement naar sturen vanuit vertrouwen, en: Managing the change to governing from trust}
- number: 6
  date: 2021-09-15
  theme: {nl: "Contracteren, ketens en de lerende bureaucratie", en: "Contracting, chains and the learning bureaucracy"}
- number: 7
  date: 2021-10-13
  theme: {nl: Slotbijeenkomst met presentaties, en: Closing day with presentations}
  log_entry: false
  counts: false
  paper: true
  presentation: true
"""


def new_case_course(extra="", set_name="casegroups", sessions=SESSIONS, blocks=1, extras=None):
    """A new scenario (a course of its own) with `blocks` case blocks (or one per item of
    `extras`, each block's own extra attributes); returns (scenario id, [usage ids])."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"casetest.{tag}"
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    extras = extras if extras is not None else [""] * blocks
    xml = "<vertical_demo>" + "".join(
        f'<leergang_case group_set_name="{set_name}" {extra} {own}><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{sessions}</option:sessions_yaml></leergang_case>'
        for own in extras) + "</vertical_demo>"
    add_xml_scenario(scenario, f"case test {tag}", xml)
    from workbench.runtime import WorkbenchRuntime
    runtime = WorkbenchRuntime("loader")
    root = runtime.get_block(get_scenarios()[scenario].usage_id)
    return scenario, [str(child) for child in root.children]


def case_store_of(usage_id):
    """The group set store of a case block (for `arrange`)."""
    return store_of(usage_id)


def newcomer(scenario):
    """A participant who opened the course's page once: (Participant, anonymous id)."""
    from leergang_xblocks.core import platform
    from tests.support.workbench import Participant

    person = Participant(f"p{uuid.uuid4().hex[:8]}")
    person.page(scenario)
    return person, platform.workbench_anonymous_id(person.student_id)


def paper_ids(person, usage):
    """The ids of the participant's paper versions, oldest first (from their own data)."""
    response = person.get(usage, "my_data")
    assert response.status_code == 200, response.content
    return [r["data"]["id"] for r in response.json()["data"]["own_records"] if r["data"]["kind"] == "paper"]
