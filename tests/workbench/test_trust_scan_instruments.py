"""The new instruments and the per-dimension reflection prompt, through the
workbench's request path."""
import uuid

import pytest

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids


def usage_of(instrument_key):
    for usage_id in scenario_usage_ids("leergang_trust_scan"):
        if Participant("look").block(usage_id).instrument_key == instrument_key:
            return usage_id
    raise AssertionError(f"no demo scenario uses {instrument_key}")


@pytest.mark.parametrize("key", ["eigen_regie_en_vertrouwen", "samenspel_met_lef", "samenwerking_in_de_keten"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_lowest_dimension_brings_its_own_reflection_prompt(key, language):
    instrument = shipped_instrument(key)
    usage_id = usage_of(key)
    lowest = instrument.dimensions[-1]
    # Every item scores 4 except those of the last dimension, which score 2
    # (reverse items answered the other way round), so that one is the lowest.
    answers = {}
    for item in instrument.items:
        wanted = 2 if item.dimension == lowest.key else 4
        answers[item.key] = instrument.points + 1 - wanted if item.reverse else wanted
    person = Participant(f"refl-{uuid.uuid4().hex[:8]}", language=language)
    response = person.post(usage_id, "submit", {"answers": answers})
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["lowest"]["key"] == lowest.key
    assert result["lowest"]["prompt"] == lowest.reflection[language]
    html = result["html"]
    assert "trust-scan-reflection-prompt" in html
    assert lowest.reflection[language].replace("'", "&#x27;") in html
    # The question page showed the instrument's own statements.
    assert {d["key"] for d in result["dimensions"]} == {d.key for d in instrument.dimensions}


def test_an_instrument_without_reflection_prompts_keeps_the_general_question():
    usage_id = next(u for u in scenario_usage_ids("leergang_trust_scan") if "custom" in u)
    block = Participant("look").block(usage_id)
    answers = {item.key: 3 for item in block.instrument.items}
    response = Participant(f"refl-{uuid.uuid4().hex[:8]}").post(usage_id, "submit", {"answers": answers})
    assert response.status_code == 200, response.content
    assert response.json()["lowest"]["prompt"] == ""
    assert "trust-scan-reflection-prompt" not in response.json()["html"]


def test_a_draft_answer_to_a_retired_item_is_not_counted():
    """A draft saved before an upgrade may hold answers to items that are gone
    (dp3 and ba2 of the chain-partner scan were split): they must not count as
    answered, or the progress reads 19 of 18."""
    usage_id = usage_of("samenwerking_in_de_keten")
    person = Participant(f"retired-{uuid.uuid4().hex[:8]}")
    block = person.block(usage_id)
    anonymous_id = block.identity.anonymous_id
    version = block._private().write(anonymous_id, {"draft": {"dp3": 2, "ba2": 5, "dp1": 1, "ba6": 3, "dp7": 4}, "draft_for": 1}, 0)
    fresh = person.block(usage_id)
    html = fresh.runtime.render(fresh, "student_view").content
    assert 'data-answered="1"' in html  # dp7 only (dp1 and ba6 were rewritten in issue 22)
    response = person.post(usage_id, "save_draft", {"answers": {"dp2": 3}, "version": version})
    assert response.status_code == 200, response.content
    assert response.json()["answered"] == 2  # dp7 and dp2
