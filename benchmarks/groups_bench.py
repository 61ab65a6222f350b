"""Small groups: a participant's group read and group-scoped record read in a
course of 20 and of 5,000 participants (goal: flat, growth <= 1.5x), and a member's
first introduction beside xblock-poll's vote in the same rounds (goal: <= 1.0x).
Called by benchmarks/run.py, which prints this section under its own table."""
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks import fresh
from benchmarks.group_seeding import seed_groups
from benchmarks.tables import growth_table
from leergang_xblocks.core import platform
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
# The participant writes, each a new participant's first of its kind, held to <= 1.0x the vote.
WRITES = ("post_introduction",)


def measure(timed, repeat, sizes=(20, 5000)):
    rows = {}
    for size in sizes:
        scenario = f"bench.groups{size}"
        get_scenarios()  # the demo's scenarios first: adding one before would leave them out
        add_xml_scenario(scenario, f"bench groups {size}", '<leergang_groups group_set_name="bench"/>')
        usage_id = str(get_scenarios()[scenario].usage_id)
        students = seed_groups(usage_id, size, prefix=f"bg{size}_")
        course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
        person = Participant(students[len(students) // 2])
        # A group member's first introduction: what they wrote is forgotten before each sample.
        writer = Participant(students[len(students) // 2 + 1])
        rows[size] = {
            "group read (page)": timed(lambda i: person.page(scenario), repeat),
            "group records read": timed(lambda i: person.get(usage_id, "group_introductions"), repeat),
            "post_introduction": timed(
                lambda i: writer.post(usage_id, "post_introduction", {"text": f"Hallo {i}"}), repeat,
                before=lambda i: fresh.forget(course_id, [writer.student_id])),
        }
    return {"sizes": list(sizes), "rows": rows}


def report(figures):
    return growth_table("Small groups: participant requests", figures, GROWTH_TARGET,
                        writes=WRITES)
