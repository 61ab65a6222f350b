"""Authors write the final paper's rubric as a form in Studio (a criterion per
record, its levels one per line in Dutch and English), saved as the rubric's
YAML; a wrong rubric is refused at the field, in the author's language, and
changes nothing."""
import json

import pytest

from leergang_xblocks.case import rubric
from leergang_xblocks.case.block import CaseBlock
from tests.support.case import new_case_course
from tests.workbench.test_studio_forms import assert_said_for_a_person, author, editor_of, entry, messages, save


def criterion(nl, en, levels_nl="Onvoldoende\nVoldoende\nGoed", levels_en="Insufficient\nSufficient\nGood",
              sufficient_from=2):
    return {"criterion": {"nl": nl, "en": en}, "levels": {"nl": levels_nl, "en": levels_en},
            "sufficient_from": sufficient_from}


def test_the_rubric_is_a_form_saved_as_yaml_and_read_back():
    scenario, (usage,) = new_case_course()
    editor = editor_of(scenario, "nl")
    field = entry(editor, "paper_rubric")
    assert field.get("data-type") == "record_list"
    assert field.xpath(".//template//textarea[@data-key='levels.nl']")
    person = author()
    rows = [criterion("Analyse", "Analysis"), criterion("Reflectie", "", "Zwak\nSterk", "Weak\nStrong", 2)]
    response = save(person, usage, {"paper_rubric": rows})
    assert response.status_code == 200, response.content
    stored = rubric.parse(person.block(usage).paper_rubric)
    assert [c["name"] for c in stored] == [{"nl": "Analyse", "en": "Analysis"},
                                          {"nl": "Reflectie", "en": "Reflectie"}]
    assert [len(c["levels"]) for c in stored] == [3, 2] and stored[1]["levels"][1] == {"nl": "Sterk", "en": "Strong"}
    read_back = json.loads(entry(editor_of(scenario), "paper_rubric").get("data-value"))
    assert read_back[0]["levels"]["en"] == "Insufficient\nSufficient\nGood"
    before = person.block(usage).paper_rubric
    assert save(person, usage, {"paper_rubric": read_back}).status_code == 200
    assert person.block(usage).paper_rubric == before
    assert save(person, usage, {"paper_rubric": []}).status_code == 200
    assert person.block(usage).paper_rubric == ""


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_wrong_rubric_is_refused_at_the_field_and_nothing_changes(language):
    scenario, (usage,) = new_case_course()
    person = author(language)
    wrong = [criterion("", ""), criterion("Analyse", "Analysis", "Een", "One\nTwo"),
             criterion("Stijl", "Style", sufficient_from=7)]
    response = save(person, usage, {"paper_rubric": wrong, "display_name": "Nieuw"})
    assert response.status_code == 400
    code, found = messages(response)
    assert code == "invalid_settings"
    assert {m["path"].split(".")[0] for m in found} == {"paper_rubric[0]", "paper_rubric[1]", "paper_rubric[2]"}
    assert_said_for_a_person([m["text"] for m in found], CaseBlock, language)
    block = person.block(usage)
    assert block.paper_rubric == "" and block.display_name != "Nieuw"


def test_the_rule_and_the_file_limit_are_settings_with_choices():
    scenario, (usage,) = new_case_course()
    editor = editor_of(scenario)
    assert {o.get("value") for o in entry(editor, "reader_rule").xpath(".//option")} == set(rubric.RULES)
    assert {o.get("value") for o in entry(editor, "paper_form").xpath(".//option")} == {"text", "file", "both"}
    person = author()
    refused = save(person, usage, {"paper_max_mb": 500})
    assert refused.status_code == 400 and messages(refused)[0] == "invalid_settings"
