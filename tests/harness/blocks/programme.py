"""The programme overview's contract for the reliability and security suites.

The overview is staff's (and a mentor's, for the groups they mentor): every
participant role is refused before anything is read. It writes nothing about
anyone, so `state` is the participant's stored rows (which no request here may
change). The example participant is Anna, in the demo's first group, which the
"mentor" role follows (arrange_role).
"""
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.core.mentor_store import MentorStore
from leergang_xblocks.programme.block import ProgrammeBlock
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.stores import participant_state
from tests.support.workbench import scenario_usage_ids

SET_NAME = "leergang"   # the group set of the programme scenario (programme/scenarios.py)
ANNA = platform.workbench_anonymous_id("anna")
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
STAFF_OR_MENTOR = {**STAFF_ONLY, "mentor": 200}
LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}


def _groups(usage):
    return GroupSetStore("workbench:" + usage.split(".", 1)[0], SET_NAME)


def usage_id():
    usage = scenario_usage_ids("leergang_programme")[0]
    if not _groups(usage).latest().groups:  # a test emptied the database: the demo's groups again
        from demo import demo_groups
        runtime = WorkbenchRuntime("contract")
        root = runtime.get_block(runtime.get_block(usage).parent)
        block = next(b for b in (runtime.get_block(c) for c in root.children) if demo_groups.needs_groups(b))
        demo_groups.arrange(block)
    return usage


def arrange_role(role, student_id, usage):
    """A "mentor" follows the first group (Anna's), added to whatever mentors it had."""
    if role != "mentor":
        return
    mentors = MentorStore(_groups(usage).course_id, f"set:{SET_NAME}")
    latest = mentors.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    by_group = {gid: list(aids) for gid, aids in latest.by_group.items()}
    by_group.setdefault(_groups(usage).group_of(ANNA).id, []).append(anonymous_id)
    mentors.save(latest.version, by_group, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def state(usage, student_id):
    return participant_state(student_id)


CONTRACT = register(BlockContract(
    block_type="leergang_programme",
    block_class=ProgrammeBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("overview", "GET", lambda c, u: "", STAFF_OR_MENTOR),
        HandlerSpec("participant", "GET", lambda c, u: f"participant={ANNA}", STAFF_OR_MENTOR),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0&format=nl", STAFF_ONLY),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Nothing to remove: the overview keeps nothing about anyone; an unknown id is refused (404).
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    arrange_role=arrange_role,
))
