"""The session block's scale questions in Studio's editor: a list of records (key, Dutch,
English), saved as the field's YAML; a problem is answered at its row and key, and
nothing is saved."""
import json
import uuid

from workbench.scenarios import add_xml_scenario, get_scenarios

from tests.support.workbench import Participant
from tests.workbench.test_studio_forms import editor_of, entry, save


def new_session():
    get_scenarios()
    name = f"session.studio.{uuid.uuid4().hex[:8]}"
    add_xml_scenario(name, name, '<leergang_session mode="both"/>')
    return name, str(get_scenarios()[name].usage_id)


def test_the_scale_questions_are_a_list_in_the_editor_and_save_as_yaml():
    scenario, usage = new_session()
    questions = entry(editor_of(scenario, "nl"), "scale_questions")
    assert questions.get("data-type") == "record_list"
    assert [row["key"] for row in json.loads(questions.get("data-value"))] == ["inhoud", "sprekers", "ruimte"]
    author = Participant("staff_author_" + uuid.uuid4().hex[:6], path="studio")
    rows = [{"key": "nut", "nl": "Dit was nuttig voor mijn werk.", "en": "This was useful for my work."}]
    assert save(author, usage, {"scale_questions": rows}).status_code == 200
    block = author.block(usage)
    assert [(q.key, q.text["nl"]) for q in block.scales] == [("nut", "Dit was nuttig voor mijn werk.")]
    assert "key: nut" in block.scale_questions


def test_a_bad_row_is_refused_at_its_field_and_nothing_is_saved():
    scenario, usage = new_session()
    author = Participant("staff_author_" + uuid.uuid4().hex[:6], path="studio")
    rows = [{"key": "nut", "nl": "Nuttig.", "en": "Useful."}, {"key": "Nut!", "nl": "", "en": "x"}]
    refused = save(author, usage, {"scale_questions": rows, "min_respondents": 2})
    assert refused.status_code == 400
    paths = {m["path"] for m in refused.json()["error"]["messages"]}
    assert any(p.startswith("scale_questions") for p in paths) and any("min_respondents" in p for p in paths)
    block = author.block(usage)
    assert [q.key for q in block.scales] == ["inhoud", "sprekers", "ruimte"] and block.min_respondents == 5
