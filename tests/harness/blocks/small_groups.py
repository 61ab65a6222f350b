"""The small-groups block's contract for the reliability and security suites.

Fresh participants are in no group, so the participant handlers answer 409
`no_group` after every guard has passed; `prepare` places a participant in a
group of their own so the fuzzing and the data-boundary tests can write.
"""
from submissions.models import Submission
from workbench.scenarios import get_scenarios

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.core.mentor_store import MentorStore
from tests.support.groups import put_alone
from tests.support.stores import stores_state, submissions_of
from leergang_xblocks.groups.block import SmallGroupBlock
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.workbench import Participant, scenario_usage_ids

MEMBERS = [f"contract_member_{i}" for i in range(4)]
LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
# Past every guard, refused by the block's own rule: a fresh participant is in no group.
NEEDS_GROUP = {"learner": 409, "peer": 409, "other_group": 409, "mentor": 409, "staff": 409, "no_user": 403}
# The same, where a mentor of the first group gets through: they read and write there.
MENTOR_OK = {**NEEDS_GROUP, "mentor": 200}
STAFF_RULE = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 409, "no_user": 403}


SET_NAME = "werkgroepen"   # the group set of the "fresh group set" scenario (groups/scenarios.py)


def store(usage_id):
    """Without a runtime, so the load test's check can run where no scenario is loaded:
    the workbench's course id is the usage id's first part (core/platform.course_id)."""
    return GroupSetStore("workbench:" + usage_id.split(".", 1)[0], SET_NAME)


def usage_id():
    usage = next(u for u in scenario_usage_ids("leergang_groups") if "fresh-group-set" in u)
    # Checked every time: a test may have emptied the database (the demo's "Reset state").
    if not store(usage).is_registered(platform.workbench_anonymous_id(MEMBERS[-1])):
        course = usage.split(".", 1)[0]  # the workbench's usage ids start with the scenario's slug
        scenario = next(name for name, s in get_scenarios().items() if str(s.usage_id).split(".", 1)[0] == course)
        for member in MEMBERS:
            Participant(member).page(scenario)  # onto the roster
    latest = store(usage).latest()
    if not latest.groups:
        Participant("staff_contract").post(usage, "make_groups", {"version": latest.version, "size": 2,
                                                                  "order": "name", "who": "everyone"})
    return usage


def version(usage):
    return store(usage).latest().version


def first_group(usage):
    return store(usage).latest().groups[0].id


def prepare(student_id, usage):
    """Put the participant in a group of their own, as staff would."""
    put_alone(store(usage), student_id, f"Groep {student_id}")


def mentors_version(usage):
    return MentorStore(store(usage).course_id, f"set:{SET_NAME}").latest().version


def arrange_role(role, student_id, usage):
    """A "mentor" follows the first group (added to whatever mentors it had)."""
    if role != "mentor":
        return
    mentors = MentorStore(store(usage).course_id, f"set:{SET_NAME}")
    latest = mentors.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    by_group = {gid: list(aids) for gid, aids in latest.by_group.items()}
    by_group.setdefault(first_group(usage), []).append(anonymous_id)
    mentors.save(latest.version, by_group, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def state(usage, student_id):
    anonymous_id = platform.workbench_anonymous_id(student_id)
    latest = store(usage).latest()
    return submissions_of(anonymous_id), stores_state(anonymous_id), latest.version, latest.as_spec()


CONTRACT = register(BlockContract(
    block_type="leergang_groups",
    block_class=SmallGroupBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("group_introductions", "GET", lambda c, u: "", MENTOR_OK),
        HandlerSpec("post_introduction", "POST", lambda c, u: {"text": "Hallo groep"}, MENTOR_OK, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed;
        # tests/workbench/test_reset.py removes a real participant's data.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("groups_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_groups", "GET", lambda c, u: "names=0", STAFF_ONLY),
        # Staff who mean it: a replace that moves people who wrote needs "confirm" (409 confirm_regroup).
        HandlerSpec("make_groups", "POST", lambda c, u: {"version": version(u), "size": 2, "order": "name",
                                                         "who": "everyone", "confirm": True}, STAFF_ONLY, writes=True),
        HandlerSpec("import_groups", "POST", lambda c, u: {"version": version(u), "confirm": True, "text": "\n".join(
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
        # Empty text removes every mentor: valid whatever the groups are called by then.
        HandlerSpec("assign_mentors", "POST", lambda c, u: {"version": version(u), "mentors_version": mentors_version(u),
                                                            "text": ""}, STAFF_ONLY, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"post_introduction": lambda text: {"text": text}},
    authored_text=("display_name", "intro", "introduction_prompt"),
    prepare=prepare,
    arrange_role=arrange_role,
    report_handler="groups_overview",
))


# --- Load test: staff regroup while participants read and write their group's records ------

SCENARIO_OF = {}
REGROUPER = 12     # the participant whose journey includes the staff regrouping (exists at 24 and 200)


def load_setup(base_url, usage, students, token, who="everyone"):
    """Every participant opens the page (onto the roster); staff make groups of four (of
    everyone, or with who="ungrouped" of those in no group yet)."""
    import requests
    from concurrent.futures import ThreadPoolExecutor

    course = usage.split(".", 1)[0]
    scenario = next(name for name, s in get_scenarios().items() if str(s.usage_id).split(".", 1)[0] == course)

    def visit(student):
        response = requests.get(f"{base_url}/scenario/{scenario}/?student={student}", timeout=120)
        assert response.status_code == 200, response.text[:300]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(visit, students))
    staff = requests.Session()
    version = staff.get(f"{base_url}/handler/{usage}/groups_overview/?student=staff_setup", timeout=120).json()["version"]
    made = staff.post(f"{base_url}/handler/{usage}/make_groups/?student=staff_setup", timeout=120,
                      data=json_dumps({"version": version, "size": 4, "order": "random", "who": who,
                                      "confirm": True}),  # staff replace groups knowingly here
                      headers={"Content-Type": "application/json", "X-CSRFToken": token, "Referer": base_url + "/"},
                      cookies={"csrftoken": token})
    assert made.status_code == 200, made.text[:300]


def json_dumps(value):
    import json
    return json.dumps(value)


def regroup_body(session, handler_base, student):
    version = session.get(f"{handler_base}/groups_overview/?student={student}", timeout=120).json()["version"]
    # The load test regroups mid-journey on purpose: confirmed, as staff would after the question.
    return {"version": version, "size": 4, "order": "random", "who": "everyone", "confirm": True}


def journey(index, usage):
    from tests.harness.contracts import Step
    steps = [
        Step("group_introductions", "GET", ""),
        Step("post_introduction", "POST", {"text": f"intro {index} a"}),
        Step("group_introductions", "GET", ""),
        Step("post_introduction", "POST", {"text": f"intro {index} b"}),
        Step("group_introductions", "GET", ""),
    ]
    if index == REGROUPER:
        steps[1:1] = [Step("make_groups", "POST", regroup_body, as_staff=True)]
        steps[4:4] = [Step("make_groups", "POST", regroup_body, as_staff=True),
                      Step("groups_overview", "GET", "", as_staff=True)]
    return steps


def verify(usage, outcomes, report):
    """Every accepted introduction is stored once, in a group its author was in;
    every introduction a participant read came from someone who shared a group with
    them in some version; the final groups hold everyone, balanced."""
    from leergang_xblocks.groups.block import INTRODUCTION_ITEM_TYPE
    from leergang_xblocks.stores.models import GroupSetVersion  # a read-only look, in the test

    groups = store(usage)
    versions = list(GroupSetVersion.objects.filter(course_id=groups.course_id, set_name=groups.set_name)
                    .order_by("version").values("groups"))
    shared = set()         # (anonymous id, anonymous id) that were ever in one group
    member_of = set()      # (anonymous id, group id) ever
    for version in versions:
        for group in version["groups"]:
            for a in group["members"]:
                member_of.add((a, f"set:{groups.set_name}:{group['key']}"))
                for b in group["members"]:
                    shared.add((a, b))
    problems, lost, checked = [], 0, 0
    for student, steps in outcomes:
        anonymous_id = platform.workbench_anonymous_id(student)
        prefix = student[:-4]
        accepted = [s["body"]["text"] for s in steps if s["handler"] == "post_introduction" and s["status"] == 200]
        stored = list(Submission.objects.filter(student_item__student_id=anonymous_id,
                                                student_item__item_type=INTRODUCTION_ITEM_TYPE)
                      .order_by("submitted_at", "id").values_list("answer", flat=True))
        checked += len(accepted)
        if [s["text"] for s in stored] != accepted:
            lost += max(1, abs(len(accepted) - len(stored)))
            problems.append(f"{student}: {len(accepted)} introductions accepted, {len(stored)} stored")
        for record in stored:
            if (anonymous_id, record["group_id"]) not in member_of:
                problems.append(f"{student}: a record in {record['group_id']}, a group they were never in")
        for step in steps:
            for intro in (step.get("response") or {}).get("introductions", []):
                author = prefix + f"{int(intro['text'].split()[1]):04d}"
                if (anonymous_id, platform.workbench_anonymous_id(author)) not in shared:
                    problems.append(f"{student} read {author}'s record without ever sharing a group")
    if report.get("ungrouped"):
        problems.append(f"{len(report['ungrouped'])} participants ended in no group")
    if report.get("version") != len(versions):
        problems.append(f"the overview shows version {report.get('version')}, {len(versions)} versions stored")
    sizes = [g["size"] for g in report.get("groups", [])]
    if sizes and max(sizes) - min(sizes) > 1:
        problems.append(f"unbalanced groups after regrouping: {sorted(sizes)}")
    return {"checked": checked, "lost": lost, "problems": problems}


CONTRACT.load_setup = load_setup
CONTRACT.load_journey = journey
CONTRACT.load_verify = verify
CONTRACT.load_keeps_responses = True


# --- Load test: one participant's overlapping requests ---------------------------------

OVERLAP_KINDS = ("intro_burst", "two_tabs")
BURST = 6


def overlap_journey(index, usage):
    """(kind, stages), the requests of a stage sent at the same moment: one identical
    introduction in a burst (double clicks), or two tabs posting different ones."""
    from tests.harness.contracts import Step
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    if kind == "intro_burst":
        return kind, [[Step("post_introduction", "POST", {"text": f"intro {index} dubbel"})] * BURST]
    return kind, [[Step("post_introduction", "POST", {"text": f"intro {index} tab {tab}"}) for tab in (1, 2)]]


def overlap_verify(kind, stages, final):
    """Through `my_data` and `group_introductions`: an introduction is posted or replaced,
    so each acknowledged one is stored once (a version) and the group shows exactly one
    introduction of the participant, the latest stored."""
    from tests.harness.overlaps import Verdict, accepted, flat

    verdict = Verdict(kind)
    steps = flat(stages)
    stored = [r["text"] for r in final["my_data"]["data"]["introductions"]]
    verdict.only(steps, {("post_introduction", 200)})
    verdict.kept_as_acknowledged("introduction", [s["body"]["text"] for s in accepted(steps, "post_introduction")],
                                 stored)
    mine = [i for i in final["group_introductions"]["introductions"] if i.get("is_you")]
    if len(mine) != 1:
        verdict.problem("duplicates" if mine else "stuck", f"the group shows {len(mine)} introductions of theirs")
    elif stored and mine[0]["text"] != stored[-1]:
        verdict.problem("stuck", f"the group shows {mine[0]['text']!r}, the latest stored is {stored[-1]!r}")
    return verdict.result()


CONTRACT.overlap_setup = load_setup
CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
CONTRACT.overlap_reads = ("my_data", "group_introductions")
