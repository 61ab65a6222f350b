"""Authors edit the case tracker's sessions, its case fields and a feedback round's
prompts as forms in Studio, not as YAML or lists of English keys (issue 21,
"Authors in Studio"). The form's values are saved in the fields' existing
formats; a refused save changes nothing and says what is wrong at the field, in
the author's language, without a key or a field path."""
import json
import re
import uuid

import pytest
from lxml import html as lxml_html

from leergang_xblocks.case import config
from tests.support.case import new_case_course
from tests.support.dialogue import new_dialogue
from tests.support.feedback_round import new_round
from tests.support.workbench import Participant

SESSION_KEYS = ("number", "date", "theme", "opens_case", "log_entry", "counts", "paper", "presentation")


def author(language="en"):
    return Participant("staff_author_" + uuid.uuid4().hex[:6], language=language, path="studio")


def editor_of(scenario, language="en"):
    person = Participant("staff_editor_" + uuid.uuid4().hex[:6], language=language)
    response = person.client.get(f"/scenario/{scenario}/studio_view/?student={person.student_id}")
    assert response.status_code == 200
    return lxml_html.fromstring(response.content).xpath("//*[contains(@class, 'leergang-studio-edit')]")[0]


def entry(editor, name):
    return editor.xpath(f".//li[@data-field-name='{name}']")[0]


def session(number, theme, date="", **flags):
    return {"number": number, "date": date, "theme": theme, **flags}


def save(person, usage, values, defaults=()):
    return person.post(usage, "submit_studio_edits", {"values": values, "defaults": list(defaults)})


def messages(response):
    error = response.json()["error"]
    return error["code"], error["messages"]


def assert_said_for_a_person(texts, block_class, language="en"):
    """No field name, key, path or YAML line in what an author reads (in Dutch
    not even the English words the sessions' keys are)."""
    keys = {k for k in set(block_class.editable_fields) | set(SESSION_KEYS) | set(config.CASE_FIELDS) if "_" in k}
    if language == "nl":
        keys |= set(SESSION_KEYS) | set(config.CASE_FIELDS)
    for text in texts:
        assert not set(re.findall(r"[a-z_]+", text)) & keys, text
        assert not re.search(r"\w\[\d+\]|[a-z]\.[a-z]|\bline\b|\bregel\b", text), text


# --- The case tracker's sessions ----------------------------------------------------------

def test_the_sessions_are_a_list_of_sessions_with_dutch_labels_not_yaml():
    scenario, _ = new_case_course()
    editor = editor_of(scenario, "nl")
    sessions = entry(editor, "sessions_yaml")
    assert sessions.get("data-type") == "record_list"
    assert not sessions.xpath(".//textarea")
    rows = json.loads(sessions.get("data-value"))
    assert [row["number"] for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert rows[0]["date"] == "2026-01-14" and rows[0]["theme"] == {"nl": "Vertrouwen bouwen", "en": "Building trust"}
    assert rows[0]["opens_case"] is True and rows[6]["paper"] is True and rows[6]["counts"] is False
    template = sessions.xpath(".//template")[0]
    row = lxml_html.fromstring(lxml_html.tostring(template))
    assert row.xpath(".//input[@type='date']") and row.xpath(".//input[@type='number']")
    labels = " ".join(" ".join(label.text_content().split()) for label in row.xpath(".//label"))
    for word in ("Datum", "Thema", "Nummer"):
        assert word in labels, labels
    for key in SESSION_KEYS:
        assert key not in labels.lower().split()
    add = sessions.xpath(".//button[contains(@class, 'leergang-add-row')]")[0]
    assert add.text_content().strip() == "Bijeenkomst toevoegen"
    help_text = " ".join(editor.xpath("string(.)").split())
    assert "README" not in help_text and "YAML" not in help_text


def test_a_saved_list_of_sessions_is_stored_in_the_sessions_format_and_read_back():
    scenario, (usage,) = new_case_course()
    person = author()
    rows = [session(1, {"nl": "Start", "en": "Start"}, "2026-09-16", opens_case=True),
            session(3, {"nl": "Dialoog", "en": ""}, "2026-10-14"),
            session(2, {"nl": "Slot", "en": "Closing"}, "2026-11-25", log_entry=False, counts=False,
                    paper=True, presentation=True)]
    response = save(person, usage, {"sessions_yaml": rows, "attendance_required": 2})
    assert response.status_code == 200, response.content
    block = person.block(usage)
    stored = config.parse_sessions(block.sessions_yaml)
    assert [(s.number, s.date, s.theme["nl"], s.theme["en"]) for s in stored] == [
        (1, "2026-09-16", "Start", "Start"), (3, "2026-10-14", "Dialoog", "Dialoog"),
        (2, "2026-11-25", "Slot", "Closing")]
    assert stored[0].opens_case and stored[2].paper and not stored[2].counts and stored[1].log_entry
    read_back = json.loads(entry(editor_of(scenario), "sessions_yaml").get("data-value"))
    assert [row["number"] for row in read_back] == [1, 3, 2]


def test_an_unchanged_list_keeps_the_authors_own_text():
    scenario, (usage,) = new_case_course()
    person = author()
    before = person.block(usage).sessions_yaml
    rows = json.loads(entry(editor_of(scenario), "sessions_yaml").get("data-value"))
    assert save(person, usage, {"sessions_yaml": rows}).status_code == 200
    assert person.block(usage).sessions_yaml == before


@pytest.mark.parametrize("language", ["en", "nl"])
def test_wrong_sessions_are_refused_at_the_session_and_nothing_changes(language):
    scenario, (usage,) = new_case_course()
    person = author(language)
    before = person.block(usage).sessions_yaml
    from leergang_xblocks.case.block import CaseBlock
    unreadable = [session(1, {"nl": "Start", "en": "Start"}, "2026-09-16", opens_case=True),
                  session(2, {"nl": "T" * 301, "en": "Two"}, "2026-10-01"),   # a theme too long
                  session(4, {"nl": "Slot", "en": "Closing"}, "2026-02-30")]
    against_the_rules = [session(1, {"nl": "Start", "en": "Start"}, "2026-09-16", opens_case=True),
                         session(1, {"nl": "Twee", "en": "Two"}, "2026-08-01", opens_case=True)]
    for rows, expected in ((unreadable, {"sessions_yaml[1].theme.nl", "sessions_yaml[2].date"}),
                           (against_the_rules, {"sessions_yaml[1].number", "sessions_yaml[1].date"})):
        response = save(person, usage, {"sessions_yaml": rows, "display_name": "Nieuw"})
        assert response.status_code == 400
        code, found = messages(response)
        assert code == "invalid_settings"
        paths = {m["path"] for m in found}
        assert expected <= paths, paths
        assert_said_for_a_person([m["text"] for m in found], CaseBlock, language)
    block = person.block(usage)
    assert block.sessions_yaml == before and block.display_name != "Nieuw"


@pytest.mark.parametrize("value", [
    [session("1", "Start")],                                     # a number as text
    [session(1, "Start", colour="red")],                          # a key the format does not have
    [session(1, "Start", opens_case="yes")],                      # a check box is true or false
    [session(n, "Thema") for n in range(1, 42)],                  # more than 40 sessions
    [],                                                           # no session at all
    {"number": 1},                                                # not a list
])
def test_malformed_session_lists_are_refused_with_a_4xx_and_nothing_changes(value):
    _scenario, (usage,) = new_case_course()
    person = author()
    before = person.block(usage).sessions_yaml
    response = save(person, usage, {"sessions_yaml": value})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid_settings"
    assert person.block(usage).sessions_yaml == before


def test_the_case_fields_are_check_boxes_saved_in_the_authors_order():
    scenario, (usage,) = new_case_course(extra='case_fields="title, learning_wishes, purpose"')
    editor = editor_of(scenario, "nl")
    boxes = entry(editor, "case_fields").xpath(".//input[@type='checkbox']")
    assert [box.get("value") for box in boxes] == list(config.CASE_FIELDS)
    assert [box.get("value") for box in boxes if box.get("checked") is not None] == [
        "title", "purpose", "learning_wishes"]
    labels = [" ".join(label.text_content().split()) for label in entry(editor, "case_fields").xpath(".//label")]
    assert "Titel" in labels and "title" not in labels
    person = author()
    response = save(person, usage, {"case_fields": ["title", "purpose", "learning_wishes", "sponsor"]})
    assert response.status_code == 200, response.content
    assert config.parse_case_fields(person.block(usage).case_fields) == ["title", "learning_wishes", "purpose",
                                                                         "sponsor"]
    refused = save(person, usage, {"case_fields": []})
    assert refused.status_code == 400 and messages(refused)[1][0]["path"] == "case_fields"
    for bad in (["title", "bogus"], ["title", "title", "title"] * 10, "title, bogus"):
        assert save(person, usage, {"case_fields": bad}).status_code == 400
    assert config.parse_case_fields(person.block(usage).case_fields) == ["title", "learning_wishes", "purpose",
                                                                         "sponsor"]


# --- Feedback prompts ----------------------------------------------------------------------

def test_feedback_prompts_are_check_boxes_and_advice_is_refused_by_its_label():
    scenario, usage = new_round()
    editor = editor_of(scenario, "nl")
    boxes = entry(editor, "feedback_prompts").xpath(".//input[@type='checkbox']")
    assert [box.get("value") for box in boxes] == ["clarifying", "deeper", "recognise", "suggestion"]
    assert not [box for box in boxes if box.get("checked") is not None]
    person = author("nl")
    refused = save(person, usage, {"method": "airtime", "feedback_prompts": ["clarifying", "suggestion"]})
    assert refused.status_code == 400
    code, found = messages(refused)
    assert code == "invalid_settings" and [m["path"] for m in found] == ["feedback_prompts"]
    from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
    assert_said_for_a_person([m["text"] for m in found], FeedbackRoundBlock, "nl")
    assert "suggestion" not in found[0]["text"]
    assert person.block(usage).feedback_prompts == ""
    assert save(person, usage, {"method": "incident", "feedback_prompts": ["suggestion", "clarifying"]}).status_code == 200
    block = person.block(usage)
    assert block.feedback_prompts == "clarifying, suggestion" and block.prompt_kinds == ("clarifying", "suggestion")
    assert save(person, usage, {"feedback_prompts": []}).status_code == 200
    assert person.block(usage).feedback_prompts == ""


# --- Every block: one quiet editor --------------------------------------------------------

EDITORS = ["leergang_trust_scan.0", "leergang_groups.0", "leergang_case.0", "leergang_feedback_round.0",
           "leergang_dialogue.0", "leergang_session.0"]


@pytest.mark.parametrize("scenario", EDITORS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_editor_has_one_reset_for_the_form_and_none_per_field(scenario, language):
    editor = editor_of(scenario, language)
    assert not editor.xpath(".//*[contains(@class, 'setting-clear')]")
    resets = editor.xpath(".//button[contains(@class, 'leergang-reset-form')]")
    assert len(resets) == 1
    assert editor.xpath(".//*[contains(@class, 'leergang-reset-confirm')]")
    for entry_element in editor.xpath(".//li[@data-field-name]"):
        assert entry_element.get("data-default") is not None
    # "Leave empty" is said of a text box, never of a dropdown.
    for select in editor.xpath(".//li[@data-type='choice' or @data-type='boolean']"):
        help_text = " ".join(select.xpath("string(.//*[contains(@class, 'setting-help')])").split())
        assert "Laat leeg" not in help_text and "Leave empty" not in help_text, help_text


def test_the_trust_scan_yaml_is_an_advanced_option():
    editor = editor_of("leergang_trust_scan.0", "nl")
    yaml_entry = entry(editor, "custom_instrument_yaml")
    assert yaml_entry.xpath("ancestor::details[contains(@class, 'leergang-advanced')]")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_dialogue_and_case_settings_errors_are_sentences_without_keys(language):
    from leergang_xblocks.dialogue.block import DialogueBlock
    _scenario, usage = new_dialogue()
    person = author(language)
    refused = save(person, usage, {"scope": "everyone", "kind": "poll", "min_positions": 1})
    assert refused.status_code == 400
    texts = [m["text"] for m in messages(refused)[1]]
    assert len(texts) >= 3
    assert_said_for_a_person(texts, DialogueBlock, language)
    assert not any("'group'" in t or "'cohort'" in t or "'options'" in t for t in texts), texts


def test_non_authors_cannot_save_the_form():
    _scenario, (usage,) = new_case_course()
    before = Participant("reader").block(usage).sessions_yaml
    for person in (Participant("learner_" + uuid.uuid4().hex[:6], path="studio"),
                   Participant("staff_lms_" + uuid.uuid4().hex[:6], path="lms")):
        response = save(person, usage, {"sessions_yaml": [session(1, "Start")]})
        assert response.status_code == 403 and response.json()["error"]["code"] == "authors_only"
    assert Participant("reader").block(usage).sessions_yaml == before


def test_studio_names_an_imported_blocks_problems_by_the_settings_label():
    """Outside the editor (Studio's notice on an invalid block, say after an OLX
    import) a problem is named by the setting's label, not its key or path."""
    broken = "\n- number: 1\n  theme: Start\n- number: 1\n  theme: Twee\n"
    _scenario, (usage,) = new_case_course(sessions=broken, extra='case_key="Met Spaties"')
    block = Participant("staff_reader_" + uuid.uuid4().hex[:6]).block(usage)
    texts = [message.text for message in block.validate().messages]
    assert any(text.startswith("Sessions: ") for text in texts), texts
    assert any(text.startswith("Case key: ") for text in texts), texts
    assert not any("sessions_yaml" in text or "case_key" in text for text in texts), texts


def test_a_choice_list_problem_points_at_the_box_not_at_an_inner_key():
    _scenario, (usage,) = new_case_course()
    response = save(author(), usage, {"case_fields": ["title", "bogus"]})
    assert response.status_code == 400
    assert [m["path"] for m in messages(response)[1]] == ["case_fields[1]"]
