"""Courses with a programme overview and a block of each kind, for tests and benchmarks."""
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from leergang_xblocks.programme.scenarios import SCENARIOS
from tests.support import groups as groups_support


def new_programme(xml=None):
    """A new scenario (a course of its own) holding the programme scenario's blocks;
    returns (scenario id, {block type or url part: usage id})."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"programmetest.{tag}"
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    from demo.scenarios import without_url_names
    add_xml_scenario(scenario, f"programme test {tag}", without_url_names(xml or SCENARIOS[0][1]))
    runtime = WorkbenchRuntime("loader")
    root = runtime.get_block(get_scenarios()[scenario].usage_id)
    ids = {}
    for child in root.children:
        kind = runtime.get_block(child).scope_ids.block_type
        ids.setdefault(kind, []).append(str(child))
    return scenario, ids


def arrange(usage_id, groups_by_name):
    """Groups {name: [student ids]} in the group set of the block at `usage_id`."""
    return {g.name: g.id for g in groups_support.arrange(usage_id, groups_by_name).groups}
