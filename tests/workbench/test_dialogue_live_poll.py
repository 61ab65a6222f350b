"""The facilitator's live view renders its HTML again only when what it shows changed
(dialogue/live_follow.py, live_view.py): a poll after a change shows the change, a poll
of the version the page shows answers "unchanged" while nothing changed, and one of a
recent version gets only the reasons that changed since, with the parts around them.
A view kept and updated per participant answers what a view built from nothing does."""
import uuid

from leergang_xblocks.dialogue import live_follow
from tests.support.dialogue import new_dialogue, position
from tests.support.workbench import Participant


def with_positions(prefix, options):
    """(usage, tag): a new dialogue in which one participant per option took a position
    with reason REDEN-<n>; `prefix` + `tag` names them, so later posts are new people."""
    _scenario, usage = new_dialogue()
    tag = uuid.uuid4().hex[:6]
    for n, option in enumerate(options):
        assert Participant(f"{prefix}{tag}_{n}").post(usage, "take_position",
                                                       position(option, f"REDEN-{n}")).status_code == 200
    return usage, tag


def test_a_poll_shows_a_new_position_and_a_poll_with_nothing_new_the_same_view():
    usage, tag = with_positions("live", "abb")
    staff = Participant("staff_live_poll")
    live_follow.forget()
    first = staff.get(usage, "live").json()
    assert "REDEN-2" in first["html"]
    again = staff.get(usage, "live").json()
    assert again == first
    assert Participant(f"live{tag}_new").post(usage, "take_position",
                                              position("c", "NIEUWE-REDEN")).status_code == 200
    after = staff.get(usage, "live").json()
    assert "NIEUWE-REDEN" in after["html"] and after["positions"] == first["positions"] + 1
    # Another round is another view: nothing of the first round's HTML is answered for it.
    other = staff.get(usage, "live", "round=2").json()
    assert "NIEUWE-REDEN" not in other["html"]


def test_a_poll_of_the_version_the_page_shows_answers_unchanged_until_something_changes():
    usage, tag = with_positions("seen", "ab")
    staff = Participant("staff_live_seen")
    shown = staff.get(usage, "live").json()
    assert staff.get(usage, "live", f"seen={shown['version']}").json() == {"unchanged": True,
                                                                          "version": shown["version"]}
    assert Participant(f"seen{tag}_new").post(usage, "take_position",
                                              position("a", "NIEUWE-REDEN")).status_code == 200
    after = staff.get(usage, "live", f"seen={shown['version']}").json()
    assert after["version"] != shown["version"] and "html" not in after
    (new,) = after["changes"]["reasons"]
    assert new["option"] == "a" and "NIEUWE-REDEN" in new["html"] and f'data-rid="{new["rid"]}"' in new["html"]
    assert "3 positions" in after["changes"]["top"] and "dialogue-new-round" in after["changes"]["bottom"]
    # A page that missed a poll gets every change since the version it shows.
    assert Participant(f"seen{tag}_later").post(usage, "take_position",
                                                position("b", "LATER")).status_code == 200
    staff.get(usage, "live")
    missed = staff.get(usage, "live", f"seen={shown['version']}").json()["changes"]["reasons"]
    assert {r["option"] for r in missed} == {"a", "b"}
    # A version this process does not know gets the whole view.
    assert "NIEUWE-REDEN" in staff.get(usage, "live", f"seen={uuid.uuid4().hex}").json()["html"]
    # A version of another view (another round) is not this view's.
    assert "html" in staff.get(usage, "live", f"round=2&seen={shown['version']}").json()


def test_a_view_kept_across_changes_answers_what_a_view_built_from_nothing_does():
    scenario, usage = new_dialogue()
    tag = uuid.uuid4().hex[:6]
    people = [Participant(f"kept{tag}_{n}") for n in range(5)]
    lookers = [Participant(f"kept{tag}_looks{n}") for n in range(2)]   # open the exercise, no position yet
    staff = Participant("staff_live_kept")
    live_follow.forget()
    staff.get(usage, "live")                     # the view is kept from here on
    for looker in lookers:
        assert looker.page(scenario).status_code == 200
        assert staff.get(usage, "live").json()["not_taken_part"]["count"] >= 1
    for n, person in enumerate(people[:4]):
        assert person.post(usage, "take_position", position("abc"[n % 3], f"REDEN-{n}",
                                                             {"keys": [], "own": [f"eigen{n}"]})).status_code == 200
        staff.get(usage, "live")
    shown = staff.get(usage, "live").json()
    target = next(item["rid"] for group in shown["reasons"] for item in group["items"] if group["key"] == "b")
    assert people[0].post(usage, "respond", {"to": target, "understand": "u", "question": "q"}).status_code == 200
    assert people[0].post(usage, "revote", {"option": "b", "reason": "OM"}).status_code == 200
    assert people[1].post(usage, "reflect", {"values": {"keys": [], "own": ["rust"]}, "changed": "x",
                                             "listening": None, "note": ""}).status_code == 200
    staff.get(usage, "live")
    hidden = shown["reasons"][0]["items"][0]["rid"]
    assert staff.post(usage, "hide_reason", {"rid": hidden, "hidden": True, "reason": ""}).status_code == 200
    delta = staff.get(usage, "live", f"seen={shown['version']}").json()["changes"]
    assert hidden in {r["rid"] for r in delta["reasons"]}
    assert people[4].post(usage, "take_position", position("c", "LAATSTE")).status_code == 200
    assert lookers[0].post(usage, "take_position", position("a", "LATER")).status_code == 200
    kept = staff.get(usage, "live").json()
    live_follow.forget()
    new = staff.get(usage, "live").json()
    assert {**kept, "version": None} == {**new, "version": None}
    assert kept["positions"] == 6 and kept["revotes"] == 1 and kept["counts_checked"]
    assert kept["not_taken_part"]["count"] == 1 and (kept["moved"], kept["stayed"]) == (1, 0)


def test_the_presenter_view_answers_by_changes_and_never_shows_a_hidden_reason():
    usage, tag = with_positions("pres", "ab")
    staff = Participant("staff_live_present")
    shown = staff.get(usage, "live", "view=present").json()
    assert "REDEN-1" in shown["html"] and 'data-option="a"' in shown["html"]
    assert staff.get(usage, "live", f"view=present&seen={shown['version']}").json() == {
        "unchanged": True, "version": shown["version"]}
    assert Participant(f"pres{tag}_new").post(usage, "take_position",
                                              position("a", "NIEUWE-REDEN")).status_code == 200
    after = staff.get(usage, "live", f"view=present&seen={shown['version']}").json()
    assert after["version"] != shown["version"] and "html" not in after
    (new,) = after["changes"]["reasons"]
    assert new["option"] == "a" and "NIEUWE-REDEN" in new["html"] and f'data-rid="{new["rid"]}"' in new["html"]
    assert "dialogue-presenter-count" in after["changes"]["top"]
    # Hidden for participants: the presenter's page takes it out (no HTML for it), and a
    # whole presenter view never has it.
    assert staff.post(usage, "hide_reason", {"rid": new["rid"], "hidden": True, "reason": ""}).status_code == 200
    hidden = staff.get(usage, "live", f"view=present&seen={after['version']}").json()["changes"]
    assert hidden["reasons"] == [{"rid": new["rid"], "option": "a", "html": ""}]
    whole = staff.get(usage, "live", "view=present").json()
    assert "NIEUWE-REDEN" not in whole["html"] and "REDEN-0" in whole["html"]
    for part in (hidden["top"], hidden["bottom"], whole["html"]):
        for leak in ("dialogue-hide", "dialogue-new-round", "dialogue-csv", "dialogue-not-taken-part"):
            assert leak not in part, leak
    # The moderation view still shows it, marked.
    assert "NIEUWE-REDEN" in staff.get(usage, "live").json()["html"]
