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
