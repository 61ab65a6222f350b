"""The session block's rules as functions of data: the authored scale questions,
when an evaluation or the question list closes, and what an evaluation answer is.

No runtime here, so the rules are tested without a block (tests/unit/test_session_rules.py).
"""
import datetime
import functools
import hashlib
from dataclasses import dataclass

from ..core.authored_yaml import AuthoredDataError, load
from ..core.i18n import _

MODES = ("evaluation", "questions", "both")
SCALE = (1, 2, 3, 4, 5)
MAX_SCALE_QUESTIONS = 8
MAX_QUESTION_TEXT = 300
MAX_OPEN_ANSWER = 2000
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")

DEFAULT_SCALE_QUESTIONS = """\
- key: inhoud
  nl: De inhoud van deze bijeenkomst helpt me bij mijn eigen opdracht.
  en: What this session covered helps me with my own assignment.
- key: sprekers
  nl: De sprekers maakten hun onderwerp concreet voor mijn praktijk.
  en: The speakers made their subject concrete for my practice.
- key: ruimte
  nl: Er was genoeg ruimte voor vragen en gesprek.
  en: There was enough room for questions and conversation.
"""


@dataclass(frozen=True)
class ScaleQuestion:
    key: str
    text: dict          # {"nl": ..., "en": ...}


def parse_scale_questions(text):
    """The authored scale questions (YAML: a list of {key, nl, en}); AuthoredDataError
    with every problem, each at its row and key, when they cannot be used."""
    return list(_parsed(text or ""))


# Parsed once per process for each authored text (the key is the text itself, so a
# Studio edit is a new key): the YAML parser was about a tenth of an evaluation answer's
# time, and every answer and page parses the same few texts. Refused texts raise and are
# not kept.
@functools.lru_cache(maxsize=64)
def _parsed(text):
    located = load(text)
    data = located.data
    if not isinstance(data, list) or not data:
        raise located.error(_("Write at least one scale question."))
    problems, questions, seen = [], [], set()
    if len(data) > MAX_SCALE_QUESTIONS:
        problems.append(located.problem(_("Write at most %(n)s scale questions."), n=MAX_SCALE_QUESTIONS))
    for row, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(located.problem(_("Each scale question needs a key and a text in Dutch and English."),
                                            row))
            continue
        key = item.get("key")
        if not isinstance(key, str) or not key or len(key) > 40 or not set(key) <= KEY_CHARS:
            problems.append(located.problem(_("Write a short key of lower-case letters, digits and _."), row, "key"))
        elif key in seen:
            problems.append(located.problem(_("Each key may be used once."), row, "key"))
        seen.add(key)
        texts = {}
        for language in ("nl", "en"):
            value = item.get(language)
            if not isinstance(value, str) or not value.strip():
                problems.append(located.problem(_("Write the question in this language."), row, language))
            elif len(value) > MAX_QUESTION_TEXT:
                problems.append(located.problem(_("Write at most %(n)s characters."), row, language,
                                                n=MAX_QUESTION_TEXT))
            else:
                texts[language] = value.strip()
        unknown = set(item) - {"key", "nl", "en"}
        if unknown:
            problems.append(located.problem(_("A scale question has only a key, nl and en."), row))
        if isinstance(key, str) and len(texts) == 2:
            questions.append(ScaleQuestion(key, texts))
    if problems:
        raise AuthoredDataError("", problems=problems)
    return tuple(questions)


def fingerprint(questions):
    """Answers count together only while the questions keep their keys: the tally of
    one set of keys is another than that of the next (as the trust scan's instrument
    fingerprint)."""
    return "eval:" + hashlib.sha256(",".join(q.key for q in questions).encode()).hexdigest()[:16]


def closing_moment(text, zone):
    """The end of the authored closing day (YYYY-MM-DD) in the course's time zone, or
    None (never closes). ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    day = datetime.date.fromisoformat(text) if len(text) == 10 else None
    if day is None:
        raise ValueError(text)
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=zone or datetime.timezone.utc)


def is_closed(text, zone, now):
    try:
        moment = closing_moment(text, zone)
    except ValueError:
        return False  # a bad date is refused in Studio; never closes the block by surprise
    return moment is not None and now > moment
