"""Demo data for the programme overview's scenario (leergang_xblocks/programme/scenarios.py):
after demo_groups.py arranged the groups and the members posted their updates and took
their positions, the members' cases and entries, staff's attendance and the trust scans,
each through the blocks' own handlers as a participant's (or staff's) browser would call
them. So the overview shows a programme a few sessions in: some behind, some not.
Written once; the demo's "Reset state" writes it again."""
import datetime

import workbench.scenarios
from workbench.runtime import WorkbenchRuntime

from demo.demo_groups import DEMO_GROUPS, _blocks, _call

SCENARIO_PREFIX = "leergang_programme."
STAFF = "staff_programmabureau"
CASES = {
    "bram": "Ruimte voor de wijkteams bij de Wmo-aanvragen",
    "chris": "Klantcontact zonder scripts",
    "dewi": "Subsidies op basis van een gesprek",
    "emre": "Minder verantwoording in de jeugdzorgketen",
    "fleur": "Vertrouwen in de samenwerking met de woningcorporatie",
    "hanna": "Eigen regie voor de teams van de buitendienst",
}
# Who came to which session (1 to 3 lie before today in the demo's timetable).
ABSENT = {1: {"ilse"}, 2: {"emre", "ilse"}, 3: {"chris"}}
# Who did the first trust scan (everyone but Gijs and Ilse) and the second (a few already).
FIRST_SCAN = [m for members in DEMO_GROUPS.values() for m in members if m not in ("gijs", "ilse")]
SECOND_SCAN = ["bram", "dewi", "hanna"]


def seed_programme_scenarios():
    runtime = WorkbenchRuntime()
    for scenario_id, scenario in sorted(workbench.scenarios.SCENARIOS.items()):
        if scenario_id.startswith(SCENARIO_PREFIX):
            by_type = {}
            for block in _blocks(runtime, runtime.get_block(scenario.usage_id)):
                by_type.setdefault(block.scope_ids.block_type, []).append(block)
            _seed(by_type)


def _seed(by_type):
    from leergang_xblocks.case.demo_content import seed_demo_case
    from leergang_xblocks.core import platform

    cases = by_type.get("leergang_case", [])
    if not cases:
        return
    case = cases[0]
    usage = str(case.scope_ids.usage_id)
    if any(row["title"] for row in case.overview_rows(with_names=False)):
        return   # written before (or by the visitor): keep it
    seed_demo_case(case)   # Anna's case: six fields, entries and a comment from staff
    asked = set(case.field_keys)
    soon = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    past = (datetime.date.today() - datetime.timedelta(days=12)).isoformat()
    for index, (member, title) in enumerate(CASES.items()):
        fields = {key: value for key, value in {"title": title, "purpose": "Meer ruimte voor vakmanschap",
                                                "problem": "Regels staan het gesprek in de weg"}.items()
                  if key in asked}
        _call(usage, member, "save_case", {"fields": fields})
        for session in (1, 2) if index % 3 else (1,):
            _call(usage, member, "log_entry", {
                "session": session, "parts": {},
                "reflection": {"action": f"Gesprekken gevoerd over: {title.lower()}."}, "actions": [{"text": "Met de wethouder in gesprek", "due": past if index % 2 else soon}],
                "carried": {}, "seen": 0})
    everyone = [m for members in DEMO_GROUPS.values() for m in members]
    for session, absent in ABSENT.items():
        _call(usage, STAFF, "record_attendance", {"session": session, "present": {
            platform.workbench_anonymous_id(m): m not in absent for m in everyone}})
    scans = by_type.get("leergang_trust_scan", [])
    for scan, members in zip(scans, (FIRST_SCAN, SECOND_SCAN)):
        items = scan.instrument.item_keys
        for offset, member in enumerate(members):
            answers = {key: 1 + (n + offset) % 5 for n, key in enumerate(items)}
            _call(str(scan.scope_ids.usage_id), member, "submit", {"answers": answers})
