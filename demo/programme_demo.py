"""Demo data for the programme overview: the programme scenario
(leergang_xblocks/programme/scenarios.py) and, when the demo command asks for it, every
sample course (each opens with a staff-only programme overview unit).

After demo_groups.py arranged the groups (and, in the programme scenario, the members
posted their updates and took their positions), this writes the members' cases and
entries, staff's attendance for sessions 1 to 3 and the trust scans, each through the
blocks' own handlers as a participant's (or staff's) browser would call them. A sample
course also gets its members' work in every feedback round and dilemma and, where it
has one, questions and evaluations for a session. So the overview shows a programme a
few sessions in: some behind, some not.

Written once; the demo's "Reset state" writes it again. The sample courses are written
only when `SAMPLE_WORK_VARIABLE` is set (scripts/demo.sh sets it): they hold some twenty
blocks each, and the test servers start without their work (demo/demo_groups.py)."""
import datetime
import os

import workbench.scenarios
from workbench.runtime import WorkbenchRuntime

from demo.demo_groups import CONTENT, DEMO_GROUPS, _blocks, _call

SCENARIO_PREFIX = "leergang_programme."
SAMPLE_COURSE_PREFIX = "sample_course."
SAMPLE_WORK_VARIABLE = "LEERGANG_DEMO_SAMPLE_WORK"
STAFF = "staff_programmabureau"
CASES = {
    "bram": "Ruimte voor de wijkteams bij de Wmo-aanvragen",
    "chris": "Klantcontact zonder scripts",
    "dewi": "Subsidies op basis van een gesprek",
    "emre": "Minder verantwoording in de jeugdzorgketen",
    "fleur": "Vertrouwen in de samenwerking met de woningcorporatie",
    "hanna": "Eigen regie voor de teams van de buitendienst",
}
# A team case (case_mode "team"): one member of each group describes the team's case.
TEAM_CASES = {
    "Groep Noord": "Samen met bewoners de buurtbudgetten verdelen",
    "Groep Midden": "Eén loket voor werk en inkomen in de regio",
    "Groep Zuid": "Minder controle vooraf bij kleine subsidies",
}
# Who came to which session (1 to 3 lie before today in the demo's timetable).
ABSENT = {1: {"ilse"}, 2: {"emre", "ilse"}, 3: {"chris"}}
# Who did the first trust scan (everyone but Gijs and Ilse) and the second (a few already).
FIRST_SCAN = [m for members in DEMO_GROUPS.values() for m in members if m not in ("gijs", "ilse")]
SECOND_SCAN = ["bram", "dewi", "hanna"]
# The blocks of a sample course whose group work demo_groups.py writes in the other scenarios.
SAMPLE_GROUP_WORK = ("leergang_feedback_round", "leergang_dialogue")


def seed_programme_scenarios():
    seed_scenarios(SCENARIO_PREFIX)


def sample_work_wanted():
    """The demo command asked for the sample courses' work (scripts/demo.sh)."""
    return bool(os.environ.get(SAMPLE_WORK_VARIABLE))


def seed_sample_courses():
    seed_scenarios(SAMPLE_COURSE_PREFIX)


def seed_scenarios(prefix):
    """Realistic work in every scenario whose id starts with `prefix`, once."""
    runtime = WorkbenchRuntime()
    for scenario_id, scenario in sorted(workbench.scenarios.SCENARIOS.items()):
        if scenario_id.startswith(prefix):
            seed_scenario(runtime, scenario, sample_course=prefix == SAMPLE_COURSE_PREFIX)


def seed_scenario(runtime, scenario, sample_course=False):
    by_type = {}
    for block in _blocks(runtime, runtime.get_block(scenario.usage_id)):
        by_type.setdefault(block.scope_ids.block_type, []).append(block)
    cases = by_type.get("leergang_case", [])
    if not cases or _seeded(cases[0]):
        return   # nothing to show work in, or written before (or by the visitor): keep it
    if sample_course:
        _group_work(by_type)
    _seed_cases(cases[0])
    _seed_scans(by_type.get("leergang_trust_scan", []))
    if sample_course:
        for session in by_type.get("leergang_session", []):
            _seed_session(session)


def _seeded(case):
    """Someone besides Anna (whose case the demo writes elsewhere) has a case with a title."""
    from leergang_xblocks.case.demo_content import DEMO_PARTICIPANT
    from leergang_xblocks.core import platform

    anna = platform.workbench_anonymous_id(DEMO_PARTICIPANT)
    return any(row["title"] for row in case.overview_rows(with_names=False) if row["id"] != anna)


def _group_work(by_type):
    """The members' updates and feedback in each round and their positions in each dilemma
    (demo_groups.py's writers, which the other scenarios get when their groups are arranged)."""
    for block_type in SAMPLE_GROUP_WORK:
        for block in by_type.get(block_type, []):
            CONTENT[block_type](str(block.scope_ids.usage_id), block)


def _seed_cases(case):
    from leergang_xblocks.case.demo_content import seed_demo_case
    from leergang_xblocks.core import platform

    usage = str(case.scope_ids.usage_id)
    team_mode = getattr(case, "case_mode", "") == "team"
    if not team_mode:
        seed_demo_case(case)   # Anna's case: six fields, entries and a comment from staff (kept if she has one)
    asked = set(case.field_keys)
    soon = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    past = (datetime.date.today() - datetime.timedelta(days=12)).isoformat()
    writers = ({members[1]: TEAM_CASES[group] for group, members in DEMO_GROUPS.items()} if team_mode
               else CASES)
    step = _first_reflection_step(case)
    for index, (member, title) in enumerate(writers.items()):
        fields = {key: value for key, value in {"title": title, "purpose": "Meer ruimte voor vakmanschap",
                                                "problem": "Regels staan het gesprek in de weg"}.items()
                  if key in asked}
        _call(usage, member, "save_case", {"fields": fields})
        for session in (1, 2) if index % 3 else (1,):
            _call(usage, member, "log_entry", {
                "session": session, "parts": {},
                "reflection": {step: f"Gesprekken gevoerd over: {title.lower()}."},
                "actions": [{"text": "Met de wethouder in gesprek", "due": past if index % 2 else soon}],
                "carried": {}, "seen": 0})
    everyone = [m for members in DEMO_GROUPS.values() for m in members]
    for session, absent in ABSENT.items():
        _call(usage, STAFF, "record_attendance", {"session": session, "present": {
            platform.workbench_anonymous_id(m): m not in absent for m in everyone}})


def _first_reflection_step(case):
    """The first step of the reflection the case's entries ask for (the course's template)."""
    from leergang_xblocks.case import config

    _label, steps = config.REFLECTION_TEMPLATES.get(case.reflection_template, config.REFLECTION_TEMPLATES["free"])
    return steps[0][0]


def _seed_scans(scans):
    for scan, members in zip(scans, (FIRST_SCAN, SECOND_SCAN)):
        items = scan.instrument.item_keys
        for offset, member in enumerate(members):
            answers = {key: 1 + (n + offset) % 5 for n, key in enumerate(items)}
            _call(str(scan.scope_ids.usage_id), member, "submit", {"answers": answers})


def _seed_session(session):
    """Questions for the speakers (Bram's endorsed by Chris and Dewi) and three evaluations,
    with the sessions scenario's texts (leergang_xblocks/sessions/demo_content.py)."""
    from leergang_xblocks.sessions.demo_content import ANSWERS, QUESTIONS

    usage = str(session.scope_ids.usage_id)
    posted = None
    for member, text in QUESTIONS.items() if session.asks_questions else ():
        posted = _call(usage, member, "post_question", {"text": text}) or posted
    bram = QUESTIONS["bram"]
    question = next((q["id"] for q in (posted or {}).get("questions", []) if q["text"] == bram), None)
    for member in ("chris", "dewi") if question else ():
        _call(usage, member, "endorse_question", {"question": question, "endorse": True})
    keys = [scale.key for scale in session.scales]
    for offset, (member, (_scales, text)) in enumerate(ANSWERS.items() if session.asks_evaluation else ()):
        _call(usage, member, "answer_evaluation", {
            "scales": {key: 3 + (n + offset) % 3 for n, key in enumerate(keys)}, "open": text})
