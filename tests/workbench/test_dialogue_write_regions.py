"""The dialogue's participant writes answer only the regions of the view they changed
(issue 19), each region as the page shows it right after the write, in English and
Dutch, learner text escaped; and each write checks only the settings it reads: one it
reads broken refuses the write (409 `dilemma_not_ready`, nothing changed), one it does
not read leaves the write alone (the page and staff still say the exercise is not ready)."""
import uuid

import pytest

from tests.support.dialogue import new_dialogue, position
from tests.support.regions import assert_answer_matches_page, regions_of
from tests.support.workbench import Participant

PAYLOAD = "<script>alert('x')</script> & co"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
DECISION = 'purpose="decision" step_minority="true"'


def people(n):
    tag = uuid.uuid4().hex[:6]
    return [f"dw{tag}_{i}" for i in range(n)]


def reason_rid(person, usage, text):
    room = person.get(usage, "room").json()
    return next(item["rid"] for group in room["reasons"] for item in group["items"] if item["text"] == text)


def records_of(person, usage):
    return person.get(usage, "my_data").json()["data"]["records"]


def checked_against_page(person, scenario, usage, handler, body, regions):
    """`person` writes; the answer holds exactly `regions`, each the same as on the page
    loaded right after it, and no learner text unescaped."""
    answer = person.post(usage, handler, body)
    assert answer.status_code == 200, (handler, answer.content[:300])
    found = answer.json()
    assert set(found["regions"]) == set(regions), handler
    page = person.page(scenario).content.decode()
    assert_answer_matches_page(found, page)
    for html in found["regions"].values():
        assert "<script>alert" not in html, handler
    return found["regions"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_write_answers_its_regions_as_the_page_shows_them(language):
    scenario, usage = new_dialogue(extra=DECISION)
    a, b, c, d = (Participant(p, language=language) for p in people(4))
    for person, option in ((a, "a"), (b, "a"), (c, "b"), (d, "c")):
        assert person.post(usage, "take_position", position(option, f"{PAYLOAD} {option}")).status_code == 200
    target = reason_rid(c, usage, f"{PAYLOAD} a")

    answered = checked_against_page(c, scenario, usage, "respond",
                                    {"to": target, "understand": PAYLOAD, "question": PAYLOAD},
                                    ("my-response", "reasons"))
    assert ESCAPED in answered["my-response"]
    answered = checked_against_page(c, scenario, usage, "revote", {"option": "b", "reason": PAYLOAD},
                                    ("movement", "spread", "reasons", "revote", "minority"))
    assert ESCAPED in answered["movement"] and 'data-action="share_need"' in answered["minority"]
    answered = checked_against_page(c, scenario, usage, "share_need", {"text": PAYLOAD}, ("minority",))
    assert ESCAPED in answered["minority"]
    answered = checked_against_page(c, scenario, usage, "flag_reason", {"rid": target, "reason": PAYLOAD},
                                    ("reasons",))
    assert f'data-action="unflag_reason" data-rid="{target}"' in answered["reasons"]
    answered = checked_against_page(c, scenario, usage, "unflag_reason", {"rid": target}, ("reasons",))
    assert f'data-action="unflag_reason" data-rid="{target}"' not in answered["reasons"]
    answered = checked_against_page(c, scenario, usage, "reflect",
                                    {"values": {"keys": ["v1"], "own": [PAYLOAD[:40]]}, "changed": PAYLOAD,
                                     "listening": "empathic", "note": PAYLOAD}, ("reflection",))
    assert ESCAPED in answered["reflection"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_deliberation_answers_its_form_as_the_page_shows_it(language):
    scenario, usage = new_dialogue()
    person = Participant(people(1)[0], language=language)
    assert person.post(usage, "take_position", position("a", PAYLOAD)).status_code == 200   # still waiting
    answered = checked_against_page(person, scenario, usage, "deliberate", {"judgement": PAYLOAD, "facts": PAYLOAD},
                                    ("deliberation",))
    assert ESCAPED in answered["deliberation"]
    # The page goes on checking for the reveal: the answer leaves the waiting notice alone.
    assert "dialogue-waiting" in person.page(scenario).content.decode()


def test_a_new_round_since_the_page_loaded_gets_the_whole_state():
    """A region not on the page as it now is cannot be swapped in: the whole state instead."""
    _scenario, usage = new_dialogue()
    a, b, c = (Participant(p) for p in people(3))
    for person, option in ((a, "a"), (b, "b"), (c, "a")):
        person.post(usage, "take_position", position(option, f"reden {option}"))
    target = reason_rid(c, usage, "reden b")
    assert c.post(usage, "flag_reason", {"rid": target}).status_code == 200
    staff = Participant(f"staff_{uuid.uuid4().hex[:6]}")
    assert staff.post(usage, "new_round", {"round": 1}).status_code == 200
    undone = c.post(usage, "unflag_reason", {"rid": target}).json()
    assert "regions" not in undone and undone["positioned"] is False and "dialogue-position-form" in undone["html"]


# --- Each write checks the settings it reads, and only those ---------------------------

def _break(usage, **settings):
    """The block's settings as an OLX import or an older version could leave them (Studio
    refuses them: tests/workbench/test_dialogue_handlers.py)."""
    block = Participant("author_breaks").block(usage)
    for name, value in settings.items():
        setattr(block, name, value)
    block.save()


BROKEN = {
    "options": {"options_en": "Yes"},                       # fewer lines than the Dutch
    "values": {"values_nl": "gelijkheid\nGelijkheid"},      # the same line twice
    "variations": {"variations_nl": "x" * 401},             # a line too long
    "purpose": {"purpose": "vote"},
    "minority": {"step_revote": False},                     # the minority's question needs the re-vote
}


def _ready_for(handler, usage, people_):
    """Four positions (a, a, b, c) and what `handler` needs first; returns (person, body)."""
    a, b, c, d = people_
    for person, option in ((a, "a"), (b, "a"), (c, "b"), (d, "c")):
        assert person.post(usage, "take_position", position(option, f"reden {option}")).status_code == 200
    target = reason_rid(c, usage, "reden a")
    if handler == "share_need":
        assert c.post(usage, "revote", {"option": "b"}).status_code == 200
    if handler == "unflag_reason":
        assert c.post(usage, "flag_reason", {"rid": target}).status_code == 200
    return c, {"respond": {"to": target, "understand": "u", "question": "q"}, "revote": {"option": "a"},
               "share_need": {"text": "Een proefperiode"}, "flag_reason": {"rid": target},
               "unflag_reason": {"rid": target},
               "reflect": {"values": {"keys": [], "own": []}, "changed": "x"},
               "deliberate": {"judgement": "Mijn oordeel"}}[handler]


# (write, a setting group it reads, one it does not read)
CHECKS = [("respond", "options", "values"), ("revote", "options", "values"), ("revote", "minority", "variations"),
          ("share_need", "minority", "values"), ("flag_reason", "options", "variations"),
          ("unflag_reason", "options", "values"), ("reflect", "values", "variations"),
          ("deliberate", "purpose", "options")]


@pytest.mark.parametrize("handler,reads,unread", CHECKS)
def test_a_write_refuses_on_a_setting_it_reads_and_not_on_one_it_does_not(handler, reads, unread):
    extra = "" if handler == "deliberate" else DECISION
    for broken, refused in ((reads, True), (unread, False)):
        scenario, usage = new_dialogue(extra=extra)
        person, body = _ready_for(handler, usage, [Participant(p) for p in people(4)])
        before = records_of(person, usage)
        _break(usage, **BROKEN[broken])
        answer = person.post(usage, handler, body)
        if refused:
            assert answer.status_code == 409 and answer.json()["error"]["code"] == "dilemma_not_ready", broken
            assert records_of(person, usage) == before
        else:
            assert answer.status_code == 200, (broken, answer.content[:300])
            assert "regions" in answer.json()
            # The page and the staff still say what is missing.
            assert "not set up completely" in person.page(scenario).content.decode()
            assert "not set up completely" in Participant("staff_sees").page(scenario).content.decode()


def test_take_position_answers_the_whole_exercise_and_checks_every_setting_it_shows():
    for broken, refused in (("variations", True), ("values", True), ("options", True)):
        _scenario, usage = new_dialogue()
        _break(usage, **BROKEN[broken])
        answer = Participant(people(1)[0]).post(usage, "take_position", position("a", "x"))
        assert answer.status_code == 409 and answer.json()["error"]["code"] == "dilemma_not_ready", broken
    _scenario, usage = new_dialogue()
    _break(usage, case_nl="", case_en="")        # the case text is the page's only
    answer = Participant(people(1)[0]).post(usage, "take_position", position("a", "x"))
    assert answer.status_code == 200 and "html" in answer.json() and "regions" not in answer.json()


def test_the_region_answers_match_the_room_in_a_small_group():
    """In group scope the regions come from the group's records, as the room's do."""
    from tests.support.groups import arrange, visit
    scenario, usage = new_dialogue(scope="group", min_positions=2, set_name=f"s{uuid.uuid4().hex[:6]}",
                                   extra=DECISION)
    names = people(3)
    for name in names:
        visit(scenario, name)
    arrange(usage, {"A": names})
    a, b, c = (Participant(name) for name in names)
    for person, option in ((a, "a"), (b, "a"), (c, "b")):
        assert person.post(usage, "take_position", position(option, f"{PAYLOAD} {option}")).status_code == 200
    target = reason_rid(c, usage, f"{PAYLOAD} a")
    checked_against_page(c, scenario, usage, "respond", {"to": target, "understand": "u", "question": "q"},
                         ("my-response", "reasons"))
    regions = checked_against_page(c, scenario, usage, "revote", {"option": "b", "reason": "blijf"},
                                   ("movement", "spread", "reasons", "revote", "minority"))
    assert "blijf" in regions_of(c.get(usage, "room").json()["html"])["reasons"]
    checked_against_page(c, scenario, usage, "share_need", {"text": PAYLOAD}, ("minority",))
