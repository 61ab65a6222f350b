"""The dialogue exercise as people meet it (issue 21): the closing reflection comes after
the reveal, reporting a reason is a deliberate step that the reporter can undo, at
most three own values, the re-vote counts who re-voted, and a presenter view for the
projector. Codes, not wording."""
import json
import re
import uuid

from tests.support.dialogue import new_dialogue, position, written
from tests.support.workbench import Participant

REFLECTION = {"values": {"keys": [], "own": []}, "changed": "Ik luister nu anders.", "listening": None, "note": ""}


def people(n):
    tag = uuid.uuid4().hex[:6]
    return [f"h{tag}_{i}" for i in range(n)]


def code(response):
    return json.loads(response.content)["error"]["code"]


def revealed_room(usage, texts=("EERSTE", "TWEEDE", "DERDE"), options="abb"):
    """Three positions (the reveal); returns (people, the third one's room)."""
    names = people(len(texts))
    room = None
    for person, option, text in zip(names, options, texts):
        answer = Participant(person).post(usage, "take_position", position(option, text))
        assert answer.status_code == 200, answer.content
        room = answer.json()
    return names, room


def rid_of(room, text):
    return next(i["rid"] for r in room["reasons"] for i in r["items"] if i["text"] == text)


# --- 1. The closing reflection comes after the reveal ------------------------------------

def test_the_reflection_is_neither_shown_nor_taken_before_the_reveal():
    _scenario, usage = new_dialogue(min_positions=3)
    first, second, third = people(3)
    waiting = Participant(first).post(usage, "take_position", position("a", "vroeg")).json()
    assert waiting["waiting"] is True
    assert waiting["can_reflect"] is False and "dialogue-reflection-form" not in waiting["html"]
    early = Participant(first).post(usage, "reflect", REFLECTION)
    assert early.status_code == 409 and code(early) == "not_revealed"
    Participant(second).post(usage, "take_position", position("b", "later"))
    open_room = Participant(third).post(usage, "take_position", position("b", "nog later")).json()
    assert open_room["revealed"] is True and open_room["can_reflect"] is True
    assert "dialogue-reflection-form" in open_room["html"]
    assert Participant(first).post(usage, "reflect", REFLECTION).status_code == 200


def test_without_a_reveal_step_the_reflection_follows_the_position():
    _scenario, usage = new_dialogue(extra='step_reveal="false" step_respond="false" step_revote="false" '
                                          'step_minority="false"')
    only = people(1)[0]
    state = Participant(only).post(usage, "take_position", position("a", "r")).json()
    assert state["can_reflect"] is True and "dialogue-reflection-form" in state["html"]
    assert Participant(only).post(usage, "reflect", REFLECTION).status_code == 200


# --- 2. Reporting a reason: respond first, confirm, undo -----------------------------------

def test_responding_comes_before_reporting_and_reporting_asks_for_confirmation():
    _scenario, usage = new_dialogue()
    _names, room = revealed_room(usage)
    html = room["html"]
    item = re.search(r'<li class="dialogue-reason">.*?</li>', html, re.S).group(0)
    assert item.index("dialogue-respond") < item.index("dialogue-flag")
    # The report button opens an inline confirmation (no window.confirm): it controls it.
    button = re.search(r"<button[^>]*dialogue-flag-button[^>]*>", item).group(0)
    controlled = re.search(r'aria-controls="([^"]+)"', button).group(1)
    assert 'aria-expanded="false"' in button
    assert re.search(rf'id="{controlled}"[^>]*hidden', item) or re.search(rf'hidden[^>]*id="{controlled}"', item)
    assert "dialogue-flag-confirm" in item


def test_the_reporter_can_undo_a_report_and_nobody_else_can():
    _scenario, usage = new_dialogue()
    (a, b, c), room = revealed_room(usage)
    rid = rid_of(room, "EERSTE")
    assert Participant(c).post(usage, "flag_reason", {"rid": rid, "reason": "persoonlijk"}).status_code == 200
    staff = Participant("staff_undo")
    assert next(i for r in staff.get(usage, "live").json()["reasons"] for i in r["items"] if i["rid"] == rid)[
        "flags"] == 1
    # Someone who did not report it cannot take the report back.
    other = Participant(b).post(usage, "unflag_reason", {"rid": rid})
    assert other.status_code == 404 and code(other) == "no_such_flag"
    undone = written(Participant(c), usage, "unflag_reason", {"rid": rid})
    assert next(i for r in undone["reasons"] for i in r["items"] if i["rid"] == rid)["flagged"] is False
    assert next(i for r in staff.get(usage, "live").json()["reasons"] for i in r["items"] if i["rid"] == rid)[
        "flags"] == 0
    assert json.loads(Participant(c).get(usage, "my_data").content)["data"]["flags"] == []
    again = Participant(c).post(usage, "unflag_reason", {"rid": rid})
    assert again.status_code == 404 and code(again) == "no_such_flag"
    for body in ({"rid": "x"}, {}, {"rid": rid, "extra": 1}, {"rid": 5}):
        bad = Participant(c).post(usage, "unflag_reason", body)
        assert bad.status_code == 400 and code(bad) == "invalid", body
    # It can be reported again after the undo.
    assert Participant(c).post(usage, "flag_reason", {"rid": rid}).status_code == 200


def test_undoing_a_report_needs_a_signed_in_participant_and_is_refused_in_preview():
    _scenario, usage = new_dialogue()
    (_a, _b, c), room = revealed_room(usage)
    rid = rid_of(room, "EERSTE")
    assert Participant("none").post(usage, "unflag_reason", {"rid": rid}).status_code == 403
    masquerading = Participant("staff_masq", masquerade=c).post(usage, "unflag_reason", {"rid": rid})
    assert masquerading.status_code == 403 and code(masquerading) == "read_only_preview"


# --- 4. At most three own values -----------------------------------------------------------

def test_a_fourth_and_fifth_own_value_are_refused_with_a_code_at_the_field():
    _scenario, usage = new_dialogue()
    person = people(1)[0]
    for words in (["moed", "lef", "rust", "zorg"], ["moed", "lef", "rust", "zorg", "trouw"]):
        refused = Participant(person).post(usage, "take_position",
                                           position("a", "r", {"keys": [], "own": words}))
        assert refused.status_code == 400 and code(refused) == "too_many_values", refused.content
        assert json.loads(refused.content)["error"]["data"]["field"] == "own_values"
    assert json.loads(Participant(person).get(usage, "my_data").content)["data"]["records"] == [] or all(
        r["kind"] == "seen" for r in json.loads(Participant(person).get(usage, "my_data").content)["data"]["records"])
    # The same word twice counts once; three are taken.
    taken = Participant(person).post(usage, "take_position",
                                     position("a", "r", {"keys": [], "own": ["moed", "Moed", "lef", "rust"]}))
    assert taken.status_code == 200, taken.content
    assert taken.json()["my"]["values"] == ["moed", "lef", "rust"]


def test_the_reflection_refuses_a_fourth_own_value_too():
    _scenario, usage = new_dialogue()
    (a, _b, _c), _room = revealed_room(usage)
    refused = Participant(a).post(usage, "reflect", {**REFLECTION, "values": {"keys": [],
                                                                              "own": ["a", "b", "c", "d"]}})
    assert refused.status_code == 400 and code(refused) == "too_many_values"


def test_the_own_values_field_says_its_limit_to_the_browser():
    scenario, _usage = new_dialogue()
    page = Participant(people(1)[0]).page(scenario).content.decode()
    field = re.search(r'<input[^>]*name="own_values"[^>]*>', page).group(0)
    assert 'data-max="3"' in field and "aria-describedby" in field


# --- 6. The re-vote counts only those who re-voted ------------------------------------------

def test_who_did_not_re_vote_did_not_stay():
    _scenario, usage = new_dialogue()
    a, b, c, d = people(4)
    for person, option in ((a, "a"), (b, "a"), (c, "b"), (d, "b")):
        Participant(person).post(usage, "take_position", position(option, f"r {person}"))
    Participant(d).post(usage, "revote", {"option": "a", "reason": ""})
    live = Participant("staff_shift").get(usage, "live").json()
    assert (live["moved"], live["stayed"], live["not_revoted"]) == (1, 0, 3)
    Participant(c).post(usage, "revote", {"option": "b", "reason": ""})
    live = Participant("staff_shift").get(usage, "live").json()
    assert (live["moved"], live["stayed"], live["not_revoted"]) == (1, 1, 2)


# --- 5. The presenter view ---------------------------------------------------------------------

def test_the_presenter_view_has_no_moderation_no_names_and_no_hidden_reasons():
    scenario, usage = new_dialogue(extra='anonymous="false"')
    (a, b, c), room = revealed_room(usage, texts=("ZICHTBAAR", "VERBORGEN", "OOK ZICHTBAAR"))
    staff = Participant("staff_presenter")
    assert staff.post(usage, "hide_reason", {"rid": rid_of(room, "VERBORGEN"), "hidden": True}).status_code == 200
    Participant(c).post(usage, "flag_reason", {"rid": rid_of(room, "ZICHTBAAR")})
    missing = people(1)[0]
    Participant(missing).page(scenario)          # opened it, no position: a name on the moderation view
    shown = staff.get(usage, "live", "view=present")
    assert shown.status_code == 200, shown.content
    html = shown.json()["html"]
    assert "dialogue-presenter-content" in html
    assert "ZICHTBAAR" in html and "VERBORGEN" not in html
    for leak in ("dialogue-hide", "dialogue-new-round", "dialogue-csv", "dialogue-live-round", missing, a, b, c):
        assert leak not in html, leak
    assert "reported" not in html
    # The moderation view is unchanged, and the staff page has one button to open the presenter view.
    assert "dialogue-hide" in staff.get(usage, "live").json()["html"]
    page = staff.page(scenario).content.decode()
    assert len(re.findall(r"<button[^>]*dialogue-presenter-open", page)) == 1
    assert code(staff.get(usage, "live", "view=projector")) == "invalid"
    assert Participant(a).get(usage, "live", "view=present").status_code == 403
