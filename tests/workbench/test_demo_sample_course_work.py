"""The demo shows each sample course's programme overview with realistic work (issue 23):
the demo command (scripts/demo.sh) asks for it, and demo/programme_demo.py then writes the
members' cases, entries, attendance, round updates, positions and scans through the blocks'
own handlers; the test servers and this suite's workbench start without it."""
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import get_scenarios

from demo import demo_groups, programme_demo
from leergang_xblocks.core import platform
from tests.support.workbench import Participant
from tests.workbench.test_demo_vu_course import vu_scenario

STAFF = Participant("staff_programme")


def _overview(runtime, scenario):
    programme = next(block for block in programme_demo._blocks(runtime, runtime.get_block(scenario.usage_id))
                     if block.scope_ids.block_type == "leergang_programme")
    response = STAFF.get(str(programme.scope_ids.usage_id), "overview")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _titled(overview):
    return {row["id"] for row in overview["participants"] if row["case_title"]}


def test_the_vu_course_overview_shows_the_members_work_once_seeded_and_only_once():
    assert not programme_demo.sample_work_wanted()   # the suite's workbench starts without it
    runtime = WorkbenchRuntime()
    scenario = get_scenarios()[vu_scenario()]
    before = _overview(runtime, scenario)
    # Only Anna's case, which the demo always writes (leergang_xblocks/case/demo_content.py).
    assert _titled(before) <= {platform.workbench_anonymous_id("anna")}

    refused = len(demo_groups.REFUSED)
    programme_demo.seed_scenario(runtime, scenario, sample_course=True)
    assert demo_groups.REFUSED[refused:] == []
    seeded = _overview(runtime, scenario)
    rows = seeded["participants"]
    assert len(_titled(seeded)) >= 6
    assert sum(1 for row in rows if row["entry_total"]) >= 6
    absent = {row["id"] for row in rows if row["attendance"].get("3") is False}
    present = {row["id"] for row in rows if row["attendance"].get("1")}
    assert absent and len(present) >= 6
    assert any(row["overdue_actions"] for row in rows) and any(row["open_actions"] for row in rows)
    assert sum(row["posted"] for row in rows) > 0   # the rounds have the members' updates
    assert sum(row["gave"] for row in rows) > 0     # and Chris's feedback on Bram's

    programme_demo.seed_scenario(runtime, scenario, sample_course=True)
    assert demo_groups.REFUSED[refused:] == []
    assert _overview(runtime, scenario) == seeded   # written once: nothing more the second time
