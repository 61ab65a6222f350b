"""A moral dilemma ends in moral deliberation, a decision dialogue with the minority's
question (issue 22): facts, perspectives, values and norms, options, a judgement and
what is needed to act on it; never "what would you need to join the majority?"."""
import json
import uuid
from types import SimpleNamespace

from leergang_xblocks.dialogue import deliberation
from tests.support.dialogue import new_dialogue, position, written
from tests.support.workbench import Participant


def code(response):
    return json.loads(response.content)["error"]["code"]


def people(n):
    tag = uuid.uuid4().hex[:5]
    return [f"dd{tag}_{i}" for i in range(n)]


def settings(**changes):
    return SimpleNamespace(**{"purpose": deliberation.PURPOSE_MORAL, "step_minority": False,
                              "step_deliberation": True, **changes})


def test_a_moral_dilemma_cannot_ask_the_minority_to_go_along():
    assert [p[0] for p in deliberation.settings_problems(settings(step_minority=True))] == ["step_minority"]
    assert deliberation.settings_problems(settings()) == []
    decision = settings(purpose=deliberation.PURPOSE_DECISION, step_minority=True, step_deliberation=False)
    assert deliberation.settings_problems(decision) == []
    assert deliberation.settings_problems(settings(purpose="vote")) != []


def test_studio_refuses_the_minority_question_on_a_moral_dilemma():
    scenario, usage = new_dialogue()
    staff = Participant("staff_deliberation", path="studio")
    saved = staff.post(usage, "submit_studio_edits", {"values": {"purpose": "moral", "step_minority": True},
                                                      "defaults": []})
    assert saved.status_code == 400
    assert "step_minority" in saved.content.decode()


def test_a_participant_deliberates_in_steps_after_taking_a_position():
    scenario, usage = new_dialogue()
    a, b, c = people(3)
    early = Participant(a).post(usage, "deliberate", {"judgement": "Afwijken mag."})
    assert early.status_code == 409 and code(early) == "position_first"
    for person, option in ((a, "a"), (b, "b"), (c, "a")):
        assert Participant(person).post(usage, "take_position", position(option, "r")).status_code == 200
    room = Participant(a).get(usage, "room").json()
    assert [s["key"] for s in room["deliberation"]["steps"]] == list(deliberation.STEP_KEYS)
    assert "dialogue-minority" not in room["html"] and "dialogue-deliberation" in room["html"]
    missing = Participant(a).post(usage, "deliberate", {"facts": "De inwoner valt net buiten de regel."})
    assert missing.status_code == 400 and code(missing) == "judgement_required"
    body = {"facts": "Net boven de grens.", "perspectives": "Inwoner, consulent, raad.",
            "values_norms": "rechtvaardigheid tegenover gelijkheid", "options": "afwijken, niet afwijken, overleggen",
            "judgement": "Afwijken, omdat de regel hier zijn doel mist; vastleggen waarom.",
            "needed": "Steun van mijn manager en een notitie in het dossier."}
    saved = written(Participant(a), usage, "deliberate", body)
    assert saved["deliberation"]["mine"]["judgement"] == body["judgement"]
    # Private, as the reflection is: another participant does not read it.
    assert body["judgement"] not in Participant(b).get(usage, "room").text
    mine = Participant(a).get(usage, "my_data").json()["data"]["records"]
    assert any(r.get("kind") == "deliberation" for r in mine)


def test_a_decision_dialogue_keeps_the_minority_question_and_has_no_deliberation():
    scenario, usage = new_dialogue(extra='purpose="decision" step_minority="true"')
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "a"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, "r"))
    refused = Participant(a).post(usage, "deliberate", {"judgement": "x"})
    assert refused.status_code == 409 and code(refused) == "step_not_used"
    assert written(Participant(c), usage, "revote", {"option": "b"})["can_share_need"] is True
