"""The trust scan through the workbench's real request path: several learners,
exact cohort means, refusals that change nothing, and the staff guard."""
import json
import uuid

import pytest
from submissions.models import Submission

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from leergang_xblocks.trust_scan import scoring
from tests.support.workbench import Participant, scenario_usage_ids


@pytest.fixture
def keten():
    """A fresh look at the chain-partner scan (7 points, retakes allowed)."""
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]


@pytest.fixture
def pre_post():
    ids = [u for u in scenario_usage_ids("leergang_trust_scan") if "pre-post" in u or "prepost" in u]
    assert len(ids) == 2
    return sorted(ids)


def fresh(prefix="p"):
    return Participant(f"{prefix}-{uuid.uuid4().hex[:8]}")


def full_answers(instrument, value):
    return {item.key: value for item in instrument.items}


def derived(participant, usage_id):
    """What the records say about this participant (the block derives its state from them)."""
    block = participant.block(usage_id)
    return block._participant(block.identity)


def state_of(participant, usage_id):
    state = derived(participant, usage_id)
    rows = Submission.objects.filter(student_item__item_id__startswith=usage_id).count()
    return (state.draft_answers, state.version, state.results, state.reflection, rows)


# Cohort means (exact, hidden below K, published as snapshots that cannot be
# differenced): tests/workbench/test_cohort_comparison.py, on scans of their own.


def test_own_scores_follow_reverse_scoring(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    person = fresh()
    response = person.post(keten, "submit", {"answers": full_answers(instrument, 7)})
    assert response.status_code == 200
    data = response.json()
    for dimension in data["dimensions"]:
        items = instrument.items_of(dimension["key"])
        expected = sum(1 if i.reverse else 7 for i in items) / len(items)
        assert dimension["score"] == round(expected, 2)
    assert "<svg" in data["html"] and "<table" in data["html"]


def test_draft_is_saved_and_versioned(keten):
    person = fresh()
    instrument = shipped_instrument("samenwerking_in_de_keten")
    key = instrument.items[0].key
    response = person.post(keten, "save_draft", {"answers": {key: 3}, "version": 0})
    assert response.status_code == 200 and response.json()["version"] == 1
    stale = person.post(keten, "save_draft", {"answers": {key: 4}, "version": 0})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    assert derived(person, keten).draft_answers == {key: 3}
    cleared = person.post(keten, "save_draft", {"answers": {key: None}, "version": 1})
    assert cleared.status_code == 200 and derived(person, keten).draft_answers == {}


def test_retake_keeps_earlier_results(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    person = fresh()
    assert person.post(keten, "submit", {"answers": full_answers(instrument, 2)}).status_code == 200
    again = person.post(keten, "submit", {"answers": full_answers(instrument, 5)})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_submitted"
    assert person.post(keten, "start_retake", {}).status_code == 200
    assert person.post(keten, "submit", {"answers": full_answers(instrument, 5)}).status_code == 200
    assert [r["attempt"] for r in derived(person, keten).results] == [1, 2]
    assert Submission.objects.filter(student_item__item_id=keten,
                                     student_item__student_id=person.block(keten).identity.anonymous_id).count() == 2


def test_no_retake_where_the_author_forbids_it(pre_post):
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    person = fresh()
    person.post(pre_post[0], "submit", {"answers": full_answers(instrument, 3)})
    refused = person.post(pre_post[0], "start_retake", {})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "no_retake"


def test_pre_post_change_is_shown_on_the_later_scan(pre_post):
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    person = fresh()
    start, end = pre_post  # d0 is the first scan in the scenario, d1 the last
    person.post(start, "submit", {"answers": full_answers(instrument, 2)})
    response = person.post(end, "submit", {"answers": full_answers(instrument, 4)})
    data = response.json()
    assert data["earlier_submitted_at"]
    for dimension in data["dimensions"]:
        items = instrument.items_of(dimension["key"])
        before = sum(4 if i.reverse else 2 for i in items) / len(items)
        after = sum(2 if i.reverse else 4 for i in items) / len(items)
        assert dimension["change"] == round(round(after, 2) - round(before, 2), 2)


BAD_BODIES = [
    ("wrong type", {"answers": "all fives"}, 400),
    ("unknown item", {"answers": {"no_such_item": 3}}, 400),
    ("out of range", {"answers": {"__first__": 9}}, 400),
    ("boolean answer", {"answers": {"__first__": True}}, 400),
    ("unknown key", {"answers": {}, "extra": 1}, 400),
    ("missing key", {}, 400),
]


@pytest.mark.parametrize("label, body, status", BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_submit_bodies_are_refused_and_change_nothing(keten, label, body, status):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    body = json.loads(json.dumps(body).replace("__first__", instrument.items[0].key))
    person = fresh()
    person.post(keten, "save_draft", {"answers": {instrument.items[1].key: 2}, "version": 0})
    before = state_of(person, keten)
    response = person.post(keten, "submit", body)
    assert response.status_code == status
    assert set(response.json()["error"]) - {"problems"} == {"code", "message"}
    assert state_of(person, keten) == before


@pytest.mark.parametrize("raw, status, code", [
    (b"{not json", 400, "bad_json"),
    (b"\xff\xfe\x00", 400, "bad_encoding"),
    (b'{"answers": {"a": ' + b"1" * (1024 * 1024) + b"}}", 413, "too_large"),
])
def test_malformed_and_huge_bodies(keten, raw, status, code):
    person = fresh()
    before = state_of(person, keten)
    response = person.client.post(person.url(keten, "submit"), data=raw, content_type="application/json")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert state_of(person, keten) == before


def test_get_is_refused_on_write_handlers(keten):
    response = fresh().get(keten, "submit")
    assert response.status_code == 405


def test_learners_cannot_read_the_staff_report_or_export(keten):
    learner = fresh()
    for handler in ("staff_report", "export_csv"):
        response = learner.get(keten, handler)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "staff_only"
    staff = Participant("staff_" + uuid.uuid4().hex[:6])
    assert staff.get(keten, "staff_report").status_code == 200


def test_visitors_who_are_not_signed_in_are_refused(keten):
    response = Participant("none").post(keten, "save_draft", {"answers": {}, "version": 0})
    assert response.status_code == 403 and response.json()["error"]["code"] == "not_authenticated"


def test_staff_report_statistics(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    for value in (2, 4, 6):
        fresh().post(keten, "submit", {"answers": full_answers(instrument, value)})
    report = Participant("staff_stats").get(keten, "staff_report").json()
    assert report["responses"] == len({r for r in Submission.objects.filter(student_item__item_id=keten).values_list("student_item__student_id", flat=True)})
    for dimension in report["dimensions"]:
        assert dimension["n"] == report["responses"]
        assert sum(b["count"] for b in dimension["distribution"]) == dimension["n"]
        assert dimension["sd"] is not None


def test_csv_export_is_excel_friendly_and_anonymous_by_default(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    person = Participant("csvperson" + uuid.uuid4().hex[:4])
    person.post(keten, "submit", {"answers": full_answers(instrument, 3)})
    staff = Participant("staff_csv")
    anonymous = staff.get(keten, "export_csv")
    assert anonymous.status_code == 200
    assert anonymous.content.startswith("\ufeff".encode("utf-8"))
    text = anonymous.content.decode("utf-8-sig")
    assert person.student_id not in text
    assert person.block(keten).identity.anonymous_id in text
    named = staff.get(keten, "export_csv", "names=1").content.decode("utf-8-sig")
    assert person.student_id in named


def test_dutch_error_messages(keten):
    person = Participant("nl-" + uuid.uuid4().hex[:6], language="nl")
    response = person.post(keten, "submit", {"answers": "x"})
    english = Participant("en-" + uuid.uuid4().hex[:6]).post(keten, "submit", {"answers": "x"})
    error = response.json()["error"]
    assert [(p["field"], p["code"]) for p in error["problems"]] == [("answers", "not_valid")]
    assert error["message"] != english.json()["error"]["message"]  # translated


def test_own_data_download(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    person = fresh()
    person.post(keten, "submit", {"answers": full_answers(instrument, 4)})
    person.post(keten, "save_reflection", {"text": "mijn eigen notitie"})
    download = person.get(keten, "my_data")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    assert data["data"]["reflection"] == "mijn eigen notitie"
    assert data["data"]["stored_records"][0]["data"]["answers"]


def test_student_view_renders_in_both_languages(keten):
    english = fresh().page(_scenario_of(keten))
    assert english.status_code == 200
    assert b"Send and see my scores" in english.content
    dutch = Participant("nl-view", language="nl").page(_scenario_of(keten))
    assert "Versturen en mijn scores bekijken".encode() in dutch.content


def _scenario_of(usage_id):
    from workbench.scenarios import get_scenarios
    slug = usage_id.split(".")[0]
    from django.template.defaultfilters import slugify
    return next(name for name, s in get_scenarios().items() if slugify(s.description) == slug)


def _custom():
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "custom-instrument" in u][0]


def test_studio_refuses_an_invalid_instrument_naming_the_line_and_keeps_the_old_one():
    usage_id = _custom()
    author = Participant("staff_author", path="studio")
    before = author.block(usage_id).custom_instrument_yaml
    broken = before.replace("dimension: ruimte, reverse: true", "dimension: nergens, reverse: true")
    response = author.post(usage_id, "submit_studio_edits",
                           {"values": {"custom_instrument_yaml": broken}, "defaults": []})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_settings"
    assert "line 16" in error["message"] and "nergens" in error["message"]
    assert author.block(usage_id).custom_instrument_yaml == before


@pytest.mark.parametrize("body", [
    {"values": {"min_cohort_size": "many"}, "defaults": []},
    {"values": {"min_cohort_size": 1}, "defaults": []},
    {"values": {"no_such_field": 1}, "defaults": []},
    {"values": []},
    {},
])
def test_studio_refuses_bad_settings(body):
    usage_id = _custom()
    author = Participant("staff_author", path="studio")
    before = author.block(usage_id).min_cohort_size
    response = author.post(usage_id, "submit_studio_edits", body)
    assert response.status_code == 400, response.content
    assert author.block(usage_id).min_cohort_size == before


def test_learners_cannot_change_settings():
    learner = fresh()
    learner.path = "studio"
    response = learner.post(_custom(), "submit_studio_edits", {"values": {"min_cohort_size": 3}, "defaults": []})
    assert response.status_code == 403 and response.json()["error"]["code"] == "authors_only"


def test_generate_report_data_gives_the_latest_scores_and_answers(keten):
    from types import SimpleNamespace
    instrument = shipped_instrument("samenwerking_in_de_keten")
    person = fresh()
    person.post(keten, "submit", {"answers": full_answers(instrument, 6)})
    state = {"submitted_result": person.block(keten).submitted_result}
    states = [SimpleNamespace(username="anna", state=state), SimpleNamespace(username="nobody", state={}),
              SimpleNamespace(username="bram", state=state)]
    rows = list(Participant("staff_report").block(keten).generate_report_data(iter(states)))
    assert [name for name, _ in rows] == ["anna", "bram"]
    report = rows[0][1]
    assert report["attempt"] == 1
    assert report[f"item {instrument.items[0].key}"] == 6
    assert all(f"score {d.key}" in report for d in instrument.dimensions)
    limited = list(Participant("staff_report").block(keten).generate_report_data(iter(states), limit_responses=1))
    assert len(limited) == 1


def test_student_view_data_for_the_mobile_apps(keten):
    data = fresh().block(keten).student_view_data()
    assert data["configured"] is True
    assert data["instrument"]["points"] == 7
    assert data["instrument"]["items"] and "nl" in data["instrument"]["items"][0]["text"]
