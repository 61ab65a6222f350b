"""Erasure on retirement (AVG art. 17) and whose ids edx-submissions holds, after a
group exercise with moderation, a mentor and names.

The course: a small-groups block, a feedback round and a dialogue in group scope
on one group set. Anna is a member of Noord (introduction, update, feedback given
and received, a flag; a position and a re-vote, a response from Bram to her
reason) and mentor of Zuid; staff hid a feedback item and a reason.
"""
import json
import uuid
from types import SimpleNamespace

import pytest
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.stores import retirement
from leergang_xblocks.stores.models import GroupSetVersion, ModerationDecision, Participant as ParticipantRow
from tests.support.dialogue import CASE, position
from tests.support.stores import stores_state
from tests.support.workbench import Participant

SET = "erasure"


def exercise():
    tag = uuid.uuid4().hex[:8]
    scenario = f"erasuretest.{tag}"
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    add_xml_scenario(scenario, f"erasure test {tag}",
                     f'<vertical_demo><leergang_groups group_set_name="{SET}"/>'
                     f'<leergang_feedback_round group_set_name="{SET}" method="incident"/>'
                     f'<leergang_dialogue scope="group" min_positions="2" group_set_name="{SET}" {CASE}/>'
                     '</vertical_demo>')
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    groups_usage, round_usage, dialogue_usage = (str(child) for child in root.children)
    anna, bram, carla, xander, yara = (f"e{tag}_{name}" for name in ("anna", "bram", "carla", "xander", "yara"))
    for person in (anna, bram, carla, xander, yara):
        assert Participant(person).page(scenario).status_code == 200  # onto the roster, names noted
    staff = Participant("staff_erasure")
    version = staff.get(groups_usage, "groups_overview").json()["version"]
    made = staff.post(groups_usage, "import_groups", {"version": version, "text": "\n".join(
        [f"{anna},Noord", f"{bram},Noord", f"{carla},Noord", f"{xander},Zuid", f"{yara},Zuid"])})
    assert made.status_code == 200, made.content
    mentors = staff.post(groups_usage, "assign_mentors", {"version": made.json()["version"], "mentors_version": 0,
                                                          "text": f"{anna},Zuid"})
    assert mentors.status_code == 200, mentors.content
    assert Participant(anna).post(groups_usage, "post_introduction", {"text": "ANNA-INTRO"}).status_code == 200
    assert Participant(bram).post(groups_usage, "post_introduction", {"text": "BRAM-INTRO"}).status_code == 200
    for person, text in ((anna, "ANNA-UPDATE"), (bram, "BRAM-UPDATE")):
        assert Participant(person).post(round_usage, "post_update", {"text": text}).status_code == 200
    to_anna = next(p["ref"] for p in Participant(bram).get(round_usage, "round_state").json()["to_review"]
                   if p["name"] == anna)
    assert Participant(bram).post(round_usage, "give_feedback",
                                  {"to": to_anna, "answers": {"clarifying": "BRAM-TO-ANNA"}}).status_code == 200
    to_bram = next(p["ref"] for p in Participant(anna).get(round_usage, "round_state").json()["to_review"]
                   if p["name"] == bram)
    assert Participant(anna).post(round_usage, "give_feedback",
                                  {"to": to_bram, "answers": {"clarifying": "ANNA-TO-BRAM"}}).status_code == 200
    received = Participant(anna).get(round_usage, "round_state").json()["received"][0]
    assert Participant(anna).post(round_usage, "flag_feedback",
                                  {"feedback": received["id"], "reason": "ANNA-FLAG-REASON"}).status_code == 200
    block = Participant("staff_erasure").block(round_usage)
    noord = GroupSetStore(platform.course_id(block), SET)
    group_id = noord.group_of(platform.workbench_anonymous_id(anna)).id
    record = staff.get(round_usage, "staff_group", f"group={group_id}").json()["feedback"]
    hidden = next(r["record"] for r in record if "ANNA-TO-BRAM" in json.dumps(r))
    assert staff.post(round_usage, "hide_item", {"group": group_id, "record": hidden, "hide": True,
                                                 "reason": "te persoonlijk"}).status_code == 200
    dialogue(dialogue_usage, anna, bram, carla, staff)
    return SimpleNamespace(scenario=scenario, course_id=platform.course_id(block), groups_usage=groups_usage, round_usage=round_usage,
                           dialogue_usage=dialogue_usage, anna=anna, bram=bram,
                           people=(anna, bram, carla, xander, yara), staff=staff, group_id=group_id)


def dialogue(usage, anna, bram, carla, staff):
    """Noord's dilemma: three positions (revealed), Bram responds to Anna's reason, Anna
    re-votes with a reason, staff hide Carla's reason."""
    for person, option, reason in ((anna, "a", "ANNA-REASON"), (bram, "b", "BRAM-REASON"),
                                   (carla, "b", "CARLA-REASON")):
        assert Participant(person).post(usage, "take_position", position(option, reason)).status_code == 200
    room = Participant(bram).get(usage, "room").json()
    reasons = {i["text"]: i["rid"] for r in room["reasons"] for i in r["items"]}
    assert Participant(bram).post(usage, "respond", {"to": reasons["ANNA-REASON"], "understand": "BRAM-UNDERSTANDS",
                                                     "question": "BRAM-ASKS"}).status_code == 200
    assert Participant(anna).post(usage, "revote", {"option": "b", "reason": "ANNA-REVOTE"}).status_code == 200
    assert staff.post(usage, "hide_reason", {"rid": reasons["CARLA-REASON"], "hidden": True,
                                             "reason": "te persoonlijk"}).status_code == 200


def submissions_student_ids(course_id):
    """Every student id edx-submissions holds for the course (a read-only look, in the test)."""
    from submissions.models import StudentItem

    return set(StudentItem.objects.filter(course_id=course_id).values_list("student_id", flat=True))


def test_every_edx_submissions_student_id_is_a_participants_anonymous_id():
    run = exercise()
    ids = submissions_student_ids(run.course_id)
    participants = {platform.workbench_anonymous_id(p) for p in run.people}
    assert ids, "the exercise wrote learners' artefacts"
    assert ids <= participants, sorted(ids - participants)
    # Each block of the exercise wrote some: the introductions, the round and the dialogue.
    from submissions.models import StudentItem
    items = set(StudentItem.objects.filter(course_id=run.course_id).values_list("item_id", flat=True))
    for usage in (run.groups_usage, run.round_usage, run.dialogue_usage):
        assert any(item.startswith(usage) for item in items), (usage, items)


def test_retirement_erases_the_participant_and_leaves_the_others_records_working():
    run = exercise()
    anna = platform.workbench_anonymous_id(run.anna)
    # Before: their own download is complete.
    mine = Participant(run.anna).get(run.groups_usage, "my_data").json()["data"]
    assert mine["group_set"]["roster_entry"]["username"] == run.anna
    assert [p["group"] for p in mine["group_set"]["placements"]] == ["Noord"]
    round_data = json.dumps(Participant(run.anna).get(run.round_usage, "my_data").json()["data"])
    for text in ("ANNA-UPDATE", "ANNA-TO-BRAM", "ANNA-FLAG-REASON", "BRAM-TO-ANNA"):
        assert text in round_data
    assert any(stores_state(anna).values())
    staff_group = f"group={run.group_id}"
    assert "ANNA-UPDATE" in run.staff.get(run.round_usage, "staff_group", staff_group).content.decode()

    # The LMS sends this from its retire_misc endpoint; the workbench has no user ids,
    # so the username finds the rows (the LMS's user id does, when the user service gives it).
    retirement.USER_RETIRE_LMS_MISC.send(sender=None, user=SimpleNamespace(id=987654321, username=run.anna))

    # Nothing of ours names them: no names, roster, placements, index rows, mentoring, flags.
    assert not any(stores_state(anna).values()), stores_state(anna)
    assert not ParticipantRow.objects.filter(username=run.anna).exists()
    versions = json.dumps(list(GroupSetVersion.objects.filter(course_id=run.course_id).values_list("groups")))
    assert anna not in versions and "Noord" in versions
    # Their artefacts in edx-submissions are marked deleted (the api's only removal) and read by no one.
    from submissions.models import Submission
    assert set(Submission._objects.filter(student_item__student_id=anna).values_list("status", flat=True)) == {"D"}
    assert not Submission.objects.filter(student_item__student_id=anna).exists()
    # What is left, anonymised: staff's decision to hide an item stays (removing it would
    # show the item again); Bram's feedback to Anna names her anonymous id, not her name.
    assert ModerationDecision.objects.filter(course_id=run.course_id, hidden=True).count() == 2  # feedback, reason
    assert set(ModerationDecision.objects.filter(course_id=run.course_id).values_list("decided_by", flat=True)) == {
        platform.workbench_anonymous_id("staff_erasure")}
    bram = platform.workbench_anonymous_id(run.bram)
    to_anna = [a for a in Submission.objects.filter(student_item__student_id=bram).values_list("answer", flat=True)
               if a.get("to") == anna]
    assert [a["answers"]["clarifying"] for a in to_anna] == ["BRAM-TO-ANNA"]
    bram_view = Participant(run.bram).get(run.round_usage, "round_state")
    assert bram_view.status_code == 200 and "ANNA-UPDATE" not in bram_view.content.decode()
    assert "BRAM-UPDATE" in bram_view.content.decode()
    intros = Participant(run.bram).get(run.groups_usage, "group_introductions").content.decode()
    assert "BRAM-INTRO" in intros and "ANNA-INTRO" not in intros and run.anna not in intros
    room = Participant(run.bram).get(run.dialogue_usage, "room")
    assert room.status_code == 200 and "BRAM-REASON" in room.content.decode()
    shown = json.dumps(room.json()["reasons"])
    assert "ANNA-REASON" not in shown and "ANNA-REVOTE" not in shown and "ANNA-REVOTE" not in room.content.decode()
    dialogue_csv = run.staff.get(run.dialogue_usage, "export_csv").content.decode("utf-8-sig")
    assert "ANNA-REASON" not in dialogue_csv and "BRAM-REASON" in dialogue_csv
    assert "ANNA-UPDATE" not in run.staff.get(run.round_usage, "staff_group", staff_group).content.decode()
    assert "ANNA-UPDATE" not in run.staff.get(run.round_usage, "export_csv", "names=0").content.decode("utf-8-sig")
    overview = run.staff.get(run.groups_usage, "groups_overview").content.decode()
    assert run.anna not in overview and anna not in overview
    export = run.staff.get(run.groups_usage, "export_groups", "names=1").content.decode("utf-8-sig")
    assert run.anna not in export
    # A second signal finds nothing more to do.
    assert retirement.on_retire(None, user=SimpleNamespace(id=987654321, username=run.anna)) == []


def test_the_lms_user_id_finds_every_course_of_a_user():
    from leergang_xblocks.stores.api import erasure, participants

    courses = [f"course-v1:Erase+{uuid.uuid4().hex[:6]}+2026" for _ in range(2)]
    for index, course in enumerate(courses):
        participants.note(course, f"anon-{index}-x", "xeno", "Xeno de Wit", user_id=4242)
    participants.note(courses[0], "anon-other", "other", "Iemand Anders", user_id=4343)
    assert sorted(erasure.erase_user(4242)) == sorted((c, f"anon-{i}-x") for i, c in enumerate(courses))
    assert participants.names(courses[0]) == {"anon-other": ("other", "Iemand Anders")}


def test_a_response_does_not_keep_the_erased_participants_reason():
    run = exercise()
    bram = Participant(run.bram)
    # Before: Bram's response quotes Anna's reason, read from her record.
    assert bram.get(run.dialogue_usage, "room").json()["my"]["response"]["to_text"] == "ANNA-REASON"
    retirement.USER_RETIRE_LMS_MISC.send(sender=None, user=SimpleNamespace(id=987654321, username=run.anna))
    room = bram.get(run.dialogue_usage, "room")
    assert "ANNA-REASON" not in room.content.decode()
    assert room.json()["my"]["response"]["understand"] == "BRAM-UNDERSTANDS"  # his own words stay
    assert "ANNA-REASON" not in bram.get(run.dialogue_usage, "my_data").content.decode()
    assert "ANNA-REASON" not in bram.page(run.scenario).content.decode()
