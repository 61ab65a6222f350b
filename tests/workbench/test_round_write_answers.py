"""A feedback round's write answers with the round as a fresh read gives it right after
(`round_state`), although the write does not read its group's records, hidden items and
mentors again after writing (it keeps what it read in its step and adds what it wrote):
with a mentor, a hidden update, feedback given, rated, flagged and unflagged."""
from tests.support.feedback_round import arrange, new_round, people, state, store_of
from tests.support.workbench import Participant


def answered_as_read(usage, student, response):
    assert response.status_code == 200, response.content[:400]
    answer = response.json()
    assert answer.pop("saved") is True and answer.pop("message")
    assert answer == state(usage, student)
    return answer


def test_each_write_answers_what_a_read_right_after_it_shows():
    scenario, usage = new_round(round_kind="both", method="incident")
    a, b, c, mentor = people(4)
    for person in (a, b, c, mentor):
        Participant(person).page(scenario)          # onto the roster
    ids = arrange(usage, {"Noord": [a, b, c]})
    staff = Participant("staff_answers")
    assigned = staff.post(usage, "assign_mentors", {"version": store_of(usage).latest().version,
                                                    "mentors_version": 0, "text": f"{mentor},Noord"})
    assert assigned.status_code == 200, assigned.content[:300]

    answered_as_read(usage, a, Participant(a).post(usage, "post_update", {"text": "Mijn casus"}))
    answered_as_read(usage, b, Participant(b).post(usage, "post_update", {"text": "ONGEPAST"}))
    record = next(u["record"] for u in staff.get(usage, "staff_group", f"group={ids['Noord']}").json()["updates"]
                  if "ONGEPAST" in str(u))
    assert staff.post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": True}).status_code == 200

    for giver in (c, mentor, b):
        ref = next((p["ref"] for p in state(usage, giver)["to_review"] if p["name"] == a and p["has_update"]), None)
        if ref is not None:
            view = answered_as_read(usage, giver, Participant(giver).post(
                usage, "give_feedback", {"to": ref, "answers": {"clarifying": f"Vraag van {giver}"}}))
            assert any(p["given"] for p in view["to_review"])
    assert state(usage, a)["mentors"] == [mentor]

    received = state(usage, a)["received"]
    assert received, "nobody was asked to give feedback to the first member"
    first = received[0]["id"]
    view = answered_as_read(usage, a, Participant(a).post(usage, "rate_feedback", {"feedback": first, "helpful": 3}))
    assert view["received"][0]["helpful"] == 3
    view = answered_as_read(usage, a, Participant(a).post(usage, "flag_feedback", {"feedback": first, "reason": "x"}))
    assert view["received"][0]["flagged"] is True
    view = answered_as_read(usage, a, Participant(a).post(usage, "unflag_feedback", {"feedback": first}))
    assert view["received"][0]["flagged"] is False
    assert "ONGEPAST" not in str(state(usage, c))
