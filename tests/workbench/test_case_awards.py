"""What the case tracker says about an award is what the programme awards (issue 22).

A programme that awards nothing (`show_outcome` off: VNG, Zet, Werken in het Westen)
has no status, no award label and no attendance threshold, for participants, in the
staff overview and in the CSV. The VU's tracker shows no status before staff have
decided what it rests on (tests/unit/test_case_rule.py has the rule itself).
"""
import datetime
import uuid

import pytest

from leergang_xblocks.case import block as case_block
from leergang_xblocks.case import rule as rules
from leergang_xblocks.core import platform
from tests.support.case import new_case_course
from tests.support.platform_scores import SubmissionsScoreReceiver
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 12, 1)   # after the test timetable's closing day (2026-10-14)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def participant_with_case(scenario, usage):
    learner = Participant(f"p{uuid.uuid4().hex[:8]}")
    learner.page(scenario)
    ok(learner.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                    "problem": "Drie handtekeningen"}}))
    return learner, platform.workbench_anonymous_id(learner.student_id)


def test_a_programme_that_awards_nothing_shows_no_status_label_or_threshold_to_anyone():
    scenario, (usage,) = new_case_course(extra='show_outcome="false"')
    learner, learner_id = participant_with_case(scenario, usage)
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    ok(staff.post(usage, "record_attendance", {"session": 1, "present": {learner_id: True}}))
    overview = ok(staff.get(usage, "staff_overview", "names=0"))
    row = next(r for r in overview["rows"] if r["id"] == learner_id)
    assert "status" not in row and "missing" not in row
    assert 'data-status="' not in overview["html"] and "case-status-filter" not in overview["html"]
    csv = staff.get(usage, "export_csv", "format=en").content.decode("utf-8-sig")
    header = csv.splitlines()[0].split(",")
    assert "status" not in header and "missing" not in header
    assert len(header) == len(csv.splitlines()[1].split(","))
    page = learner.page(scenario).content.decode()
    assert 'class="case-outcome' not in page
    # The participant's own view of a case: no status in what staff open either.
    case_html = ok(staff.get(usage, "staff_case", f"participant={learner_id}"))["html"]
    assert "case-outcome-status" not in case_html


def test_the_day_after_the_closing_day_a_paper_waiting_for_assessment_gives_no_status():
    scenario, (usage,) = new_case_course()
    learner, learner_id = participant_with_case(scenario, usage)
    ok(learner.post(usage, "submit_paper", {"text": "Mijn paper.", "reflection": "Loslaten."}))
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    for session in range(1, 7):
        ok(staff.post(usage, "record_attendance", {"session": session, "present": {learner_id: session != 6}}))
    ok(staff.post(usage, "record_presented", {"participant": learner_id, "presented": True}))
    row = next(r for r in ok(staff.get(usage, "staff_overview", "names=0"))["rows"] if r["id"] == learner_id)
    assert row["status"] == rules.NOT_YET and row["missing"] == ["paper_assessment"]


def test_attendance_recorded_in_an_unscored_copy_republishes_the_grade_of_the_scored_one(request):
    """The VU course has a copy of the tracker in every session and records attendance
    there; the grade lives in the scored copy of the closing day and must follow."""
    lms_grades = SubmissionsScoreReceiver().__enter__()
    request.addfinalizer(lambda: lms_grades.__exit__(None, None, None))
    scenario, (session_copy, scored_copy) = new_case_course(extras=['focus_session="1"', 'scored="true"'])
    learner, learner_id = participant_with_case(scenario, session_copy)
    ok(learner.post(scored_copy, "submit_paper", {"text": "Mijn paper.", "reflection": "Loslaten."}))
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    paper_id = next(r["data"]["id"] for r in ok(learner.get(scored_copy, "my_data"))["data"]["own_records"]
                    if r["data"]["kind"] == "paper")
    ok(staff.post(scored_copy, "assess_paper", {"participant": learner_id, "paper": paper_id,
                                                 "result": "sufficient"}))
    ok(staff.post(scored_copy, "record_presented", {"participant": learner_id, "presented": True}))
    assert lms_grades.of(learner_id) == []             # no attendance yet: 0, nothing to publish
    for session in range(1, 6):
        ok(staff.post(session_copy, "record_attendance", {"session": session, "present": {learner_id: True}}))
    assert lms_grades.of(learner_id) == [(1, 1)]       # the fifth session made the diploma
    # The grid save in the session's copy does the same, both ways.
    ok(staff.post(session_copy, "save_attendance", {"attendance": [
        {"participant": learner_id, "session": 5, "state": "absent", "was": "present"},
        {"participant": learner_id, "session": 6, "state": "absent", "was": "unrecorded"}]}))
    assert lms_grades.of(learner_id)[-1] == (0, 1)
