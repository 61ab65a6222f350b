"""The small-groups block's contract for the reliability and security suites.

Fresh participants are in no group, so the participant handlers answer 409
`no_group` after every guard has passed; `prepare` places a participant in a
group of their own so the fuzzing and the data-boundary tests can write.
"""
from submissions.models import Submission
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import get_scenarios

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.groups.block import SmallGroupBlock
from tests.harness.contracts import BlockContract, HandlerSpec, register
from tests.support.workbench import Participant, scenario_usage_ids

MEMBERS = [f"contract_member_{i}" for i in range(4)]
LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "staff": 200, "no_user": 403}
# Past every guard, refused by the block's own rule: a fresh participant is in no group.
NEEDS_GROUP = {"learner": 409, "peer": 409, "other_group": 409, "staff": 409, "no_user": 403}
STAFF_RULE = {"learner": 403, "peer": 403, "other_group": 403, "staff": 409, "no_user": 403}
_ready = set()


def store(usage_id):
    block = WorkbenchRuntime("contract_reader").get_block(usage_id)
    return GroupSetStore(platform.course_id(block), block.group_set_name)


def usage_id():
    usage = next(u for u in scenario_usage_ids("leergang_groups") if "fresh-group-set" in u)
    if usage not in _ready:
        course = usage.split(".", 1)[0]  # the workbench's usage ids start with the scenario's slug
        scenario = next(name for name, s in get_scenarios().items() if str(s.usage_id).split(".", 1)[0] == course)
        for member in MEMBERS:
            Participant(member).page(scenario)  # onto the roster
        latest = store(usage).latest()
        if not latest.groups:
            Participant("staff_contract").post(usage, "make_groups", {"version": latest.version, "size": 2,
                                                                      "order": "name", "who": "everyone"})
        _ready.add(usage)
    return usage


def version(usage):
    return store(usage).latest().version


def first_group(usage):
    return store(usage).latest().groups[0].id


def prepare(student_id, usage):
    """Put the participant in a group of their own, as staff would."""
    groups = store(usage)
    latest = groups.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    spec = [{**g, "members": [m for m in g["members"] if m != anonymous_id]} for g in latest.as_spec()]
    spec.append({"key": f"g{latest.next_key}", "name": f"Groep {student_id}", "members": [anonymous_id]})
    groups.save(latest.version, spec, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def state(usage, student_id):
    anonymous_id = platform.workbench_anonymous_id(student_id)
    rows = sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "student_item__item_type", "answer"), key=repr)
    latest = store(usage).latest()
    return rows, latest.version, latest.as_spec()


CONTRACT = register(BlockContract(
    block_type="leergang_groups",
    block_class=SmallGroupBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("group_introductions", "GET", lambda c, u: "", NEEDS_GROUP),
        HandlerSpec("post_introduction", "POST", lambda c, u: {"text": "Hallo groep"}, NEEDS_GROUP, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("groups_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_groups", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("make_groups", "POST", lambda c, u: {"version": version(u), "size": 2, "order": "name",
                                                         "who": "everyone"}, STAFF_ONLY, writes=True),
        HandlerSpec("import_groups", "POST", lambda c, u: {"version": version(u), "text": "\n".join(
            f"{m},{'Noord' if i < 2 else 'Zuid'}" for i, m in enumerate(MEMBERS))}, STAFF_ONLY, writes=True),
        HandlerSpec("add_group", "POST", lambda c, u: {"version": version(u), "name": f"Extra {version(u)}"},
                    STAFF_ONLY, writes=True),
        HandlerSpec("rename_group", "POST", lambda c, u: {"version": version(u), "group": first_group(u),
                                                          "name": f"Hernoemd {version(u)}"}, STAFF_ONLY, writes=True),
        HandlerSpec("move_member", "POST", lambda c, u: {
            "version": version(u), "member": platform.workbench_anonymous_id(MEMBERS[0]), "group": first_group(u)},
            STAFF_ONLY, writes=True),
        # The first group is never empty: removing it is refused by the block's rule.
        HandlerSpec("delete_group", "POST", lambda c, u: {"version": version(u), "group": first_group(u)},
                    STAFF_RULE, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"post_introduction": lambda text: {"text": text}},
    authored_text=("display_name", "intro", "introduction_prompt"),
    prepare=prepare,
    report_handler="groups_overview",
))
