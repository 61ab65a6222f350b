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


def course(tag, size, set_name):
    """(scenario, usage id, course id, students) of a groups block in a course of `size`
    seeded participants in groups (benchmarks/group_seeding.py)."""
    scenario = f"bench.{tag}{size}"
    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    add_xml_scenario(scenario, f"bench groups {size}", f'<leergang_groups group_set_name="{set_name}"/>')
    usage_id = str(get_scenarios()[scenario].usage_id)
    students = seed_groups(usage_id, size, prefix=f"b{tag}{size}_")
    return scenario, usage_id, platform.course_id(WorkbenchRuntime("reader").get_block(usage_id)), students


def first_writes(usage_id, course_id, students):
    """{name: (before, call)}: a group member's first introduction; what they wrote is
    forgotten before each sample (`before`, untimed)."""
    writer = Participant(students[len(students) // 2 + 1])
    return {"post_introduction": (lambda i: fresh.forget(course_id, [writer.student_id]),
                                  lambda i: writer.post(usage_id, "post_introduction", {"text": f"Hallo {i}"}))}


def measure(timed, repeat, sizes=(20, 5000)):
    rows = {}
    for size in sizes:
        scenario, usage_id, course_id, students = course("groups", size, "bench")
        person = Participant(students[len(students) // 2])
        before, write = first_writes(usage_id, course_id, students)["post_introduction"]
        rows[size] = {
            "group read (page)": timed(lambda i: person.page(scenario), repeat),
            "group records read": timed(lambda i: person.get(usage_id, "group_introductions"), repeat),
            "post_introduction": timed(write, repeat, before=before),
        }
    return {"sizes": list(sizes), "rows": rows}


def report(figures):
    return growth_table("Small groups: participant requests", figures, GROWTH_TARGET,
                        writes=WRITES)
