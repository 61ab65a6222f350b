"""The feedback round's contract for the reliability and security suites.

Fresh participants are in no group, so the participant handlers answer 409
`no_group` after every guard has passed. `prepare` places a participant in the
contract's own group, with an anchor member who has posted an update, so the
fuzzing and the data-boundary tests reach every handler's own checks: the
feedback example is addressed to the anchor (a peer of everyone in that group).
"""
from submissions.models import Submission

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.core.mentor_store import MentorStore
from tests.support.groups import put_alone
from tests.support.stores import participant_state
from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.workbench import Participant, scenario_usage_ids

ANCHOR = "contract_round_anchor"
GROUP_NAME = "Contractgroep"
KEEP = 6                   # members of the contract group at most
# The group set of the demo's "fresh group set for staff to arrange" scenario: the demo
# arranges no groups there (demo/demo_groups.py STAFF_ARRANGES), so the groups are the
# suites' own. (In the first scenario's set the demo's members, with updates of their
# own, would share groups with the load's participants.) The browser test that arranges
# this scenario runs on a server of its own.
SET_NAME = "rondes"


def expect(**statuses):
    """The statuses of the roles the suites know (the "mentor" role comes with core's mentors)."""
    return {role: status for role, status in statuses.items() if role in ROLES}


LEARNERS_OK = expect(learner=200, peer=200, other_group=200, staff=200, no_user=403, mentor=200)
STAFF_ONLY = expect(learner=403, peer=403, other_group=403, staff=200, no_user=403, mentor=403)
# Past every guard, refused by the block's own rule: a fresh participant is in no group.
NEEDS_GROUP = expect(learner=409, peer=409, other_group=409, staff=409, no_user=403, mentor=409)
# A mentor of the contract's group reads the round and gives feedback; members only post
# updates and actions (403); nothing is addressed to a mentor, so rating and flagging is 404.
MENTOR = dict(NEEDS_GROUP, **expect(mentor=200))
MEMBERS_ONLY = dict(NEEDS_GROUP, **expect(mentor=403))
RECEIVERS_ONLY = dict(NEEDS_GROUP, **expect(mentor=404))
# Staff tools called with a version that is never the latest: past every guard, 409 for staff.
STAFF_RULE = expect(learner=403, peer=403, other_group=403, staff=409, no_user=403, mentor=403)


def store(usage):
    """Without a runtime (see small_groups.store): the workbench's course id is the usage id's first part."""
    return GroupSetStore("workbench:" + usage.split(".", 1)[0], SET_NAME)


def usage_id():
    usage = next(u for u in scenario_usage_ids("leergang_feedback_round") if "fresh-group-set" in u)
    ensure_group(usage)
    anchor_update = Participant(ANCHOR).get(usage, "round_state").json()
    if not anchor_update.get("my_update"):
        Participant(ANCHOR).post(usage, "post_update", {"text": "De casus van het anker"})
    return usage


def ensure_group(usage):
    """The contract's group with the anchor in it. Checked every time: a test may have
    emptied the database (the demo's "Reset state"), or a fuzzed staff tool regrouped."""
    anchor = platform.workbench_anonymous_id(ANCHOR)
    group = contract_group(usage)
    if group is not None and group.has(anchor):
        return
    groups = store(usage)
    latest = groups.latest()
    spec = [{**g, "members": [m for m in g["members"] if m != anchor]} for g in latest.as_spec()
            if g["name"] != GROUP_NAME]
    spec.append({"key": f"g{latest.next_key}", "name": GROUP_NAME, "members": [anchor]})
    groups.save(latest.version, spec, {anchor: ANCHOR}, {anchor: ANCHOR}, "contract")
    Participant(ANCHOR).post(usage, "post_update", {"text": "De casus van het anker"})


def contract_group(usage):
    return next((g for g in store(usage).latest().groups if g.name == GROUP_NAME), None)


def prepare(student_id, usage):
    """Put the participant in the contract's group (with the anchor), as staff would."""
    ensure_group(usage)
    groups = store(usage)
    latest = groups.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    spec = [{**g, "members": [m for m in g["members"] if m != anonymous_id]} for g in latest.as_spec()]
    target = next(g for g in spec if g["name"] == GROUP_NAME)
    # The fuzzing prepares hundreds of participants, each used for one request or one
    # sweep: the group keeps the anchor and the latest few, as a real group would.
    anchor = platform.workbench_anonymous_id(ANCHOR)
    target["members"] = [anchor] + [m for m in target["members"] if m != anchor][-(KEEP - 2):] + [anonymous_id]
    groups.save(latest.version, spec, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def prepare_facilitator(student_id, usage):
    """A group of the participant alone: a group of one moves its own live steps (the
    member holds every role), so the fuzzing of `live_move` reaches the body's checks
    instead of the facilitator rule (which the role test above covers)."""
    put_alone(store(usage), student_id, f"Alleen {student_id}")


def anchor_ref(usage):
    block = Participant(ANCHOR).block(usage)
    group = contract_group(usage)
    return block.member_ref(group, platform.workbench_anonymous_id(ANCHOR))


def first_record(usage):
    group = contract_group(usage)
    block = Participant(ANCHOR).block(usage)
    return group.id, block._records().of_group(group)[0].id


def arrange_role(role, student_id, usage):
    """A "mentor" follows the contract's group (added to whatever mentors it had)."""
    if role != "mentor":
        return
    ensure_group(usage)
    mentors = MentorStore(store(usage).course_id, f"set:{SET_NAME}")
    latest = mentors.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    by_group = {gid: list(aids) for gid, aids in latest.by_group.items()}
    by_group.setdefault(contract_group(usage).id, []).append(anonymous_id)
    mentors.save(latest.version, by_group, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def state(usage, student_id):
    return participant_state(student_id)


def feedback_example(contract, usage):
    return {"to": anchor_ref(usage), "answers": {"clarifying": "Wie is je opdrachtgever?", "recognise": "Dit herken ik van mijn eigen team."}}


def hide_example(contract, usage):
    group_id, record = first_record(usage)
    return {"group": group_id, "record": record, "hide": False, "reason": ""}


CONTRACT = register(BlockContract(
    block_type="leergang_feedback_round",
    block_class=FeedbackRoundBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("round_state", "GET", lambda c, u: "", MENTOR),
        HandlerSpec("case_prefill", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("post_update", "POST", lambda c, u: {"text": "Ik heb met mijn opdrachtgever gesproken.",
                                                          "from_case": 0}, MEMBERS_ONLY, writes=True),
        HandlerSpec("give_feedback", "POST", feedback_example, MENTOR, writes=True),
        HandlerSpec("rate_feedback", "POST", lambda c, u: {"feedback": "f" * 20, "helpful": 3, "answer": "Dank"},
                    RECEIVERS_ONLY, writes=True),
        HandlerSpec("flag_feedback", "POST", lambda c, u: {"feedback": "f" * 20, "reason": "Niet netjes"},
                    RECEIVERS_ONLY, writes=True),
        HandlerSpec("unflag_feedback", "POST", lambda c, u: {"feedback": "f" * 20}, RECEIVERS_ONLY, writes=True),
        HandlerSpec("save_actions", "POST", lambda c, u: {"actions": [{"text": "Gesprek met de wethouder",
                                                                       "due": "2099-12-15"}]},
                    MEMBERS_ONLY, writes=True),
        # A fresh participant has no case: past every guard, the action is not in their case (404).
        HandlerSpec("follow_up_action", "POST", lambda c, u: {"action": "a" * 12, "status": "done",
                                                               "note": "Besproken met de controller"},
                    dict(NEEDS_GROUP, **{"mentor": 403}), writes=True),
        # The live mode's shared step (feedback_round/live.py): a mentor reads their group's;
        # only the round's facilitator (or staff, naming a group) moves it, so a mentor is refused.
        HandlerSpec("live_state", "GET", lambda c, u: "seen=0", MENTOR),
        HandlerSpec("live_move", "POST", lambda c, u: {"from": 0, "to": 0, "timer": "keep"}, MEMBERS_ONLY,
                    writes=True, prepare=prepare_facilitator),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed;
        # tests/workbench/test_reset.py removes a real participant's data.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("staff_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("staff_group", "GET", lambda c, u: f"group={contract_group(u).id}", STAFF_ONLY),
        HandlerSpec("hide_item", "POST", hide_example, STAFF_ONLY, writes=True),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0", STAFF_ONLY),
        # The group tools (core/group_staff.py): staff only; the contract for their own
        # rules is the small-groups block's, here only who may call them.
        HandlerSpec("groups_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_groups", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("make_groups", "POST", lambda c, u: {"version": 10**9, "size": 2, "order": "name",
                                                         "who": "everyone"}, STAFF_RULE, writes=True),
        HandlerSpec("import_groups", "POST", lambda c, u: {"version": 10**9, "text": "a,b"}, STAFF_RULE, writes=True),
        HandlerSpec("add_group", "POST", lambda c, u: {"version": 10**9, "name": "Extra"}, STAFF_RULE, writes=True),
        HandlerSpec("rename_group", "POST", lambda c, u: {"version": 10**9, "group": contract_group(u).id,
                                                          "name": "Hernoemd"}, STAFF_RULE, writes=True),
        HandlerSpec("move_member", "POST", lambda c, u: {"version": 10**9, "member": "x", "group": ""}, STAFF_RULE,
                    writes=True),
        HandlerSpec("delete_group", "POST", lambda c, u: {"version": 10**9, "group": contract_group(u).id},
                    STAFF_RULE, writes=True),
        # Staff assign mentors in the group tools; a stale version of the groups: 409.
        HandlerSpec("assign_mentors", "POST", lambda c, u: {"version": 10**9, "mentors_version": 10**9, "text": ""},
                    STAFF_RULE, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"post_update": lambda text: {"text": text}},
    authored_text=("display_name", "instructions", "update_prompt", "extra_prompt"),
    prepare=prepare,
    report_handler="staff_overview",
    arrange_role=arrange_role,
))


# --- Load test: a cohort reports back, gives feedback and records actions at once ------

def _post(session, url, token, body):
    import json
    return session.post(url, data=json.dumps(body), timeout=120, cookies={"csrftoken": token},
                        headers={"Content-Type": "application/json", "X-CSRFToken": token, "Referer": url})


def load_setup(base_url, usage, students, token, who="everyone"):
    """Every participant opens the page (onto the roster); staff make groups of four; every
    participant posts a first update, so each has peers to give feedback to from the start."""
    from tests.harness.blocks.small_groups import load_setup as open_pages_and_make_groups

    open_pages_and_make_groups(base_url, usage, students, token, who)
    _first_updates(f"{base_url}/handler/{usage}", students, token)


def _first_updates(handler, students, token):
    import requests
    from concurrent.futures import ThreadPoolExecutor

    def first_update(student):
        response = _post(requests.Session(), f"{handler}/post_update/?student={student}", token,
                         {"text": f"eerste stand {student}"})
        assert response.status_code == 200, response.text[:300]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(first_update, students))


def feedback_body(session, handler_base, student):
    """Feedback to the first peer this participant has not given feedback to yet."""
    state = session.get(f"{handler_base}/round_state/?student={student}", timeout=120).json()
    peer = next(p for p in state["to_review"] if p["has_update"] and not p["given"])
    return {"to": peer["ref"], "answers": {"clarifying": f"vraag van {student} aan {peer['name']}"}}


def journey(index, usage):
    from tests.harness.contracts import Step
    return [
        Step("round_state", "GET", ""),
        Step("post_update", "POST", {"text": f"update {index} tweede stand"}),
        Step("give_feedback", "POST", feedback_body),
        Step("round_state", "GET", ""),
        Step("give_feedback", "POST", feedback_body),
        Step("save_actions", "POST", {"actions": [{"text": f"actie {index}", "due": "2099-06-30"}]}),
        Step("round_state", "GET", ""),
    ]


def verify(usage, outcomes, report):
    """Every accepted update, piece of feedback and set of actions is stored once, in the
    author's group, and feedback only to a member of it; every update or feedback a
    participant read came from their own group; the overview counts everyone."""
    from leergang_xblocks.feedback_round.block import ITEM_TYPE

    latest = store(usage).latest()
    group_of = {m.anonymous_id: g for g in latest.groups for m in g.members}
    problems, lost, checked = [], 0, 0
    for student, steps in outcomes:
        anonymous_id = platform.workbench_anonymous_id(student)
        group = group_of.get(anonymous_id)
        if group is None:
            problems.append(f"{student} is in no group")
            continue
        mates = {m.display_name for m in group.members}
        stored = [a for a in Submission.objects.filter(student_item__student_id=anonymous_id,
                                                       student_item__item_type=ITEM_TYPE)
                  .order_by("submitted_at", "id").values_list("answer", flat=True)]
        for handler, kind, key in (("post_update", "update", "text"), ("save_actions", "actions", "actions")):
            accepted = [s["body"][key] for s in steps if s["handler"] == handler and s["status"] == 200]
            kept = [r[key] for r in stored if r.get("kind") == kind]
            checked += len(accepted)
            for value in accepted:
                if kept.count(value) != 1:
                    lost += 1
                    problems.append(f"{student}: an accepted {kind} is stored {kept.count(value)} times")
        given = [s["body"]["answers"]["clarifying"] for s in steps if s["handler"] == "give_feedback" and s["status"] == 200]
        feedback = [r for r in stored if r.get("kind") == "feedback"]
        checked += len(given)
        if sorted(r["answers"]["clarifying"] for r in feedback) != sorted(given):
            lost += max(1, abs(len(given) - len(feedback)))
            problems.append(f"{student}: {len(given)} pieces of feedback accepted, {len(feedback)} stored")
        for record in stored:
            if record.get("group_id") != group.id:
                problems.append(f"{student}: a record in {record.get('group_id')}, not their group")
        for record in feedback:
            if not group.has(record["to"]) or record["to"] == anonymous_id:
                problems.append(f"{student}: feedback to someone outside their group")
        for step in steps:
            response = step.get("response") or {}
            names = {u["name"] for u in response.get("updates", [])} | {r.get("from", "") for r in response.get("received", [])}
            foreign = names - mates
            if foreign:
                problems.append(f"{student} read items of {sorted(foreign)[:3]}, not of their group")
    totals = report.get("totals", {})
    if totals.get("members") != len(outcomes):
        problems.append(f"the overview counts {totals.get('members')} members, {len(outcomes)} took part")
    if report.get("ungrouped"):
        problems.append(f"{len(report['ungrouped'])} participants in no group")
    return {"checked": checked, "lost": lost, "problems": problems}


CONTRACT.load_setup = load_setup
CONTRACT.load_journey = journey
CONTRACT.load_verify = verify
CONTRACT.load_keeps_responses = True


# --- Load test: one participant's overlapping requests ---------------------------------

OVERLAP_KINDS = ("update_burst", "feedback_burst", "two_tabs", "rate_burst", "step_burst")
BURST = 6


def overlap_setup(base_url, usage, students, token):
    """Groups of four of the phase's own participants, a first update each, and feedback
    from each participant to the next member of their group's ring: so every member has
    received feedback (a rate_burst has something to rate) and a feedback_burst keeps an
    open peer. Checked before the phase starts; a gap is named here, not hidden in it."""
    import requests
    from concurrent.futures import ThreadPoolExecutor

    handler = f"{base_url}/handler/{usage}"
    _arrange_own_groups(base_url, usage, students, token)
    _first_updates(handler, students, token)

    def first_feedback(student):
        # Every member of a group of the phase's participants has posted, so a member's
        # first open peer is the next one in the ring: each member gives to one and
        # receives from one, whatever order the requests run in.
        session = requests.Session()
        body = feedback_body(session, handler, student)
        response = _post(session, f"{handler}/give_feedback/?student={student}", token,
                         {**body, "answers": {"clarifying": f"eerste vraag van {student}"}})
        assert response.status_code == 200, response.text[:300]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(first_feedback, students))
    _check_overlap_precondition(handler, students)


def _arrange_own_groups(base_url, usage, students, token):
    """Staff paste the groups: the phase's participants only, in a fixed order, balanced
    around four. Not `make_groups`: with groups already there (on MariaDB those of the
    200-participant load) "only the ungrouped" puts each newcomer into an existing
    group, among participants who give no feedback in this phase, and "everyone" would
    mix both cohorts; its random order also made each run's groups different."""
    import requests
    from concurrent.futures import ThreadPoolExecutor

    from workbench.scenarios import get_scenarios

    from tests.harness.blocks.small_groups import json_dumps

    course = usage.split(".", 1)[0]
    scenario = next(name for name, s in get_scenarios().items() if str(s.usage_id).split(".", 1)[0] == course)

    def visit(student):  # onto the roster, as a participant opening the page
        response = requests.get(f"{base_url}/scenario/{scenario}/?student={student}", timeout=120)
        assert response.status_code == 200, response.text[:300]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(visit, students))
    count = max(1, round(len(students) / 4))
    lines = [f"{student},Overlap {index % count + 1}" for index, student in enumerate(students)]
    staff = requests.Session()
    overview = staff.get(f"{base_url}/handler/{usage}/groups_overview/?student=staff_setup", timeout=120)
    version = overview.json()["version"]
    pasted = staff.post(f"{base_url}/handler/{usage}/import_groups/?student=staff_setup", timeout=120,
                        data=json_dumps({"version": version, "text": "\n".join(lines),
                                         "confirm": True}),  # staff replace groups knowingly here
                        headers={"Content-Type": "application/json", "X-CSRFToken": token,
                                 "Referer": base_url + "/"},
                        cookies={"csrftoken": token})
    assert pasted.status_code == 200, pasted.text[:300]


def _check_overlap_precondition(handler, students):
    """Whoever will rate has received feedback, and whoever bursts feedback has a peer left."""
    import requests

    session = requests.Session()
    gaps = []
    for index, student in enumerate(students):
        kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
        if kind not in ("rate_burst", "feedback_burst"):
            continue
        state = session.get(f"{handler}/round_state/?student={student}", timeout=120).json()
        group = f"{state['group']['name']} ({', '.join(m['name'] for m in state['members'])})"
        if kind == "rate_burst" and not state["received"]:
            gaps.append(f"{student} in {group} will rate but has received no feedback")
        if kind == "feedback_burst" and not any(p["has_update"] and not p["given"] for p in state["to_review"]):
            gaps.append(f"{student} in {group} will give feedback but has no peer left to give it to")
    assert not gaps, "overlap setup of the feedback round: " + "; ".join(gaps)


def _rate_body(session, handler_base, student):
    state = session.get(f"{handler_base}/round_state/?student={student}", timeout=120).json()
    return {"feedback": state["received"][0]["id"], "helpful": 3, "answer": f"dank, {student}"}


def overlap_journey(index, usage):
    """(kind, stages), the requests of a stage sent at the same moment.

    update_burst: one identical update posted in a burst (double clicks);
    feedback_burst: one identical piece of feedback to one peer in a burst;
    two_tabs: two tabs posting different updates at once;
    rate_burst: one identical rating of received feedback in a burst;
    step_burst: one live-mode step move in a burst (a double click, several tabs): the
    round's facilitator gets one accepted and the rest 409 `stale_step`, anyone else 403."""
    from tests.harness.contracts import Step
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    if kind == "update_burst":
        return kind, [[Step("post_update", "POST", {"text": f"stand {index}"}) for _ in range(BURST)]]
    if kind == "feedback_burst":
        return kind, [[Step("give_feedback", "POST", feedback_body) for _ in range(BURST)]]
    if kind == "two_tabs":
        return kind, [[Step("post_update", "POST", {"text": f"tab {tab} van {index}"}) for tab in (1, 2)]]
    if kind == "step_burst":
        return kind, [[Step("live_move", "POST", _step_body) for _ in range(BURST)]]
    return kind, [[Step("rate_feedback", "POST", _rate_body) for _ in range(BURST)]]


def _step_body(session, handler_base, student):
    """One step on from the step the participant's screen shows (back at the last step)."""
    state = session.get(f"{handler_base}/round_state/?student={student}", timeout=120).json()
    step, last = state["live"]["step"], len(state["steps"]) - 1
    return {"from": step, "to": step + 1 if step < last else step - 1, "timer": "keep"}


def overlap_verify(kind, stages, final):
    """Through `my_data` and `round_state`: each acknowledged update, feedback and rating
    is stored as often as acknowledged; feedback to one peer is accepted once (it
    reaches them at once in this round: a second is 409 `feedback_final`); the round
    shows one update of the participant, the latest stored, and the feedback given."""
    from tests.harness.overlaps import Verdict, accepted, flat

    verdict = Verdict(kind)
    steps = flat(stages)
    records = final["my_data"]["data"]["records"]
    state = final["round_state"]
    verdict.only(steps, {("post_update", 200), ("give_feedback", 200), ("give_feedback", 409),
                         ("rate_feedback", 200), ("live_move", 200), ("live_move", 409), ("live_move", 403)})
    updates = [r["text"] for r in records if r["kind"] == "update"]
    verdict.kept_as_acknowledged("update", [s["body"]["text"] for s in accepted(steps, "post_update")],
                                 [u for u in updates if not u.startswith("eerste stand")])
    verdict.kept_as_acknowledged("feedback", [_said(s["body"]["answers"]) for s in accepted(steps, "give_feedback")],
                                 [_said(r["answers"]) for r in records if r["kind"] == "feedback"
                                  and not r["answers"].get("clarifying", "").startswith("eerste vraag")])
    verdict.kept_as_acknowledged("rating", [[s["body"]["helpful"], s["body"]["answer"]]
                                            for s in accepted(steps, "rate_feedback")],
                                 [[r["helpful"], r["answer"]] for r in records if r["kind"] == "reply"])
    mine = [u for u in state["updates"] if u["is_you"]]
    if len(mine) != 1:
        verdict.problem("duplicates" if mine else "stuck", f"the round shows {len(mine)} updates of the participant")
    elif state["my_update"] != updates[-1]:
        verdict.problem("stuck", f"the round shows {state['my_update']!r}, the latest stored is {updates[-1]!r}")
    if kind == "feedback_burst":
        given = accepted(steps, "give_feedback")
        if len(given) != 1:
            verdict.problem("duplicates" if given else "stuck", f"{len(given)} of {BURST} identical feedback accepted")
        peers = [p for p in state["to_review"]
                 if given and p["given"] and _said(p["answers"]) == _said(given[0]["body"]["answers"])]
        if given and not peers:
            verdict.problem("stuck", "the accepted feedback is not shown as given")
    if kind == "step_burst":
        moves = accepted(steps, "live_move")
        refused = {s["status"] for s in steps if s["status"] != 200}
        if state["live"]["can_move"]:
            if len(moves) != 1 or refused - {409}:
                verdict.problem("duplicates" if len(moves) > 1 else "stuck",
                                f"{len(moves)} of {BURST} moves from one step accepted, the others {sorted(refused)}")
            elif state["live"]["step"] != moves[0]["body"]["to"]:
                verdict.problem("stuck", f"the group's step is {state['live']['step']}, "
                                         f"the accepted move went to {moves[0]['body']['to']}")
        elif moves or refused != {403}:
            verdict.problem("unexpected", f"a member who is not the facilitator moved the step: {len(moves)}")
    if kind == "rate_burst" and accepted(steps, "rate_feedback"):
        rated = [r for r in state["received"] if r["helpful"] == 3 and r["answer"].startswith("dank")]
        if len(rated) != 1:
            verdict.problem("duplicates" if rated else "stuck", f"the round shows {len(rated)} rated feedback")
    return verdict.result()


def _said(answers):
    """The answers a giver wrote (the record keeps every prompt, unanswered ones empty)."""
    return {key: text for key, text in answers.items() if text}


CONTRACT.overlap_setup = overlap_setup
CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
CONTRACT.overlap_reads = ("my_data", "round_state")
