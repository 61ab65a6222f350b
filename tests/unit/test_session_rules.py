"""The session block's rules without a runtime (leergang_xblocks/sessions/rules.py)."""
import datetime

import pytest

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.sessions import rules

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))


def test_the_standard_questions_are_valid_and_bilingual():
    questions = rules.parse_scale_questions(rules.DEFAULT_SCALE_QUESTIONS)
    assert [q.key for q in questions] == ["inhoud", "sprekers", "ruimte"]
    assert all(set(q.text) == {"nl", "en"} and all(q.text.values()) for q in questions)


@pytest.mark.parametrize("text, path", [
    ("- key: Inhoud\n  nl: a\n  en: b\n", (0, "key")),
    ("- key: a\n  nl: x\n  en: y\n- key: a\n  nl: x\n  en: y\n", (1, "key")),
    ("- key: a\n  nl: x\n", (0, "en")),
    ("- key: a\n  nl: x\n  en: y\n  de: z\n", (0,)),
])
def test_each_problem_is_reported_at_its_row_and_key(text, path):
    with pytest.raises(AuthoredDataError) as refused:
        rules.parse_scale_questions(text)
    assert [p.path for p in refused.value.problems] == [path]


def test_no_questions_and_too_many_are_refused():
    with pytest.raises(AuthoredDataError):
        rules.parse_scale_questions("")
    many = "".join(f"- key: k{n}\n  nl: x\n  en: y\n" for n in range(rules.MAX_SCALE_QUESTIONS + 1))
    with pytest.raises(AuthoredDataError):
        rules.parse_scale_questions(many)


def test_the_fingerprint_changes_with_the_keys_not_the_wording():
    first = rules.parse_scale_questions("- key: a\n  nl: x\n  en: y\n")
    reworded = rules.parse_scale_questions("- key: a\n  nl: anders\n  en: other\n")
    renamed = rules.parse_scale_questions("- key: b\n  nl: x\n  en: y\n")
    assert rules.fingerprint(first) == rules.fingerprint(reworded) != rules.fingerprint(renamed)


def test_an_evaluation_closes_at_the_end_of_its_day_in_the_course_time_zone():
    end = datetime.datetime(2021, 3, 1, 23, 59, 59, tzinfo=AMSTERDAM)
    assert not rules.is_closed("2021-03-01", AMSTERDAM, end)
    assert rules.is_closed("2021-03-01", AMSTERDAM, end + datetime.timedelta(seconds=1))
    assert not rules.is_closed("", AMSTERDAM, end)
    with pytest.raises(ValueError):
        rules.closing_moment("1 maart", AMSTERDAM)
    assert not rules.is_closed("1 maart", AMSTERDAM, end)   # refused in Studio; never closes by surprise
