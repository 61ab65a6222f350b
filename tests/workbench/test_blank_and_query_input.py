"""Input that looks like something but is nothing (issue 20).

Text made only of invisible characters (zero-width space, joiners, word joiner,
byte-order mark) or of spaces of any kind is empty, in every block, by one rule
in core (core/text.py). A query-string number is ASCII digits only: "²" is a
digit to Python's str.isdigit() but not a number anyone typed.
"""
import uuid

import pytest

from tests.support import feedback_round as rounds
from tests.support.dialogue import new_dialogue
from tests.support.groups import arrange, new_course, visit
from tests.support.workbench import Participant

INVISIBLE_ONLY = ["\u200b", "\ufeff", "\u200d", "\u2060", "\u200b\u200c\u2060\ufeff", " \u00a0\u200b\n\u2003"]


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_an_introduction_of_invisible_characters_is_refused_and_not_shown(text):
    scenario, usage = new_course()
    tag = uuid.uuid4().hex[:5]
    anna, bram = f"ba{tag}", f"bb{tag}"
    for person in (anna, bram):
        visit(scenario, person)
    arrange(usage, {"G1": [anna, bram]})
    response = Participant(anna).post(usage, "post_introduction", {"text": text})
    assert response.status_code == 400 and response.json()["error"]["code"] == "empty_text"
    introductions = Participant(bram).get(usage, "group_introductions").json()["introductions"]
    assert introductions == []


@pytest.mark.parametrize("text", INVISIBLE_ONLY[:1] + INVISIBLE_ONLY[-1:])
def test_a_round_update_of_invisible_characters_is_refused(text):
    scenario, usage = rounds.new_round()
    anna, bram = rounds.people(2)
    rounds.arrange(usage, {"G1": [anna, bram]})
    response = Participant(anna).post(usage, "post_update", {"text": text})
    assert response.status_code == 400 and response.json()["error"]["code"] == "empty_text"
    assert not rounds.state(usage, anna).get("my_update")


def test_text_with_a_word_between_invisible_characters_is_kept_without_them():
    scenario, usage = new_course()
    tag = uuid.uuid4().hex[:5]
    anna, bram = f"bc{tag}", f"bd{tag}"
    for person in (anna, bram):
        visit(scenario, person)
    arrange(usage, {"G1": [anna, bram]})
    assert Participant(anna).post(usage, "post_introduction", {"text": "\u200bHallo\ufeff"}).status_code == 200
    texts = [i["text"] for i in Participant(bram).get(usage, "group_introductions").json()["introductions"]]
    assert texts == ["Hallo"]


@pytest.mark.parametrize("value", ["²", "١", "1²", "+1", " 1", "1.0", "0x1", "０"])
def test_a_query_number_that_is_not_ascii_digits_is_a_400_not_a_500(value):
    scenario, usage = new_dialogue()
    response = Participant("staff_query").get(usage, "live", f"round={value}")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
