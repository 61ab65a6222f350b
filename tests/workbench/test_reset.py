"""The instructor's "Delete learner's state" and the blocks' own staff tool.

`reset_student_attempts` (tests/support/platform_fakes.py) mirrors the LMS: it calls
the block's `clear_student_state`, then reads the learner's StudentModule, which
exists only once some user state of theirs was saved.
"""
import datetime
import uuid

import pytest

from leergang_xblocks.case import block as case_block
from leergang_xblocks.core import platform
from tests.support import groups as groups_support
from tests.support.case import new_case_course
from tests.support.platform_scores import SubmissionsScoreReceiver, StudentModuleDoesNotExist, reset_student_attempts
from tests.support.workbench import Participant, scenario_usage_ids

TODAY = datetime.date(2026, 3, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


@pytest.fixture
def lms_grades():
    with SubmissionsScoreReceiver() as receiver:
        yield receiver


def tag():
    return uuid.uuid4().hex[:8]


def ok(response):
    assert response.status_code == 200, response.content[:400]
    return response.json()


def code(response):
    return response.json()["error"]["code"]


def reset(usage, student, receiver=None):
    staff_block = Participant("staff_reset").block(usage)
    reset_student_attempts(staff_block, Participant(student).block(usage), platform.workbench_anonymous_id(student),
                           platform.workbench_anonymous_id("staff_reset"), receiver)


def groups_course():
    scenario, usage = groups_support.new_course(set_name="r" + tag())
    a, b = f"ra{tag()}", f"rb{tag()}"
    for student in (a, b):
        groups_support.visit(scenario, student)
    groups_support.arrange(usage, {"A": [a, b]})
    return scenario, usage, a, b


def test_groups_reset_finds_the_learners_state_and_clears_their_introduction():
    _scenario, usage, a, b = groups_course()
    ok(Participant(a).post(usage, "post_introduction", {"text": "WEG-ERMEE"}))
    reset(usage, a)     # no "Module does not exist": the write kept a user-state row
    assert "WEG-ERMEE" not in Participant(b).get(usage, "group_introductions").content.decode()
    assert not Participant(a).block(usage).has_participant_records


def test_trust_scan_reset_of_a_learner_with_only_a_draft_finds_their_state():
    usage = [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]
    student = "ts" + tag()
    ok(Participant(student).post(usage, "save_draft", {"answers": {}, "version": 0}))
    reset(usage, student)
    assert ok(Participant(student).get(usage, "my_data"))["data"].get("drafts", []) in ([], None)


def define_and_write(participant, usage):
    ok(participant.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                        "problem": "Drie handtekeningen"}}))
    ok(participant.post(usage, "submit_paper", {"text": "Paper.", "reflection": "Loslaten."}))


def own_records(participant, usage):
    return ok(participant.get(usage, "my_data"))["data"]["own_records"]


def test_resetting_one_case_copy_clears_that_blocks_score_not_the_courses_case(lms_grades):
    scenario, (scored, other) = new_case_course(
        extra='scored="true" require_presentation="false" attendance_required="0"', blocks=2)
    staff = Participant("staff_" + tag())
    unscored = staff.block(other)
    unscored.scored = False
    unscored.save()
    anna = Participant("c" + tag())
    anna.page(scenario)
    define_and_write(anna, scored)
    ok(anna.post(other, "log_entry", {"session": 2, "parts": {}, "reflection": {"action": "Gesprek"}, "actions": [],
                                      "carried": {}, "seen": 0}))
    anna_id = platform.workbench_anonymous_id(anna.student_id)
    paper = next(r["data"]["id"] for r in own_records(anna, scored) if r["data"]["kind"] == "paper")
    ok(staff.post(scored, "assess_paper", {"participant": anna_id, "paper": paper, "result": "sufficient"}))
    assert lms_grades.of(anna_id) == [(1, 1)]
    kept = own_records(anna, scored)

    reset(other, anna.student_id, lms_grades)
    assert own_records(anna, scored) == kept and lms_grades.of(anna_id) == [(1, 1)]
    with pytest.raises(StudentModuleDoesNotExist):     # nothing of hers is left in that block
        reset(other, anna.student_id, lms_grades)

    reset(scored, anna.student_id, lms_grades)
    assert own_records(anna, scored) == kept
    assert lms_grades.changed[-1]["score_deleted"] and lms_grades.changed[-1]["usage_id"] == scored


def test_staff_remove_one_participants_case_with_the_blocks_tool(lms_grades):
    scenario, (scored, other) = new_case_course(
        extra='scored="true" require_presentation="false" attendance_required="0"', blocks=2)
    staff = Participant("staff_" + tag())
    anna, bram = Participant("c" + tag()), Participant("c" + tag())
    for person in (anna, bram):
        person.page(scenario)
        define_and_write(person, scored)
    anna_id = platform.workbench_anonymous_id(anna.student_id)
    paper = next(r["data"]["id"] for r in own_records(anna, scored) if r["data"]["kind"] == "paper")
    ok(staff.post(scored, "assess_paper", {"participant": anna_id, "paper": paper, "result": "sufficient"}))
    page = staff.page(scenario).content.decode()
    assert 'class="leergang-removal-form"' in page
    assert 'class="leergang-removal-form"' not in anna.page(scenario).content.decode()

    assert code(staff.post(other, "remove_participant_data", {"participant": "nobody" + tag()})) == "no_such_participant"
    assert anna.post(other, "remove_participant_data", {"participant": anna_id}).status_code == 403
    answer = ok(staff.post(other, "remove_participant_data", {"participant": anna.student_id}))  # by username
    assert answer["removed"] == anna_id
    assert own_records(anna, scored) == [] and own_records(anna, other) == []
    assert own_records(bram, scored) != []
    assert lms_grades.of(anna_id) == [(1, 1)]      # the score belongs to the scored block, not this one
    ok(staff.post(scored, "remove_participant_data", {"participant": anna_id}))
    assert lms_grades.changed[-1]["score_deleted"] and lms_grades.changed[-1]["usage_id"] == scored


def test_staff_remove_an_introduction_with_the_groups_tool():
    scenario, usage, a, b = groups_course()
    ok(Participant(a).post(usage, "post_introduction", {"text": "WEG-ERMEE"}))
    staff = Participant("staff_" + tag())
    ok(staff.post(usage, "remove_participant_data", {"participant": platform.workbench_anonymous_id(a)}))
    assert "WEG-ERMEE" not in Participant(b).get(usage, "group_introductions").content.decode()
    assert Participant(a).get(usage, "group_introductions").json()["group"] == "A"   # still in the group
