"""A feedback round's write answers with the parts of the round it changed (`regions`,
tests/support/regions.py), each as a fresh read right after it shows it (`round_state`)
and as the page a reload gives (student_view), in English and Dutch, with learner text
escaped; although the write does not read its group's records, hidden items and mentors
again after writing (it keeps what it read in its step and adds what it wrote): with a
mentor, a hidden update, feedback given, rated, flagged and unflagged, actions saved."""
import pytest

from tests.support.feedback_round import arrange, new_round, people, state, store_of
from tests.support.regions import assert_answer_matches_page, regions_of
from tests.support.workbench import Participant

# Which parts of the round each write changes for its writer.
ANSWERED = {"post_update": ["my-posted", "my-update", "updates"], "give_feedback": ["give"],
            "rate_feedback": ["received"], "flag_feedback": ["received"], "unflag_feedback": ["received"],
            "save_actions": ["actions", "follow-up"], "follow_up_action": ["follow-up"]}
HOSTILE = "<script>alert(1)</script> & co"


def answered_as_read(usage, student, response, handler):
    """The answer is the message and the regions `handler` changes, each as round_state
    shows it right after; returns the fresh state."""
    assert response.status_code == 200, response.content[:400]
    answer = response.json()
    assert set(answer) == {"saved", "message", "regions"} and answer["saved"] is True and answer["message"]
    assert sorted(answer["regions"]) == sorted(ANSWERED[handler])
    fresh = state(usage, student)
    assert_answer_matches_page(answer, fresh["html"])
    return fresh


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

    answered_as_read(usage, a, Participant(a).post(usage, "post_update", {"text": "Mijn casus"}), "post_update")
    answered_as_read(usage, b, Participant(b).post(usage, "post_update", {"text": "ONGEPAST"}), "post_update")
    record = next(u["record"] for u in staff.get(usage, "staff_group", f"group={ids['Noord']}").json()["updates"]
                  if "ONGEPAST" in str(u))
    assert staff.post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": True}).status_code == 200
    # Another member's update, now hidden, is not in c's own answer either.
    answered = Participant(c).post(usage, "post_update", {"text": "Van c"})
    assert "ONGEPAST" not in str(answered.json())
    answered_as_read(usage, c, answered, "post_update")

    for giver in (c, mentor, b):
        ref = next((p["ref"] for p in state(usage, giver)["to_review"] if p["name"] == a and p["has_update"]), None)
        if ref is not None:
            view = answered_as_read(usage, giver, Participant(giver).post(
                usage, "give_feedback", {"to": ref, "answers": {"clarifying": f"Vraag van {giver}"}}), "give_feedback")
            assert any(p["given"] for p in view["to_review"])
    assert state(usage, a)["mentors"] == [mentor]

    received = state(usage, a)["received"]
    assert received, "nobody was asked to give feedback to the first member"
    first = received[0]["id"]
    view = answered_as_read(usage, a, Participant(a).post(usage, "rate_feedback", {"feedback": first, "helpful": 3}),
                            "rate_feedback")
    assert view["received"][0]["helpful"] == 3
    view = answered_as_read(usage, a, Participant(a).post(usage, "flag_feedback", {"feedback": first, "reason": "x"}),
                            "flag_feedback")
    assert view["received"][0]["flagged"] is True
    view = answered_as_read(usage, a, Participant(a).post(usage, "unflag_feedback", {"feedback": first}),
                            "unflag_feedback")
    assert view["received"][0]["flagged"] is False
    view = answered_as_read(usage, a, Participant(a).post(usage, "save_actions", {
        "actions": [{"text": "Bellen", "due": "2099-01-05"}]}), "save_actions")
    assert view["actions"] == [{"text": "Bellen", "due": "2099-01-05"}]
    assert "ONGEPAST" not in str(state(usage, c))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_answered_region_reads_as_the_page_after_a_reload_with_learner_text_escaped(language):
    """The page a participant would load right after each write (student_view, in their
    language) holds every region the write answered, the same; the learner's `<script>`
    and `&` are escaped in both."""
    scenario, usage = new_round(round_kind="both", method="incident", anonymous_feedback="true")
    a, b, c = people(3)
    for person in (a, b, c):
        Participant(person).page(scenario)
    arrange(usage, {"Zuid": [a, b, c]})

    def write(student, handler, body):
        response = Participant(student, language=language).post(usage, handler, body)
        assert response.status_code == 200, response.content[:400]
        answer = response.json()
        assert sorted(answer["regions"]) == sorted(ANSWERED[handler])
        page = Participant(student, language=language).page(scenario).content.decode()
        assert_answer_matches_page(answer, page)
        for html in answer["regions"].values():
            assert "<script>alert" not in html
        return answer, page

    answer, _page = write(a, "post_update", {"text": f"Update {HOSTILE}"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in answer["regions"]["updates"]
    assert "&lt;script&gt;" in answer["regions"]["my-update"]
    for giver in (b, c):
        ref = next((p["ref"] for p in state(usage, giver)["to_review"] if p["has_update"]), None)
        if ref is not None:
            answer, _page = write(giver, "give_feedback", {"to": ref, "answers": {"clarifying": f"Vraag {HOSTILE}"}})
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in answer["regions"]["give"]
    first = state(usage, a)["received"][0]["id"]
    answer, page = write(a, "rate_feedback", {"feedback": first, "helpful": 2, "answer": f"Dank {HOSTILE}"})
    assert "Dank &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in answer["regions"]["received"]
    assert 'lang="' + language in page
    write(a, "flag_feedback", {"feedback": first, "reason": HOSTILE})
    write(a, "unflag_feedback", {"feedback": first})
    answer, _page = write(a, "save_actions", {"actions": [{"text": f"Actie {HOSTILE}", "due": "2099-02-01"}]})
    assert "Actie &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in answer["regions"]["actions"]
    # The page's regions are the round's: each one a write answers is there once.
    assert set(regions_of(page)) == {"my-posted", "my-update", "updates", "give", "received", "actions", "follow-up"}
