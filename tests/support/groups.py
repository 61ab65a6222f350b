"""Courses with a small-groups block of their own, for tests and benchmarks."""
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from tests.support.workbench import Participant


def new_course(set_name="testset", extra=""):
    """A new one-block scenario (a course of its own in the workbench); returns (scenario id, usage id)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"groupstest.{tag}"
    # Load the demo's scenarios first: the workbench loads them only while it has
    # none, so a scenario added to an empty registry would keep them out for good.
    get_scenarios()
    add_xml_scenario(scenario, f"groups test {tag}", f'<leergang_groups group_set_name="{set_name}" {extra}/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def visit(scenario, student):
    """Open the scenario page as `student` (registers them on the group set's roster)."""
    response = Participant(student).page(scenario)
    assert response.status_code == 200, response.content[:300]
    return response


def store_of(usage_id):
    block = WorkbenchRuntime("store_reader").get_block(usage_id)
    return GroupSetStore(platform.course_id(block), block.group_set_name)


def arrange(usage_id, groups_by_name):
    """Save a version with these groups ({name: [student ids]}) straight into the store."""
    store = store_of(usage_id)
    latest = store.latest()
    names, spec = {}, []
    for index, (name, students) in enumerate(groups_by_name.items()):
        ids = [platform.workbench_anonymous_id(s) for s in students]
        names.update({platform.workbench_anonymous_id(s): s for s in students})
        spec.append({"key": f"g{latest.next_key + index}", "name": name, "members": ids})
    usernames = dict((platform.workbench_anonymous_id(s), s) for students in groups_by_name.values() for s in students)
    return store.save(latest.version, spec, names, usernames, "test")


def put_alone(groups, student_id, name):
    """Save a new version of the group set `groups` (core GroupSetStore) with the
    participant taken out of their group and in a new group `name` of their own."""
    latest = groups.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    spec = [{**g, "members": [m for m in g["members"] if m != anonymous_id]} for g in latest.as_spec()]
    spec.append({"key": f"g{latest.next_key}", "name": name, "members": [anonymous_id]})
    groups.save(latest.version, spec, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")
