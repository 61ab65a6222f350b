"""Input nobody means to send, each case named (issue 8, "No input gives a 5xx").

The property-based fuzzing (test_fuzz_handlers.py) covers the same ground at
random; these are the reported cases, kept as plain tests so a regression
names itself. Every handler comes from the contracts (tests/harness/blocks/).
"""
import json
import uuid

import pytest

from tests.harness.contracts import ROLE_PREFIX, all_contracts
from tests.support.workbench import Participant

CONTRACTS = all_contracts()
POSTS = [(c, h) for c in CONTRACTS for h in c.handlers if h.method == "POST"]
POST_IDS = [f"{c.block_type}-{h.name}" for c, h in POSTS]

# Raw JSON text: a lone surrogate is legal JSON syntax but not Unicode text.
SURROGATE_BODIES = [
    '{"\\ud800": 1}',
    '{"answers": {"\\udfff": 1}, "version": 0}',
    '{"values": {"display_name": {"\\ud800": [1]}}, "defaults": []}',
    '{"text": "ok", "x": [{"y": {"\\ud83d": null}}]}',
    '{"text": "a\\ud800b"}',
]


def caller_for(spec, role="allowed"):
    """Someone who gets past the handler's guard (or, with role='no_user', nobody)."""
    path = "studio" if spec.studio else "lms"  # Studio's save comes in on Studio's path
    if role == "no_user":
        return Participant("none", path=path)
    allowed_as_learner = spec.expected["learner"] < 300 or spec.expected["learner"] == 409
    return Participant(("in_" if allowed_as_learner else "staff_in_") + uuid.uuid4().hex[:8], path=path)


def error_of(response):
    body = json.loads(response.content)
    assert set(body) == {"error"}, body
    return body["error"]


@pytest.mark.parametrize("contract, spec", POSTS, ids=POST_IDS)
@pytest.mark.parametrize("raw", SURROGATE_BODIES)
def test_a_lone_surrogate_anywhere_is_bad_json(contract, spec, raw):
    usage_id = contract.usage_id()
    person = caller_for(spec)
    before = contract.state(usage_id, person.student_id)
    response = person.post(usage_id, spec.name, raw, raw=True)
    assert response.status_code == 400, response.content[:300]
    assert error_of(response)["code"] == "bad_json"
    assert contract.state(usage_id, person.student_id) == before


@pytest.mark.parametrize("contract, spec", POSTS, ids=POST_IDS)
@pytest.mark.parametrize("raw", SURROGATE_BODIES[:2] + ["[" * 5000, "{\"values\": " + "[" * 500 + "]" * 500 + "}",
                                                        "\xff\xfe", "not json", '{"text": 1e400}'])
def test_unauthorised_callers_get_403_whatever_the_body(contract, spec, raw):
    """Authorization is decided before the body is read: no 400 tells a visitor
    anything about what the handler would accept."""
    refused = [role for role, status in spec.expected.items() if status == 403]
    for role in refused:
        path = "studio" if spec.studio else "lms"
        person = Participant("none", path=path) if role == "no_user" else Participant(
            ROLE_PREFIX[role] + "_" + uuid.uuid4().hex[:6], path=path)
        if contract.arrange_role is not None and role != "no_user":
            contract.arrange_role(role, person.student_id, contract.usage_id())
        response = person.post(contract.usage_id(), spec.name, raw.encode("latin-1") if raw == "\xff\xfe" else raw,
                               raw=True)
        assert response.status_code == 403, (role, response.content[:300])


GETS = [(c, h) for c in CONTRACTS for h in c.handlers if h.method == "GET"]


@pytest.mark.parametrize("contract, spec", GETS, ids=[f"{c.block_type}-{h.name}" for c, h in GETS])
def test_unauthorised_readers_get_403_whatever_the_query(contract, spec):
    from tests.harness.hostile import HOSTILE_QUERIES
    for role in [role for role, status in spec.expected.items() if status == 403]:
        person = Participant("none") if role == "no_user" else Participant(ROLE_PREFIX[role] + "_" + uuid.uuid4().hex[:6])
        if contract.arrange_role is not None and role != "no_user":
            contract.arrange_role(role, person.student_id, contract.usage_id())
        for query in HOSTILE_QUERIES:
            response = person.get(contract.usage_id(), spec.name, query)
            assert response.status_code == 403, (role, query, response.content[:200])


def studio_save(usage_id, raw, author=None):
    author = author or Participant("staff_author_" + uuid.uuid4().hex[:6], path="studio")
    return author, author.post(usage_id, "submit_studio_edits", raw, raw=True)


def studio_contracts():
    return [(c, h) for c, h in POSTS if h.studio]


def custom_usage_id():
    from tests.support.workbench import scenario_usage_ids
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "custom-instrument" in u][0]


def settings_of(usage_id):
    block = Participant("settings_reader").block(usage_id)
    return {name: getattr(block, name) for name in block.editable_fields}


def messages_of(response):
    """The texts Studio's editor script shows (xblock/utils/public/studio_edit.js reads
    `error` as text, or `error.messages[].text`)."""
    error = error_of(response)
    assert isinstance(error["messages"], list) and error["messages"]
    assert error["message"]
    return [m["text"] for m in error["messages"]]


@pytest.mark.parametrize("raw, field", [
    ('{"values": {"min_cohort_size": Infinity}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": -Infinity}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": NaN}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": 1e400}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": "5"}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": 3.9}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": 5.0}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"min_cohort_size": true}, "defaults": []}', "min_cohort_size"),
    ('{"values": {"allow_retake": "true"}, "defaults": []}', "allow_retake"),
    ('{"values": {"allow_retake": 1}, "defaults": []}', "allow_retake"),
    ('{"values": {"series": 12}, "defaults": []}', "series"),
    ('{"values": {"display_name": ["a"]}, "defaults": []}', "display_name"),
    ('{"values": {"intro": {"a": 1}}, "defaults": []}', "intro"),
    ('{"values": {"instrument_key": "nope"}, "defaults": []}', "instrument_key"),
    ('{"values": {"draft_answers": {}}, "defaults": []}', "draft_answers"),
    ('{"values": {}, "defaults": ["not_a_field"]}', "defaults"),
])
def test_studio_refuses_each_bad_value_naming_the_field(raw, field):
    """Each problem says which field it is about in its `path`, where the editor puts
    it; the text an author reads is a sentence without the field's key (issue 21)."""
    usage_id = custom_usage_id()
    before = settings_of(usage_id)
    _, response = studio_save(usage_id, raw)
    assert response.status_code == 400, response.content[:300]
    texts = messages_of(response)
    assert any(field in message["path"] for message in error_of(response)["messages"]), response.content[:500]
    assert not any(field in text for text in texts if "_" in field), texts
    assert settings_of(usage_id) == before


def test_studio_refuses_json_nested_500_levels_deep_as_bad_json():
    """pydantic's JSON parser stops at 200 levels, before any field is read, so
    this one cannot name its field: it is refused as a whole."""
    usage_id = custom_usage_id()
    before = settings_of(usage_id)
    _, response = studio_save(usage_id, '{"values": {"series": ' + "[" * 500 + "]" * 500 + '}, "defaults": []}')
    assert response.status_code == 400 and error_of(response)["code"] == "bad_json"
    assert messages_of(response)
    assert settings_of(usage_id) == before


def yaml_problem(yaml_text, author=None):
    usage_id = custom_usage_id()
    before = settings_of(usage_id)
    body = json.dumps({"values": {"instrument_key": "custom", "custom_instrument_yaml": yaml_text}, "defaults": []})
    _, response = studio_save(usage_id, body, author)
    assert response.status_code == 400, response.content[:300]
    assert settings_of(usage_id) == before
    return messages_of(response)


def test_studio_refuses_an_instrument_with_points_5_0():
    from tests.support.instruments import TWO_DIMENSIONS
    texts = yaml_problem(TWO_DIMENSIONS.replace("points: 5", "points: 5.0"))
    assert any("scale.points" in t and "line 4" in t for t in texts), texts


@pytest.mark.parametrize("replacement, path", [
    ("  - key: ruimte\n", "  - [ruimte, 1]\n"),
])
def test_studio_refuses_a_dimension_given_as_a_list(replacement, path):
    from tests.support.instruments import TWO_DIMENSIONS
    text = TWO_DIMENSIONS.replace(
        "  - key: ruimte\n    name: {nl: \"Ruimte\", en: \"Room\"}\n    bands:\n"
        "      - {min: 1, max: 2.99, text: {nl: \"Weinig ruimte\", en: \"Little room\"}}\n"
        "      - {min: 3, max: 5, text: {nl: \"Veel ruimte\", en: \"Much room\"}}\n",
        "  - [ruimte, 1]\n")
    texts = yaml_problem(text)
    assert any("dimensions[0]" in t for t in texts), texts


def test_studio_refuses_a_dimension_given_as_a_map_of_maps():
    from tests.support.instruments import TWO_DIMENSIONS
    text = TWO_DIMENSIONS.replace("  - key: fouten\n    name: {nl: \"Fouten\", en: \"Mistakes\"}\n",
                                  "  - key: fouten\n    name: {nl: {deep: 1}, en: \"Mistakes\"}\n")
    texts = yaml_problem(text)
    assert any("dimensions[1].name" in t for t in texts), texts


def test_studio_refuses_yaml_nested_500_levels_deep():
    texts = yaml_problem("key: x\ntitle: " + "[" * 500 + "]" * 500 + "\n")
    assert any("line 2" in t for t in texts), texts


def test_a_misspelt_nested_key_is_refused_naming_its_path_and_line():
    from tests.support.instruments import TWO_DIMENSIONS
    text = TWO_DIMENSIONS.replace('text: "R2", reverse: true', 'text: "R2", revers: true').replace(
        "      - {min: 3, max: 5,", "      - {min: 3, maks: 5,")
    texts = yaml_problem(text)
    assert any("items[1].revers" in t and "line 17" in t for t in texts), texts
    # Every problem at once, not one per save.
    assert any("dimensions[0].bands[1].maks" in t and "line 12" in t for t in texts), texts


def test_every_problem_of_a_save_is_reported_at_once_in_dutch():
    from tests.support.instruments import TWO_DIMENSIONS
    usage_id = custom_usage_id()
    author = Participant("staff_author_nl_" + uuid.uuid4().hex[:6], language="nl", path="studio")
    text = TWO_DIMENSIONS.replace("points: 5", "points: 5.0").replace("reverse: true}", "revers: true}", 1)
    body = json.dumps({"values": {"instrument_key": "custom", "custom_instrument_yaml": text,
                                  "min_cohort_size": "5", "series": 7}, "defaults": []})
    _, response = studio_save(usage_id, body, author)
    assert response.status_code == 400
    texts = messages_of(response)
    joined = "\n".join(texts)
    # A form field is named by the problem's path (the editor puts the sentence there);
    # a place inside the authored YAML by its line and keys, which the author wrote.
    paths = {message["path"] for message in error_of(response)["messages"]}
    for field in ("min_cohort_size", "series"):
        assert any(field in path for path in paths), paths
    for path in ("scale.points", "items[1].revers"):
        assert path in joined, joined
    # In the author's language: no English sentence fragments.
    for english in ("must be", "unknown", "line ", "is not", "required", "whole number", "Input should"):
        assert english not in joined, (english, joined)
    assert "regel" in joined


def test_a_refused_studio_save_answers_what_studios_editor_reads():
    usage_id = custom_usage_id()
    _, response = studio_save(usage_id, '{"values": {"min_cohort_size": 1}, "defaults": []}')
    error = error_of(response)
    assert error["code"] == "invalid_settings"
    assert all(set(m) >= {"type", "text"} and m["type"] == "error" for m in error["messages"])
    # A refusal before validation (not an author) uses the same shape.
    response = Participant("learner_" + uuid.uuid4().hex[:6], path="studio").post(
        usage_id, "submit_studio_edits", {"values": {}, "defaults": []})
    assert response.status_code == 403
    assert messages_of(response)


def test_a_refused_query_value_reads_in_one_language():
    from tests.support.workbench import scenario_usage_ids
    usage_id = [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]
    staff = Participant("staff_nl_" + uuid.uuid4().hex[:6], language="nl")
    response = staff.get(usage_id, "export_csv", "names=2")
    assert response.status_code == 400
    error = error_of(response)
    assert [(p["field"], p["code"]) for p in error["problems"]] == [("names", "not_a_choice")]
    assert "names" not in error["message"] and error["message"] == error["problems"][0]["message"]
