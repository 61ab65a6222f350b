"""A feedback round's due dates in Studio (issue 21): a date input and a time input
instead of text typed as "2026-12-08 17:00"; checked on the server, each problem a
sentence at its input; the date already set shown as the course writes dates
(core/dates.py); stored in the format courses and OLX already carry."""
import json
import uuid

import pytest
from lxml import html as lxml_html

from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from tests.support.feedback_round import new_round
from tests.support.workbench import Participant
from tests.workbench.test_studio_forms import assert_said_for_a_person, entry, messages, save


def author(language="en"):
    return Participant("staff_author_" + uuid.uuid4().hex[:6], language=language, path="studio")


def editor(scenario, language):
    person = Participant("staff_editor_" + uuid.uuid4().hex[:6], language=language)
    response = person.client.get(f"/scenario/{scenario}/studio_view/?student={person.student_id}")
    assert response.status_code == 200
    return lxml_html.fromstring(response.content).xpath("//*[contains(@class, 'leergang-studio-edit')]")[0]


@pytest.mark.parametrize("language,shown", [("en", "31 January 2030, 17:00"), ("nl", "31 januari 2030, 17:00")])
def test_the_due_dates_are_a_date_and_a_time_input_showing_the_date_set(language, shown):
    scenario, _usage = new_round(feedback_due="2030-01-31 17:00")
    form = editor(scenario, language)
    due = entry(form, "feedback_due")
    assert due.get("data-type") == "due_moment"
    assert json.loads(due.get("data-value")) == {"date": "2030-01-31", "time": "17:00"}
    (day,) = due.xpath(".//input[@type='date']")
    (time,) = due.xpath(".//input[@type='time']")
    for control in (day, time):   # each input has its own label
        assert form.xpath(f".//label[@for='{control.get('id')}']"), control.get("id")
    assert shown in due.text_content()
    assert json.loads(entry(form, "update_due").get("data-value")) == {"date": "", "time": ""}


def test_a_date_and_a_time_are_stored_as_courses_carry_them():
    _scenario, usage = new_round()
    person = author()
    assert save(person, usage, {"feedback_due": {"date": "2026-12-08", "time": "17:00"},
                                "update_due": {"date": "2026-12-01", "time": ""}}).status_code == 200
    block = person.block(usage)
    assert (block.feedback_due, block.update_due) == ("2026-12-08 17:00", "2026-12-01")
    assert save(person, usage, {"update_due": {"date": "", "time": ""}}).status_code == 200
    assert person.block(usage).update_due == ""


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("value,path", [
    ({"date": "2026-02-30", "time": ""}, "feedback_due.date"),
    ({"date": "8-12-2026", "time": "17:00"}, "feedback_due.date"),
    ({"date": "", "time": "17:00"}, "feedback_due.date"),
    ({"date": "2026-12-08", "time": "25:00"}, "feedback_due.time"),
    ({"date": "2026-12-08", "time": "5 uur"}, "feedback_due.time"),
])
def test_a_wrong_date_or_time_is_refused_at_its_input_and_nothing_changes(language, value, path):
    _scenario, usage = new_round(feedback_due="2030-01-31 17:00")
    person = author(language)
    response = save(person, usage, {"feedback_due": value, "display_name": "Nieuw"})
    assert response.status_code == 400
    code, said = messages(response)
    assert code == "invalid_settings"
    assert [m["path"] for m in said] == [path]
    assert_said_for_a_person([m["text"] for m in said], FeedbackRoundBlock, language)
    block = person.block(usage)
    assert block.feedback_due == "2030-01-31 17:00" and block.display_name != "Nieuw"


@pytest.mark.parametrize("value", [[], 7, {"date": 7, "time": ""}, {"date": "2026-12-08"},
                                   {"date": "2026-12-08", "time": "", "zone": "UTC"}])
def test_malformed_due_values_are_refused_with_a_4xx_and_nothing_changes(value):
    _scenario, usage = new_round(feedback_due="2030-01-31 17:00")
    person = author()
    response = save(person, usage, {"feedback_due": value})
    assert 400 <= response.status_code < 500
    assert person.block(usage).feedback_due == "2030-01-31 17:00"


def test_the_stored_text_is_still_accepted_and_checked():
    _scenario, usage = new_round()
    person = author()
    assert save(person, usage, {"feedback_due": "2026-12-08 17:00"}).status_code == 200
    assert person.block(usage).feedback_due == "2026-12-08 17:00"
    refused = save(person, usage, {"feedback_due": "31-1-2030"})
    assert refused.status_code == 400
    assert [m["path"] for m in messages(refused)[1]] == ["feedback_due"]
    assert person.block(usage).feedback_due == "2026-12-08 17:00"
