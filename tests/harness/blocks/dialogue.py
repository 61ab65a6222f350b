"""The dialogue exercise's contract for the reliability and security suites.

The suites run on the demo's cohort-wide dilemma (dialogue/scenarios.py). A fresh
participant may take a position (200) and is refused everything that needs one
first (409 `position_first`). The block also carries the small-group staff tools
(GroupsMixin); their course's group set is arranged once here so that each has a
group to work on. The load test: 200 participants take a position, read the room,
respond to a reason from another option, re-vote and reflect, all in the same
minute; afterwards every accepted write is stored once, and the distribution the
facilitator sees, the running tally and a recount from the records all agree.
"""
import json

from submissions.models import Submission
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.dialogue.block import DialogueBlock
from leergang_xblocks.dialogue.records import OWN_ITEM_TYPE
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, Step, register
from tests.support.workbench import Participant, scenario_usage_ids

MEMBERS = [f"dialogue_member_{i}" for i in range(4)]
SEEDS = ["dialogue_seed_a", "dialogue_seed_b", "dialogue_seed_c"]
# The suites run on the cohort-wide dilemma: a mentor of a small group is a participant
# like any other there (mentors follow groups; they take no part in a group's vote).
LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
NEEDS_POSITION = {"learner": 409, "peer": 409, "other_group": 409, "mentor": 409, "staff": 409, "no_user": 403}
STAFF_RULE = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 409, "no_user": 403}
# Taking back a report: only one's own, so a participant with none gets 404 `no_such_flag`.
NO_OWN_FLAG = {"learner": 404, "peer": 404, "other_group": 404, "mentor": 404, "staff": 404, "no_user": 403}
STAFF_BAD_INPUT = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 400, "no_user": 403}


def _course(usage):
    return "workbench:" + usage.split(".", 1)[0]


def groups_store(usage):
    return GroupSetStore(_course(usage), "groepen")


def usage_id():
    usage = next(u for u in scenario_usage_ids("leergang_dialogue") if "whole-cohort" in u)
    # Checked every time: a test may have emptied the database (the demo's "Reset state").
    store = groups_store(usage)
    if not store.is_registered(platform.workbench_anonymous_id(MEMBERS[-1])):
        for member in MEMBERS:
            store.register(platform.workbench_anonymous_id(member), member, member)
    latest = store.latest()
    if not latest.groups:
        ids = [platform.workbench_anonymous_id(m) for m in MEMBERS]
        store.save(latest.version, [{"key": "g1", "name": "Noord", "members": ids[:2]},
                                    {"key": "g2", "name": "Zuid", "members": ids[2:]}],
                   dict(zip(ids, MEMBERS)), dict(zip(ids, MEMBERS)), "contract")
    if seed_rid(usage) is None:
        for seed, option in zip(SEEDS, "abc"):
            Participant(seed).post(usage, "take_position", {"option": option, "reason": f"Zaad {option}",
                                                            "values": {"keys": [], "own": []}})
    return usage


def seed_rid(usage):
    """The first seed's position in the current round (a staff test may have started a new
    round, where the seeds have not taken one yet and nothing is revealed)."""
    seed = platform.workbench_anonymous_id(SEEDS[0])
    rows = Submission.objects.filter(student_item__student_id=seed, student_item__item_id=usage,
                                     student_item__item_type=OWN_ITEM_TYPE).values_list("answer", flat=True)
    now = current_round(usage)
    return next((row["rid"] for row in rows if row.get("kind") == "position" and row.get("round", 1) == now), None)


def current_round(usage):
    block = WorkbenchRuntime("contract_reader").get_block(usage)
    return block._store().current_round()


def state(usage, student_id):
    """Every row of this participant (own records, group copies), the shared rows made
    from their records (found by the records' ids) and the current round's tally."""
    import uuid as uuid_module

    from leergang_xblocks.core.shared_log import SharedLog
    from leergang_xblocks.dialogue.records import SHARED_ITEM_TYPE

    anonymous_id = platform.workbench_anonymous_id(student_id)
    own = sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                 .values_list("student_item__item_id", "answer"), key=repr)
    rids = [uuid_module.UUID(answer["rid"]) for _item, answer in own if isinstance(answer, dict) and answer.get("rid")]
    from leergang_xblocks.stores.api import tallies
    from leergang_xblocks.stores.models import LogEntry

    shared = sorted(LogEntry.objects.filter(uuid__in=rids, log__startswith=usage + "#")
                    .values_list("data", flat=True), key=repr)
    course = _course(usage)
    rounds = SharedLog(course, usage + "#rounds", SHARED_ITEM_TYPE).latest("rounds")
    round_number = rounds.data["round"] if rounds else 1
    return own, shared, tallies.read(course, usage + "#tally", f"tally:r{round_number}")


def position(option="a", reason="Omdat de regel hier niet past."):
    return {"option": option, "reason": reason, "values": {"keys": ["v1"], "own": ["moed"]}}


def first_group(usage):
    return groups_store(usage).latest().groups[0].id


def version(usage):
    return groups_store(usage).latest().version


def mentors_version(usage):
    block = WorkbenchRuntime("contract_reader").get_block(usage)
    return block.group_source.mentor_store.latest().version


CONTRACT = register(BlockContract(
    block_type="leergang_dialogue",
    block_class=DialogueBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("take_position", "POST", lambda c, u: position(), LEARNERS_OK, writes=True),
        HandlerSpec("room", "GET", lambda c, u: "", NEEDS_POSITION),
        HandlerSpec("respond", "POST", lambda c, u: {"to": seed_rid(u), "understand": "Je weegt gelijkheid zwaar.",
                                                     "question": "Wat als het om je buurvrouw ging?"},
                    NEEDS_POSITION, writes=True),
        HandlerSpec("flag_reason", "POST", lambda c, u: {"rid": seed_rid(u), "reason": "Dit is persoonlijk."},
                    NEEDS_POSITION, writes=True),
        HandlerSpec("unflag_reason", "POST", lambda c, u: {"rid": seed_rid(u)}, NO_OWN_FLAG, writes=True),
        HandlerSpec("revote", "POST", lambda c, u: {"option": "b", "reason": "Overtuigd."}, NEEDS_POSITION,
                    writes=True),
        HandlerSpec("share_need", "POST", lambda c, u: {"text": "Een evaluatie na drie maanden."}, NEEDS_POSITION,
                    writes=True),
        HandlerSpec("reflect", "POST", lambda c, u: {"values": {"keys": ["v2"], "own": ["lef"]},
                                                     "changed": "Ik luisterde beter.", "listening": "empathic",
                                                     "note": ""}, NEEDS_POSITION, writes=True),
        HandlerSpec("deliberate", "POST", lambda c, u: {"facts": "Net boven de grens.", "perspectives": "De inwoner.",
                                                        "values_norms": "gelijkheid", "options": "afwijken of niet",
                                                        "judgement": "Afwijken en uitleggen waarom.",
                                                        "needed": "Steun van mijn manager."},
                    NEEDS_POSITION, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed;
        # tests/workbench/test_reset.py removes a real participant's data.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("live", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("new_round", "POST", lambda c, u: {"round": current_round(u)}, STAFF_ONLY, writes=True),
        HandlerSpec("hide_reason", "POST", lambda c, u: {"rid": seed_rid(u), "hidden": False, "reason": "terug"},
                    STAFF_ONLY, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
        # The small-group staff tools every block with groups carries (core/group_staff.py).
        HandlerSpec("groups_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_groups", "GET", lambda c, u: "names=0", STAFF_ONLY),
        # Staff who mean it: a replace that moves people who wrote needs "confirm" (409 confirm_regroup).
        HandlerSpec("make_groups", "POST", lambda c, u: {"version": version(u), "size": 2, "order": "name",
                                                         "who": "everyone", "confirm": True}, STAFF_ONLY, writes=True),
        HandlerSpec("import_groups", "POST", lambda c, u: {"version": version(u), "text": "onbekend,Noord"},
                    STAFF_BAD_INPUT, writes=True),
        HandlerSpec("add_group", "POST", lambda c, u: {"version": version(u), "name": f"Extra {version(u)}"},
                    STAFF_ONLY, writes=True),
        HandlerSpec("rename_group", "POST", lambda c, u: {"version": version(u), "group": first_group(u),
                                                          "name": f"Hernoemd {version(u)}"}, STAFF_ONLY, writes=True),
        HandlerSpec("move_member", "POST", lambda c, u: {
            "version": version(u), "member": platform.workbench_anonymous_id(MEMBERS[0]), "group": first_group(u)},
            STAFF_ONLY, writes=True),
        HandlerSpec("delete_group", "POST", lambda c, u: {"version": version(u), "group": first_group(u)},
                    STAFF_RULE, writes=True),
        HandlerSpec("assign_mentors", "POST", lambda c, u: {"version": version(u), "mentors_version":
                                                            mentors_version(u), "text": ""}, STAFF_ONLY, writes=True),
    ],
    state=state,
    # Posted after every write handler's example (so after a position): the reflection may be
    # written again; the reason's escaping is checked in the handler and browser tests.
    free_text={"reflect": lambda text: {"values": {"keys": [], "own": []}, "changed": text, "listening": None,
                                        "note": text}},
    authored_text=("display_name", "case_nl", "case_en", "question_nl", "question_en", "options_nl", "options_en",
                   "variations_nl", "variations_en", "values_nl", "values_en"),
    report_handler="live",
))


# --- Load test: a whole cohort votes in the same minute -------------------------------

def load_setup(base_url, usage, students, token):
    """Three seed positions, one per option, so the room is open from the first vote
    and every participant has a reason from another option to respond to."""
    import requests

    for seed, option in zip(SEEDS, "abc"):
        response = requests.post(f"{base_url}/handler/{usage}/take_position/?student={seed}", timeout=120,
                                 data=json.dumps({"option": option, "reason": f"Zaad {option}",
                                                  "values": {"keys": [], "own": []}}),
                                 headers={"Content-Type": "application/json", "X-CSRFToken": token,
                                          "Referer": base_url + "/"}, cookies={"csrftoken": token})
        assert response.status_code in (200, 409), response.text[:300]


def _respond_body(index):
    def body(session, handler_base, student):
        room = session.get(f"{handler_base}/room/?student={student}", timeout=120).json()
        target = next(item for group in room["reasons"] for item in group["items"] if item["can_respond"])
        return {"to": target["rid"], "understand": f"begrip {index}", "question": f"vraag {index}"}
    return body


def journey(index, usage):
    option, other = "abc"[index % 3], "abc"[(index + 1) % 3]
    steps = [
        Step("take_position", "POST", {"option": option, "reason": f"reden {index}",
                                       "values": {"keys": [f"v{1 + index % 3}"], "own": []}}),
        Step("room", "GET", ""),
        Step("respond", "POST", _respond_body(index)),
        Step("revote", "POST", {"option": other if index % 2 else option, "reason": ""}),
        Step("reflect", "POST", {"values": {"keys": ["v1"], "own": []}, "changed": f"anders {index}",
                                 "listening": "factual", "note": ""}),
        Step("room", "GET", ""),
    ]
    if index % 25 == 0:
        steps.append(Step("live", "GET", "", as_staff=True))
    return steps


def verify(usage, outcomes, report):
    """Every accepted position, response, re-vote and reflection is stored once; the
    running tally and the facilitator's distribution equal a recount from the records."""
    from leergang_xblocks.dialogue import exercise
    from leergang_xblocks.dialogue.records import SHARED_ITEM_TYPE

    problems, lost, checked = [], 0, 0
    for student, steps in outcomes:
        anonymous_id = platform.workbench_anonymous_id(student)
        rows = [answer for answer in Submission.objects.filter(
            student_item__student_id=anonymous_id, student_item__item_id=usage,
            student_item__item_type=OWN_ITEM_TYPE).order_by("id").values_list("answer", flat=True)]
        for handler, kind in (("take_position", "position"), ("respond", "response"), ("revote", "revote"),
                              ("reflect", "reflection")):
            accepted = [s for s in steps if s["handler"] == handler and s["status"] == 200]
            stored = [r for r in rows if r.get("kind") == kind]
            checked += len(accepted)
            if len(stored) != len(accepted):
                lost += abs(len(accepted) - len(stored)) or 1
                problems.append(f"{student}: {len(accepted)} {handler} accepted, {len(stored)} stored")
            if kind == "position" and accepted and stored and stored[0]["option"] != accepted[0]["body"]["option"]:
                problems.append(f"{student}: position {stored[0]['option']} stored, "
                                f"{accepted[0]['body']['option']} sent")
    by_participant = {}
    for who, answer in (Submission.objects.filter(student_item__item_id=usage, student_item__item_type=OWN_ITEM_TYPE)
                        .order_by("id").values_list("student_item__student_id", "answer")):
        by_participant.setdefault(who, []).append(answer)
    round_number = report.get("round", 1)
    recount = exercise.recount(by_participant, round_number)
    from leergang_xblocks.stores.api import tallies
    kept = tallies.read(_course(usage), usage + "#tally", f"tally:r{round_number}")
    if exercise.comparable(kept) != exercise.comparable(recount):
        problems.append(f"the running tally {kept and kept.get('final')} differs from the recount {recount['final']}")
    shown = {row["key"]: (row["first"], row["final"]) for row in report.get("distribution", [])}
    expected = {key: (recount["first"].get(key, 0), recount["final"].get(key, 0)) for key in shown}
    if shown != expected:
        problems.append(f"the facilitator's distribution {shown} differs from the recount {expected}")
    if not report.get("counts_checked"):
        problems.append("the facilitator's view says the counts differ from the recount")
    if recount["positions"] != len([w for w, rows in by_participant.items()
                                    if any(r.get("kind") == "position" for r in rows)]):
        problems.append("a participant has more than one position in the round")
    return {"checked": checked, "lost": lost, "problems": problems}


CONTRACT.load_setup = load_setup
CONTRACT.load_journey = journey
CONTRACT.load_verify = verify


# --- Load test: one participant's overlapping requests ---------------------------------

OVERLAP_KINDS = ("position_burst", "revote_burst", "two_tabs")
BURST = 6


def overlap_journey(index, usage):
    """(kind, stages), the requests of a stage sent at the same moment.

    position_burst: one identical position in a burst (double clicks);
    revote_burst: a position, then one identical re-vote in a burst;
    two_tabs: a position, then two tabs re-voting differently at once."""
    option, other = "abc"[index % 3], "abc"[(index + 1) % 3]
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    position = Step("take_position", "POST", {"option": option, "reason": f"reden {index}",
                                              "values": {"keys": [f"v{1 + index % 3}"], "own": []}})
    if kind == "position_burst":
        return kind, [[position] * BURST]
    if kind == "revote_burst":
        return kind, [[position], [Step("revote", "POST", {"option": other, "reason": f"anders {index}"})] * BURST]
    return kind, [[position], [Step("revote", "POST", {"option": choice, "reason": f"tab {choice} van {index}"})
                               for choice in (option, other)]]


def overlap_verify(kind, stages, final):
    """Through `my_data` and `room`: one position and at most one re-vote in the round,
    each acknowledged one stored once (the others answer 409 `already_positioned` or
    `already_revoted`), and the room shows the participant's latest choice."""
    from tests.harness.overlaps import Verdict, accepted, flat

    verdict = Verdict(kind)
    steps = flat(stages)
    records = final["my_data"]["data"]["records"]
    room = final["room"]
    verdict.only(steps, {("take_position", 200), ("take_position", 409), ("revote", 200), ("revote", 409)})
    for handler, record_kind in (("take_position", "position"), ("revote", "revote")):
        sent = accepted(steps, handler)
        verdict.kept_as_acknowledged(record_kind, [[s["body"]["option"], s["body"]["reason"]] for s in sent],
                                     [[r["option"], r["reason"]] for r in records if r["kind"] == record_kind])
        tried = [s for s in steps if s["handler"] == handler]
        if tried and len(sent) != 1:
            verdict.problem("duplicates" if sent else "stuck", f"{len(sent)} of {len(tried)} {handler} accepted")
    latest = [r for r in records if r["kind"] in ("position", "revote")]
    if not room.get("positioned"):
        verdict.problem("stuck", "a position is stored but the room says none was taken")
    elif latest and room.get("revealed"):
        shown = [row["key"] for row in room["distribution"] if row["mine"]]
        if shown != [latest[-1]["option"]]:
            verdict.problem("stuck", f"the room shows {shown} as the participant's, stored {latest[-1]['option']}")
    return verdict.result()


CONTRACT.overlap_setup = load_setup
CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
CONTRACT.overlap_reads = ("my_data", "room")
