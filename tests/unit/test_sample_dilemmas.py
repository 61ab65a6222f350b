"""Each sample dilemma uses the structure that fits it (issue 22): a moral dilemma ends
in moral deliberation and never asks the minority to join the majority; a decision
the group takes together keeps the minority's question; a dilemma has more than one
defensible side."""
from leergang_xblocks.dialogue import deliberation
from sample_courses import build


def dialogues():
    for path in build.outline_paths():
        outline = build.load_outline(path)
        for chapter in outline["chapters"]:
            for unit in chapter["units"]:
                for block in unit.get("blocks", []):
                    if block["type"] == "dialogue":
                        yield outline["course"]["number"], unit, block["settings"]


def test_every_sample_dialogue_names_its_purpose_and_uses_its_structure():
    found = list(dialogues())
    assert found
    for number, unit, settings in found:
        purpose = settings.get("purpose")
        assert purpose in deliberation.PURPOSES, (number, unit["url_name"])
        if purpose == deliberation.PURPOSE_MORAL:
            assert not settings.get("step_minority", False), unit["url_name"]
            assert settings.get("step_deliberation", True), unit["url_name"]
            assert "minderheid" not in unit.get("html", ""), unit["url_name"]
        else:
            assert settings.get("step_minority") is True, unit["url_name"]


def test_a_moral_dilemma_offers_at_least_two_options_and_asks_a_real_question():
    for number, unit, settings in dialogues():
        if settings.get("purpose") != deliberation.PURPOSE_MORAL or settings.get("kind") == "scale":
            continue
        options = [line for line in settings["options_nl"].splitlines() if line.strip()]
        assert len(options) >= 2, unit["url_name"]
        assert settings["question_nl"].rstrip().endswith("?"), unit["url_name"]


def test_the_zet_dilemma_is_a_dilemma_and_names_the_omgevingsplan():
    [settings] = [s for number, unit, s in dialogues() if unit["url_name"] == "dag1_luisteren"]
    assert "bestemmingsplan" not in settings["case_nl"] and "omgevingsplan" in settings["case_nl"]
    assert not any(line.startswith("Vooral vragen") for line in settings["options_nl"].splitlines())
    assert len([line for line in settings["options_nl"].splitlines() if line.strip()]) == 2
