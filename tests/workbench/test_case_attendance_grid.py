"""The staff overview's grid save (`save_attendance`, issue 20): attendance in three states
per cell and "presented", saved as exactly the cells staff changed, never a cell they did
not change (rows a filter hid were written as absent; ticks in a second session were
dropped), and never over another staff member's change made meanwhile (409, nothing saved).
"""
import pytest

from leergang_xblocks.core import platform
from tests.support.case import new_case_course
from tests.support.platform_scores import SubmissionsScoreReceiver
from tests.support.workbench import Participant
# The case tests' calendar (an autouse fixture: importing it applies it here) and helpers.
from tests.workbench.test_case_handlers import code, fixed_today, person  # noqa: F401


def writer(scenario, usage, paper=False):
    """A participant who wrote their case (and, with `paper`, handed in a paper)."""
    who = Participant(person())
    who.page(scenario)
    ok = who.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte",
                                                  "problem": "Drie handtekeningen"}})
    assert ok.status_code == 200, ok.content
    if paper:
        assert who.post(usage, "submit_paper", {"text": "Mijn paper.", "reflection": "Loslaten."}).status_code == 200
    return platform.workbench_anonymous_id(who.student_id)


def rows(staff, usage):
    answer = staff.get(usage, "staff_overview", "names=0")
    assert answer.status_code == 200, answer.content
    return {r["id"]: r for r in answer.json()["rows"]}


def cell(participant, session, state, was="unrecorded"):
    return {"participant": participant, "session": session, "state": state, "was": was}


def test_cells_in_two_sessions_are_saved_and_nobody_else_is_touched():
    """The finding: B1 and B2 ticked, only B1 saved; every unticked row (hidden ones too) made absent."""
    scenario, (usage,) = new_case_course()
    bram, anna, cas = (writer(scenario, usage) for _ in range(3))
    staff = Participant("staff_" + person())
    before = rows(staff, usage)
    saved = staff.post(usage, "save_attendance", {"attendance": [cell(bram, 1, "present"), cell(bram, 2, "present")]})
    assert saved.status_code == 200, saved.content
    assert saved.json()["recorded"] == 2
    after = rows(staff, usage)
    assert after[bram]["attendance"]["1"] is True and after[bram]["attendance"]["2"] is True
    for other in (anna, cas):      # no record about them, not even "absent"
        assert after[other] == before[other]


def test_three_states_absent_and_not_recorded_differ_and_the_page_shows_them_apart():
    scenario, (usage,) = new_case_course()
    anna = writer(scenario, usage)
    staff = Participant("staff_" + person())
    assert staff.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "absent"),
                                                                 cell(anna, 2, "present")]}).status_code == 200
    attendance = rows(staff, usage)[anna]["attendance"]
    assert (attendance["1"], attendance["2"], attendance["3"]) == (False, True, None)
    back = staff.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "unrecorded", was="absent")]})
    assert back.status_code == 200, back.content
    assert rows(staff, usage)[anna]["attendance"]["1"] is None
    html = staff.get(usage, "staff_overview", "names=0").json()["html"]
    assert 'data-was="unrecorded"' in html and 'data-was="present"' in html
    assert '<option value="absent">' in html


def test_a_stale_save_changes_nothing_and_names_the_cells_that_differ():
    scenario, (usage,) = new_case_course()
    anna, bram = writer(scenario, usage), writer(scenario, usage)
    first, second = Participant("staff_" + person()), Participant("staff_" + person())
    # Both loaded the page with everything unrecorded; the second saves first.
    assert second.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "absent")]}).status_code == 200
    stale = first.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "present"), cell(bram, 1, "present")],
                                                  "presented": [{"participant": bram, "presented": True,
                                                                 "was": False}]})
    assert stale.status_code == 409 and code(stale) == "stale_attendance"
    assert stale.json()["cells"] == [{"participant": anna, "session": 1, "state": "absent"}]
    now = rows(first, usage)
    assert now[anna]["attendance"]["1"] is False                                # the other's change stands
    assert now[bram]["attendance"]["1"] is None and now[bram]["presented"] is False   # nothing of the save
    # Presented is checked the same way.
    assert second.post(usage, "save_attendance", {"presented": [{"participant": bram, "presented": True,
                                                                 "was": False}]}).status_code == 200
    stale = first.post(usage, "save_attendance", {"presented": [{"participant": bram, "presented": False,
                                                                 "was": False}]})
    assert stale.status_code == 409 and stale.json()["cells"] == [{"participant": bram, "presented": True}]


@pytest.mark.parametrize("body, status, error", [
    ({}, 400, "no_changes"),
    ({"attendance": [], "presented": []}, 400, "no_changes"),
    ({"attendance": [{"participant": "X", "session": 9, "state": "present", "was": "unrecorded"}]}, 400,
     "no_such_session"),
    ({"attendance": [{"participant": "X", "session": 1, "state": "yes", "was": "unrecorded"}]}, 400, "invalid"),
    ({"attendance": [{"participant": "X", "session": 1, "state": "present"}]}, 400, "invalid"),
    ({"attendance": [{"participant": "X", "session": "1", "state": "present", "was": "unrecorded"}]}, 400, "invalid"),
    ({"session": 1, "present": {"X": True}}, 400, "invalid"),
    ({"attendance": [{"participant": "X", "session": 1, "state": "present", "was": "unrecorded"},
                     {"participant": "X", "session": 1, "state": "absent", "was": "unrecorded"}]}, 400,
     "duplicate_cell"),
    ({"attendance": [{"participant": "X", "session": 1, "state": "present", "was": "unrecorded"},
                     {"participant": "anon-nobody", "session": 1, "state": "present", "was": "unrecorded"}]}, 404,
     "no_such_participant"),
])
def test_bad_input_is_refused_and_changes_nothing(body, status, error):
    scenario, (usage,) = new_case_course()
    anna = writer(scenario, usage)
    staff = Participant("staff_" + person())
    before = rows(staff, usage)
    body = {key: ([{**c, "participant": anna if c["participant"] == "X" else c["participant"]} for c in value]
                  if isinstance(value, list) else value) for key, value in body.items()}
    refused = staff.post(usage, "save_attendance", body)
    assert refused.status_code == status and code(refused) == error, refused.content
    assert rows(staff, usage) == before


def test_participants_may_not_save_attendance():
    scenario, (usage,) = new_case_course()
    anna_person = Participant(person())
    anna_person.page(scenario)
    anna = platform.workbench_anonymous_id(anna_person.student_id)
    refused = anna_person.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "present")]})
    assert refused.status_code == 403 and code(refused) == "staff_only"


def test_only_the_changed_learners_scores_are_set():
    with SubmissionsScoreReceiver() as lms_grades:
        scenario, (usage,) = new_case_course(extra='scored="true" weight="2"')
        anna, bram = writer(scenario, usage, paper=True), writer(scenario, usage, paper=True)
        staff = Participant("staff_" + person())
        answer = staff.post(usage, "save_attendance", {"attendance": [cell(anna, 1, "present")]})
        assert answer.status_code == 200 and answer.json()["scores_set"] == 0   # no paper assessed: still 0
        assert lms_grades.of(bram) == [] and lms_grades.of(anna) == []
