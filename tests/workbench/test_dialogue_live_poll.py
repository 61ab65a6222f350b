"""The facilitator's live view renders its HTML again only when what it shows changed
(dialogue/live_follow.py, `rendered`): a poll after a change shows the change, and a
poll of the version the page shows answers "unchanged" while nothing changed."""
import uuid

from leergang_xblocks.dialogue import live_follow
from tests.support.dialogue import new_dialogue, position
from tests.support.workbench import Participant


def test_a_poll_shows_a_new_position_and_a_poll_with_nothing_new_the_same_view():
    _scenario, usage = new_dialogue()
    tag = uuid.uuid4().hex[:6]
    for n, option in enumerate("abb"):
        assert Participant(f"live{tag}_{n}").post(usage, "take_position",
                                                  position(option, f"REDEN-{n}")).status_code == 200
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
    _scenario, usage = new_dialogue()
    tag = uuid.uuid4().hex[:6]
    for n, option in enumerate("ab"):
        assert Participant(f"seen{tag}_{n}").post(usage, "take_position",
                                                  position(option, f"REDEN-{n}")).status_code == 200
    staff = Participant("staff_live_seen")
    shown = staff.get(usage, "live").json()
    assert staff.get(usage, "live", f"seen={shown['version']}").json() == {"unchanged": True,
                                                                          "version": shown["version"]}
    assert Participant(f"seen{tag}_new").post(usage, "take_position",
                                              position("a", "NIEUWE-REDEN")).status_code == 200
    after = staff.get(usage, "live", f"seen={shown['version']}").json()
    assert "NIEUWE-REDEN" in after["html"] and after["version"] != shown["version"]
    # A version of another view (another round) is not this view's.
    assert "html" in staff.get(usage, "live", f"round=2&seen={shown['version']}").json()
