"""The case tracker's score after staff actions reaches the learner, not the staff member.

The LMS grades whoever makes the request with a `grade` event
(xmodule/services.py, `EventPublishingService._handle_grade_event`), so a score
that staff change goes through edx-submissions' `set_score` on the learner's
submission for this block; `SubmissionsScoreReceiver` mirrors the LMS's receiver
of its `score_set` signal (tests/support/platform_fakes.py).
"""
import datetime
import uuid

import pytest
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.case import block as case_block
from leergang_xblocks.core import platform
from tests.support.case import new_case_course
from tests.support.platform_scores import SubmissionsScoreReceiver
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


@pytest.fixture
def published(monkeypatch):
    """Every event a block publishes, with the workbench user whose request published it."""
    events = []
    monkeypatch.setattr(WorkbenchRuntime, "publish",
                        lambda self, block, kind, data: events.append((getattr(self, "user_id", None), kind, data)),
                        raising=False)
    return events


@pytest.fixture
def lms_grades():
    with SubmissionsScoreReceiver() as receiver:
        yield receiver


def person(prefix="p"):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def learner_with_paper(scenario, usage):
    learner = Participant(person())
    learner.page(scenario)
    ok(learner.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                    "problem": "Drie handtekeningen"}}))
    ok(learner.post(usage, "submit_paper", {"text": "Mijn paper over vertrouwen.", "reflection": "Loslaten."}))
    return learner, platform.workbench_anonymous_id(learner.student_id)


def paper_id(learner, usage):
    data = ok(learner.get(usage, "my_data"))["data"]
    return next(r["data"]["id"] for r in data["own_records"] if r["data"]["kind"] == "paper")


def test_staff_actions_set_the_learners_score_once_per_change_and_never_the_staff_members(published, lms_grades):
    scenario, (usage,) = new_case_course(extra='scored="true" weight="3"')
    learner, learner_id = learner_with_paper(scenario, usage)
    other, other_id = learner_with_paper(scenario, usage)
    staff = Participant("staff_" + person())
    staff_id = platform.workbench_anonymous_id(staff.student_id)
    assert lms_grades.changed == []       # the learners' own writes left them at 0: no score to set yet
    before_staff = len(published)

    for session in (1, 2, 3, 4, 5):
        ok(staff.post(usage, "record_attendance", {"session": session, "present": {learner_id: True, other_id: True}}))
    ok(staff.post(usage, "record_presented", {"participant": learner_id, "presented": True}))
    assert lms_grades.changed == []       # the paper is not assessed yet: still 0
    ok(staff.post(usage, "assess_paper", {"participant": learner_id, "paper": paper_id(learner, usage),
                                          "result": "sufficient"}))
    assert lms_grades.of(learner_id) == [(3, 3)]
    assert lms_grades.changed[0]["usage_id"] == usage
    assert lms_grades.changed[0]["course_id"] == platform.course_id(learner.block(usage))

    # The same attendance again changes nothing: no score is set.
    answer = ok(staff.post(usage, "record_attendance", {"session": 5, "present": {learner_id: True, other_id: True}}))
    assert answer["scores_set"] == 0 and lms_grades.of(learner_id) == [(3, 3)]
    # An absence takes the diploma away; presence gives it back: one score per change, per learner.
    assert ok(staff.post(usage, "record_attendance", {"session": 5, "present": {learner_id: False}}))["scores_set"] == 1
    answer = ok(staff.post(usage, "record_attendance", {"session": 5, "present": {learner_id: True, other_id: True}}))
    assert answer["scores_set"] == 1
    assert lms_grades.of(learner_id) == [(3, 3), (0, 3), (3, 3)]
    assert lms_grades.of(other_id) == [] and lms_grades.of(staff_id) == []

    staff_events = published[before_staff:]
    assert not [e for e in staff_events if e[1] == "grade"]


def test_a_learners_own_write_after_a_staff_score_goes_the_same_way(published, lms_grades):
    """The LMS reads a block's score from edx-submissions before the courseware state
    (lms/djangoapps/grades/scores.py, get_score): after a staff score, a `grade` event
    of the learner's own would be shadowed. Their own writes set the score the same way."""
    scenario, (usage,) = new_case_course(extra='scored="true" require_presentation="false" attendance_required="0"')
    learner, learner_id = learner_with_paper(scenario, usage)
    staff = Participant("staff_" + person())
    ok(staff.post(usage, "assess_paper", {"participant": learner_id, "paper": paper_id(learner, usage),
                                          "result": "sufficient"}))
    assert lms_grades.of(learner_id) == [(1, 1)]
    # A new version of the paper is not assessed yet: the diploma waits again.
    ok(learner.post(usage, "submit_paper", {"text": "Tweede versie.", "reflection": "Meer loslaten."}))
    assert lms_grades.of(learner_id) == [(1, 1), (0, 1)]
    assert not [e for e in published if e[1] == "grade"]


@pytest.mark.parametrize("extra", ['scored="false"', 'scored="true" weight="0"'])
def test_an_unscored_copy_sets_nothing(extra, published, lms_grades):
    scenario, (usage,) = new_case_course(extra=extra + ' require_presentation="false" attendance_required="0"')
    learner, learner_id = learner_with_paper(scenario, usage)
    staff = Participant("staff_" + person())
    ok(staff.post(usage, "record_attendance", {"session": 1, "present": {learner_id: True}}))
    ok(staff.post(usage, "assess_paper", {"participant": learner_id, "paper": paper_id(learner, usage),
                                          "result": "sufficient"}))
    assert lms_grades.changed == []
    assert not [e for e in published if e[1] == "grade"]
