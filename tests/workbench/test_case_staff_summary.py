"""The case staff summary (case/staff_summary.py) says what folding every staff record
says: after staff writes of every kind (the cohort's attendance, the grid, presented,
assessments, comments), after the staff removal tool and after a retirement, the
overview read from the summaries equals the overview read from every staff record
(the path it replaced), row for row and for each participant's row read alone."""
import datetime
import uuid
from types import SimpleNamespace

import pytest

from leergang_xblocks.case import block as case_block
from leergang_xblocks.case.model import CaseView
from leergang_xblocks.case.staff_summary import StaffNotes, summary_of
from leergang_xblocks.stores import retirement
from tests.support.case import new_case_course, newcomer, paper_ids
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 12, 1)   # after the test timetable's closing day


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def newest_paper(person, usage):
    return paper_ids(person, usage)[-1]


def every_record_folded(notes, anonymous_ids=None):
    """The replaced read: every staff record of every participant, folded."""
    return CaseView.fold_per_participant(notes.records.all_data(anonymous_ids=anonymous_ids))


def assert_summaries_hold(block, monkeypatch):
    """The overview and each row alone, from the summaries, equal what every staff record gives."""
    fast = {r["id"]: r for r in block.overview_rows(with_names=False)}
    fast_alone = {aid: block.overview_row(aid) for aid in fast}
    notes = block._stores().staff  # noqa: SLF001 - the block's own stores
    folded = every_record_folded(notes)
    kept = {aid: data for aid, _row, data in notes.summaries.all_data(newest_only=True)}
    assert kept == {aid: summary_of(view) for aid, view in folded.items()}
    with monkeypatch.context() as patched:
        patched.setattr(StaffNotes, "views", every_record_folded)
        slow = {r["id"]: r for r in block.overview_rows(with_names=False)}
        slow_alone = {aid: block.overview_row(aid) for aid in slow}
    assert fast == slow and fast_alone == slow_alone
    return fast


def test_the_staff_summary_equals_every_staff_record_folded_after_writes_removal_and_retirement(monkeypatch):
    scenario, (usage,) = new_case_course()
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    people = [newcomer(scenario) for _ in range(4)]
    (anna, anna_id), (bram, bram_id), (chris, chris_id), (_dewi, dewi_id) = people
    for person in (anna, bram, chris):
        ok(person.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                       "problem": "Drie handtekeningen"}}))
        ok(person.post(usage, "submit_paper", {"text": "Mijn paper.", "reflection": "Loslaten."}))
    for session in range(1, 7):
        ok(staff.post(usage, "record_attendance", {"session": session, "present": {
            anna_id: True, bram_id: session != 3, chris_id: True}}))
    ok(staff.post(usage, "save_attendance", {"attendance": [
        {"participant": anna_id, "session": 6, "state": "absent", "was": "present"},
        {"participant": chris_id, "session": 2, "state": "unrecorded", "was": "present"}]}))
    ok(staff.post(usage, "record_presented", {"participant": anna_id, "presented": True}))
    ok(staff.post(usage, "record_presented", {"participant": bram_id, "presented": True}))
    ok(staff.post(usage, "record_presented", {"participant": bram_id, "presented": False}))
    ok(staff.post(usage, "assess_paper", {"participant": anna_id, "paper": newest_paper(anna, usage),
                                          "result": "sufficient"}))
    ok(staff.post(usage, "assess_paper", {"participant": bram_id, "paper": newest_paper(bram, usage),
                                          "result": "sufficient"}))
    ok(staff.post(usage, "assess_paper", {"participant": chris_id, "paper": newest_paper(chris, usage),
                                          "result": "insufficient", "feedback": "Meer bronnen."}))
    ok(staff.post(usage, "comment", {"participant": chris_id, "text": "Goed begin."}))
    ok(bram.post(usage, "submit_paper", {"text": "Mijn paper, herzien.", "reflection": "Loslaten."}))
    block = staff.block(usage)

    rows = assert_summaries_hold(block, monkeypatch)
    # What the rows say is what staff recorded last (so the comparison compares something).
    assert rows[anna_id]["attendance"][6] is False and rows[anna_id]["presented"] is True
    assert rows[anna_id]["paper_status"] == "sufficient" and rows[chris_id]["paper_status"] == "insufficient"
    assert rows[bram_id]["presented"] is False and rows[bram_id]["attendance"][3] is False
    assert rows[bram_id]["paper_status"] == "submitted"   # his assessment was of the paper he replaced
    assert rows[chris_id]["attendance"][2] is None and rows[dewi_id]["attendance"][1] is None

    ok(staff.post(usage, "remove_participant_data", {"participant": bram_id}))
    rows = assert_summaries_hold(staff.block(usage), monkeypatch)
    assert bram_id not in rows or (rows[bram_id]["attendance"][1] is None and rows[bram_id]["presented"] is False)

    erased = retirement.on_retire(None, user=SimpleNamespace(id=None, username=chris.student_id))
    assert erased, "the retired participant was not found"
    rows = assert_summaries_hold(staff.block(usage), monkeypatch)
    assert chris_id not in rows or rows[chris_id]["attendance"][1] is None
    assert rows[anna_id]["attendance"][6] is False   # the others' summaries stay


def test_a_cohorts_attendance_and_a_single_staff_record_take_the_same_summaries_lock(monkeypatch):
    """On MariaDB two staff saving at the same moment (the cohort's attendance in one tab,
    one participant's presentation in another) would each fold the records without the
    other's and append a summary missing one. Both paths hold one lock around fold and
    append; SQLite serialises writers anyway, so what is checked here is that they take
    the same lock (stores.api.locks.held) with the write inside it."""
    from leergang_xblocks.stores.api import locks

    scenario, (usage,) = new_case_course()
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    (anna, anna_id), (_bram, bram_id) = newcomer(scenario), newcomer(scenario)
    held, inside = [], []
    real_held = locks.held
    real_append = StaffNotes.refresh

    def recording_held(course_id, scope, key=""):
        held.append((course_id, scope, key))
        return real_held(course_id, scope, key)

    def recording_refresh(self, ids):
        inside.append(list(held))
        return real_append(self, ids)

    monkeypatch.setattr(locks, "held", recording_held)
    monkeypatch.setattr(StaffNotes, "refresh", recording_refresh)
    ok(staff.post(usage, "record_attendance", {"session": 1, "present": {anna_id: True, bram_id: False}}))
    cohort = set(inside[-1])
    ok(staff.post(usage, "record_presented", {"participant": anna_id, "presented": True}))
    single = set(inside[-1])
    shared = {lock for lock in cohort & single if lock[2] == "" and lock[1].endswith("#staff-summary")}
    assert shared, (cohort, single)


@pytest.mark.parametrize("save", ["record_attendance", "save_attendance", "record_presented"])
def test_participants_are_locked_before_the_summaries_lock_in_every_staff_save(monkeypatch, save):
    """One order for the case's locks: every participant's lock is taken before the
    staff summaries' lock, never after it, in the cohort's attendance, the grid and a
    single record. Two saves taking them in opposite orders could each wait for the
    other on MariaDB (a deadlock, answered 503 `retry`)."""
    from leergang_xblocks.stores.api import locks

    scenario, (usage,) = new_case_course()
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    (_anna, anna_id), (_bram, bram_id) = newcomer(scenario), newcomer(scenario)
    taken = []
    real_held = locks.held

    def recording_held(course_id, scope, key=""):
        taken.append((scope, key))
        return real_held(course_id, scope, key)

    monkeypatch.setattr(locks, "held", recording_held)
    body = {"record_attendance": {"session": 1, "present": {anna_id: True, bram_id: False}},
            "save_attendance": {"attendance": [{"participant": anna_id, "session": 1, "state": "present",
                                                "was": "unrecorded"},
                                               {"participant": bram_id, "session": 1, "state": "absent",
                                                "was": "unrecorded"}]},
            "record_presented": {"participant": anna_id, "presented": True}}[save]
    ok(staff.post(usage, save, body))
    summaries = [i for i, (scope, _key) in enumerate(taken) if scope.endswith("#staff-summary")]
    assert summaries, taken
    first_summaries = summaries[0]
    participants = {key for scope, key in taken if scope.startswith("course:") and not scope.endswith("#staff-summary")
                    and key in (anna_id, bram_id)}
    assert participants, taken
    for aid in participants:
        first = next(i for i, (scope, key) in enumerate(taken) if key == aid and scope.startswith("course:"))
        assert first < first_summaries, (save, taken)
