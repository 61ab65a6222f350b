"""The feedback round as people meet it (issue 21): a report is made in a form in the
page and can be undone by its reporter, roles are explained and one per person in a
small group, nobody is "behind" before a due date, and a colleague's feedback is
appreciated, not graded. Codes, not wording (except where the wording is the defect)."""
import json
import re

from tests.support.feedback_round import arrange, give, new_round, people, post_update, state
from tests.support.workbench import Participant


def code(response):
    return json.loads(response.content)["error"]["code"]


def received_feedback(**attributes):
    """a received feedback from b (group of three); returns (usage, (a, b, c), the item)."""
    _scenario, usage = new_round(method="incident", **attributes)
    a, b, c = people(3)
    arrange(usage, {"Noord": [a, b, c]})
    post_update(usage, a)
    assert give(usage, b, a, {"clarifying": "Wat wil je bereiken?"}).status_code == 200
    return usage, (a, b, c), state(usage, a)["received"][0]


# --- Reporting feedback: a form in the page, and undo ------------------------------------

def test_the_report_asks_its_reason_in_a_labelled_field_in_the_page():
    usage, (a, _b, _c), _item = received_feedback()
    html = state(usage, a)["html"]
    article = re.search(r'<article class="fr-received-item".*?</article>', html, re.S).group(0)
    opener = re.search(r"<button[^>]*fr-flag-open[^>]*>", article).group(0)
    panel = re.search(r'aria-controls="([^"]+)"', opener).group(1)
    assert 'aria-expanded="false"' in opener
    form = re.search(rf'<form[^>]*id="{panel}"[^>]*>.*?</form>', article, re.S).group(0)
    assert " hidden" in form.split(">", 1)[0]
    field = re.search(r'<textarea[^>]*id="([^"]+)"[^>]*class="[^"]*fr-flag-reason', form) or re.search(
        r'<textarea[^>]*class="[^"]*fr-flag-reason[^"]*"[^>]*id="([^"]+)"', form)
    assert field and f'<label for="{field.group(1)}">' in form


def test_the_reporter_can_undo_a_report_and_nobody_else_can():
    usage, (a, b, _c), item = received_feedback()
    assert Participant(a).post(usage, "flag_feedback", {"feedback": item["id"], "reason": "Onaardig"}).status_code == 200
    staff = Participant("staff_fr_undo")
    assert staff.get(usage, "staff_overview").json()["totals"]["flags"] == 1
    # The giver (or anyone else) has no such feedback to take a report back on.
    other = Participant(b).post(usage, "unflag_feedback", {"feedback": item["id"]})
    assert other.status_code == 404 and code(other) == "no_such_feedback"
    undone = Participant(a).post(usage, "unflag_feedback", {"feedback": item["id"]})
    assert undone.status_code == 200, undone.content
    assert state(usage, a)["received"][0]["flagged"] is False
    assert staff.get(usage, "staff_overview").json()["totals"]["flags"] == 0
    assert json.loads(Participant(a).get(usage, "my_data").content)["data"]["flags"] == []
    again = Participant(a).post(usage, "unflag_feedback", {"feedback": item["id"]})
    assert again.status_code == 404 and code(again) == "no_such_flag"
    for body in ({}, {"feedback": ""}, {"feedback": item["id"], "x": 1}, {"feedback": 7}):
        bad = Participant(a).post(usage, "unflag_feedback", body)
        assert bad.status_code == 400 and code(bad) == "invalid", body
    assert Participant("none").post(usage, "unflag_feedback", {"feedback": item["id"]}).status_code == 403
    # Reported again after the undo.
    assert Participant(a).post(usage, "flag_feedback", {"feedback": item["id"]}).status_code == 200
    assert state(usage, a)["received"][0]["flagged"]


# --- Roles: explained, one per person in a small group --------------------------------------

def test_in_a_small_group_each_role_is_held_once_and_each_shown_role_is_explained():
    """The method's places for the group's size (feedback_round/methods.py: a trio has three
    places, the facilitator keeping time too): no role twice, and a sentence for every
    role shown."""
    for size in (2, 3, 4, 5):
        _scenario, usage = new_round(round_number="2")
        members = people(size)
        arrange(usage, {"Klein": members})
        view = state(usage, members[0])
        held = [m["roles"] for m in view["members"]]
        shown = sorted(r for roles in held for r in roles)
        assert len(shown) == len(set(shown)), (size, held)
        assert shown, (size, held)
        explained = {r["name"]: r["help"] for r in view["role_help"]}
        assert set(explained) == set(shown) and all(explained.values())
        assert "fr-role-help" in view["html"]


def test_someone_alone_holds_no_role():
    _scenario, usage = new_round()
    alone = people(1)[0]
    arrange(usage, {"Solo": [alone]})
    view = state(usage, alone)
    assert view["members"][0]["roles"] == [] and view["role_help"] == []


def test_a_member_is_shown_once_with_their_role_without_doubled_brackets():
    _scenario, usage = new_round(round_number="1")
    members = people(3)
    arrange(usage, {"Drie": members})
    html = state(usage, members[0])["html"]
    line = re.search(r'<ul class="fr-members"[^>]*>.*?</ul>', html, re.S).group(0)
    assert not re.search(r"\)\s*(<[^>]+>\s*)*\(", line), line     # no ") (" between "(you)" and the roles


# --- Who is behind: nobody before a due date ---------------------------------------------------

def test_nobody_is_behind_before_the_due_dates_and_the_late_are_behind_after():
    _scenario, usage = new_round(update_due="2099-01-01 17:00", feedback_due="2099-02-01 17:00",
                                 round_kind="report_back")
    a, b, c = people(3)
    arrange(usage, {"Noord": [a, b, c]})
    post_update(usage, a)
    overview = Participant("staff_fr_behind").get(usage, "staff_overview").json()
    assert overview["behind"] == []
    # a posted and has nobody's update to answer yet; b and c have their update and a's to answer.
    assert {row["name"]: row["pending"] for row in overview["not_yet"]} == {b: ["update", "feedback"],
                                                                            c: ["update", "feedback"]}

    _scenario, late_usage = new_round(update_due="2000-01-01", round_kind="report_back")
    x, y = people(2)
    arrange(late_usage, {"Zuid": [x, y]})
    post_update(late_usage, x)
    late = Participant("staff_fr_behind").get(late_usage, "staff_overview").json()
    # y missed the update's due date (late) and has x's update to answer (no due date: not yet).
    assert [(row["name"], row["late"], row["pending"]) for row in late["behind"]] == [(y, ["update_overdue"],
                                                                                     ["feedback"])]
    assert late["not_yet"] == []


def test_without_due_dates_nobody_is_ever_behind():
    _scenario, usage = new_round(round_kind="both")
    a, b = people(2)
    arrange(usage, {"Paar": [a, b]})
    overview = Participant("staff_fr_nodue").get(usage, "staff_overview").json()
    assert overview["behind"] == [] and {row["name"] for row in overview["not_yet"]} == {a, b}


# --- A colleague's feedback is appreciated, not graded -------------------------------------------

def test_rating_a_colleagues_feedback_is_called_appreciation_in_dutch():
    usage, (a, _b, _c), item = received_feedback()
    dutch = Participant(a, language="nl")
    html = dutch.get(usage, "round_state").json()["html"]
    assert "Waardering" in html and "eoordeling" not in html
    saved = dutch.post(usage, "rate_feedback", {"feedback": item["id"], "helpful": 3, "answer": ""}).json()
    assert "aardering" in saved["message"] and "eoordeling" not in saved["message"]
    english = state(usage, a)["html"]
    assert "appreciation" in english and "rating" not in english.lower()
