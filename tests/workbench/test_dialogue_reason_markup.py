"""The room's reasons are rendered once per process under a key of what their markup
is made of (dialogue/answer_html.py): a kept item is the markup a fresh render gives,
in the participant's language, with their own flag, and the newest text."""
import uuid

from leergang_xblocks.dialogue import answer_html
from tests.support.dialogue import new_dialogue, position
from tests.support.regions import regions_of
from tests.support.workbench import Participant


def people(n):
    tag = uuid.uuid4().hex[:6]
    return [f"rm{tag}{i}" for i in range(n)]


def reasons_of(answer):
    return {item["text"]: item["rid"] for group in answer["reasons"] for item in group["items"]}


def test_kept_reasons_are_what_a_fresh_render_gives_in_each_language_and_flag():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    english, dutch = Participant(a), Participant(b, language="nl")
    english.post(usage, "take_position", position("a", "Omdat <regels> gelden"))
    dutch.post(usage, "take_position", position("b", "Omdat het mens is"))
    third = Participant(c).post(usage, "take_position", position("b", "Zo is het")).json()
    assert len(reasons_of(third)) == 3

    kept = english.get(usage, "room").json()["html"]
    answer_html.forget()
    assert english.get(usage, "room").json()["html"] == kept            # rendered afresh: the same
    assert "Respond to this reason" in kept and "<regels>" not in kept
    in_dutch = dutch.get(usage, "room").json()["html"]                  # the same items, kept in English
    assert "Op dit argument reageren" in in_dutch and "Respond to this reason" not in in_dutch
    assert "&lt;regels&gt;" in in_dutch and "<regels>" not in in_dutch

    rid = reasons_of(third)["Omdat <regels> gelden"]
    flagged = Participant(c).post(usage, "flag_reason", {"rid": rid}).json()["regions"]["reasons"]
    assert f'data-action="unflag_reason" data-rid="{rid}"' in flagged
    assert f'data-action="unflag_reason" data-rid="{rid}"' not in dutch.get(usage, "room").json()["html"]
    unflagged = Participant(c).post(usage, "unflag_reason", {"rid": rid}).json()["regions"]["reasons"]
    assert f'data-action="unflag_reason" data-rid="{rid}"' not in unflagged
    answer_html.forget()
    assert regions_of(Participant(c).get(usage, "room").json()["html"])["reasons"] == unflagged


def test_the_kept_items_stay_bounded():
    answer_html.forget()
    _scenario, usage = new_dialogue()
    names = people(4)
    for index, name in enumerate(names):
        Participant(name).post(usage, "take_position", position("ab"[index % 2], f"Reden {index}"))
    previous, answer_html.KEPT = answer_html.KEPT, 2
    try:
        Participant(names[0]).get(usage, "room")
        assert len(answer_html._kept) == 2
    finally:
        answer_html.KEPT = previous


def test_kept_forms_carry_no_ones_choices_or_own_deliberation_to_another():
    answer_html.forget()
    _scenario, usage = new_dialogue()
    a, b, c, d = people(4)
    for name, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(name).post(usage, "take_position", position(option, "Reden"))
    reflected = Participant(a).post(usage, "reflect", {"values": {"keys": ["v2"], "own": []}, "changed": "x",
                                                       "listening": None, "note": ""}).json()["regions"]["reflection"]
    assert 'name="value" value="v2" checked' in reflected
    fresh = Participant(d).post(usage, "take_position", position("a", "Mijn reden")).json()["html"]
    assert 'dialogue-values' in fresh and " checked" not in fresh.split("dialogue-values", 1)[1].split("</fieldset>")[0]
    own = Participant(a).post(usage, "deliberate", {"facts": "Alleen van mij", "judgement": "Mijn oordeel"}).json()
    assert "Alleen van mij" in own["regions"]["deliberation"]
    assert not any("Alleen van mij" in str(key) or "Alleen van mij" in html for key, (_c, html) in answer_html._kept.items())
