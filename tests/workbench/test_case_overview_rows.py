"""The case staff overview's rows, read in one pass over each participant's newest summary
and every staff record, and one participant's row read on its own (the programme
overview's detail): what staff recorded last counts, an assessment counts for the paper
version it assessed, and a participant's own row is the overview's row of them."""
import datetime
import uuid

import pytest

from leergang_xblocks.case import block as case_block
from leergang_xblocks.case import rule as rules
from tests.support.case import arrange, new_case_course, newcomer, paper_ids
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 12, 1)   # after the test timetable's closing day


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def rows_by_id(staff, usage):
    return {r["id"]: r for r in staff.block(usage).overview_rows(with_names=False)}


def test_the_overview_shows_what_staff_recorded_last_and_each_row_reads_alone_the_same():
    scenario, (usage,) = new_case_course()
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    (anna, anna_id), (bram, bram_id), (_chris, chris_id), (_dewi, dewi_id) = (newcomer(scenario) for _ in range(4))
    for person in (anna, bram):
        ok(person.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                       "problem": "Drie handtekeningen"}}))
        ok(person.post(usage, "submit_paper", {"text": "Mijn paper.", "reflection": "Loslaten."}))
    for session in range(1, 7):
        ok(staff.post(usage, "record_attendance", {"session": session, "present": {anna_id: True, chris_id: True}}))
    ok(staff.post(usage, "save_attendance", {"attendance": [
        {"participant": anna_id, "session": 6, "state": "absent", "was": "present"},
        {"participant": chris_id, "session": 2, "state": "unrecorded", "was": "present"}]}))
    ok(staff.post(usage, "record_presented", {"participant": anna_id, "presented": True}))
    ok(staff.post(usage, "record_presented", {"participant": bram_id, "presented": True}))
    ok(staff.post(usage, "record_presented", {"participant": bram_id, "presented": False}))
    ok(staff.post(usage, "assess_paper", {"participant": anna_id, "paper": paper_ids(anna, usage)[-1],
                                          "result": "sufficient"}))
    ok(staff.post(usage, "assess_paper", {"participant": bram_id, "paper": paper_ids(bram, usage)[-1],
                                          "result": "sufficient"}))
    ok(bram.post(usage, "submit_paper", {"text": "Mijn paper, herzien.", "reflection": "Loslaten."}))

    rows = rows_by_id(staff, usage)
    anna_row, bram_row, chris_row = rows[anna_id], rows[bram_id], rows[chris_id]
    assert anna_row["attendance"] == {1: True, 2: True, 3: True, 4: True, 5: True, 6: False, 7: None}
    assert anna_row["presented"] is True and anna_row["paper_status"] == rules.PAPER_SUFFICIENT
    assert anna_row["title"] == "Minder regels"
    # Bram's newest presentation record says no; his assessment was of the paper he replaced.
    assert bram_row["presented"] is False and bram_row["paper_status"] == rules.PAPER_SUBMITTED
    assert chris_row["title"] == "" and chris_row["attendance"][2] is None and chris_row["attendance"][1] is True
    assert rows[dewi_id]["paper_status"] == rules.PAPER_MISSING     # on the roster only

    block = staff.block(usage)
    for aid in (anna_id, bram_id, chris_id, dewi_id):
        assert block.overview_row(aid) == rows[aid]
    assert block.overview_row("nobody-at-all") is None


def test_in_a_team_case_each_members_row_alone_is_their_row_in_the_overview():
    scenario, (usage,) = new_case_course(extra='case_mode="team"')
    staff = Participant(f"staff_{uuid.uuid4().hex[:8]}")
    (a1, a1_id), (a2, a2_id), (_loner, loner_id) = (newcomer(scenario) for _ in range(3))
    arrange(usage, {"Team Noord": [a1.student_id, a2.student_id]})
    ok(a1.post(usage, "save_case", {"fields": {"title": "Noord: de buurtmoestuin"}}))
    ok(staff.post(usage, "record_attendance", {"session": 1, "present": {a2_id: False}}))
    rows = rows_by_id(staff, usage)
    assert rows[a2_id]["title"] == "Noord: de buurtmoestuin" and rows[a2_id]["group"] == "Team Noord"
    assert rows[a2_id]["attendance"][1] is False
    block = staff.block(usage)
    for aid in (a1_id, a2_id, loner_id):
        assert block.overview_row(aid) == rows[aid]
