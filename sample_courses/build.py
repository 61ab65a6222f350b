"""Build the sample courses: YAML outlines -> Open edX OLX (a folder and a .tar.gz
per course, ready for Studio's Tools -> Import) and workbench scenarios.

    python -m sample_courses.build [--out DIR]     # default: sample_courses/build/

An outline (`sample_courses/*.yaml`; docs/sample_courses.md has the full reference):

    course: {org, number, run, display_name, provider, language, seeds, overview,
             start, end, enrollment_start, enrollment_end, max_participants,
             image: {background, accent}, award: {kind, name, statement, unit, rule, cites}}
    timetable: {follows, seeds_differ, example_dates, sessions}   # sample_courses/timetable.py
    chapters:                                    # one chapter per session (bijeenkomst)
      - title: ...
        units:
          - title: ...
            html: <p>...</p>                     # optional, a well-formed HTML fragment
            placeholder_for: leergang_case       # optional: the html stands in for that block
            blocks:                              # optional, leergang blocks
              - type: trust_scan
                url_name: scan_start             # stable: it keeps learner data on re-import
                settings: {series: start-eind, intro: "..."}

Every problem in an outline is an `AuthoredDataError` whose message starts with
the file name and whose `line` is the line in that file. sample_courses/export.py
reads a built course back into an outline; building that again gives the same OLX.

A new block type joins by one entry in BLOCK_TYPES: its OLX tag, its class (the
tests compare the entry with the class's Studio fields) and, per Studio setting,
the kind of value it takes.
"""
import argparse
import datetime
import gzip
import io
import json
import re
import shutil
import sys
import tarfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from leergang_xblocks.core.authored_yaml import AuthoredDataError, load
from leergang_xblocks.trust_scan.instrument import custom_instrument, shipped_instrument_keys
from sample_courses import course_image
from sample_courses import award_rule
from sample_courses import timetable as timetables

HERE = Path(__file__).resolve().parent
# The forum's default course-wide topic (id "course", as Open edX creates it), named in the
# course's language: a Dutch course's forum does not open on an English "General".
DEFAULT_DISCUSSION_TOPIC = {"nl": "Algemeen", "en": "General"}
DEFAULT_TOPIC_ID = "course"


def default_discussion_topic(language):
    return DEFAULT_DISCUSSION_TOPIC.get(language.split("-")[0], DEFAULT_DISCUSSION_TOPIC["en"])
OPTION_NS = "http://code.edx.org/xblock/option"
URL_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
COURSE_ID_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$")  # they become file names
LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")
SEQUENTIAL_SUFFIX = "_seq"   # the one subsection of a chapter
HTML_SUFFIX = "_text"        # the text component of a unit
# Characters XML 1.0 cannot hold (YAML escapes such as "\x01" can produce them).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_TITLE = 200
MAX_HTML = 20_000
MAX_STATEMENT = 1_000

# Blocks that are planned but not built yet (issues 12-14). A unit with
# `placeholder_for: <tag>` holds HTML that stands in for that block until it lands;
# the builder marks it in the OLX so an operator, the demo and the next block's author find it.
PLACEHOLDER_BLOCKS = {
    "leergang_case": "het casusblok",
    "leergang_feedback_round": "het blok voor feedbackrondes in kleine groepen",
    "leergang_dialogue": "het blok voor dilemma's en dialoog",
}
PLACEHOLDER_CLASS = "leergang-placeholder"
AWARD_CLASS = "leergang-award"
# The award is stated once, in course.award.statement, and the builder puts it in the
# about page, the certificate and the course text; no other text may state its own.
AWARD_WORDS = re.compile(r"diploma|certifica", re.IGNORECASE)
AWARD_BLOCK = "leergang_case"      # the block whose score carries a diploma rule (issue 12)
AWARD_PENDING = ("Het platform kent dit nog niet zelf toe: zolang de cursus het casusblok nog niet heeft, "
                 "houdt de opleiding aanwezigheid en beoordeling zelf bij en reikt zij diploma of "
                 "certificaat uit.")
AWARD_NONE_TITLE = "Diploma of certificaat"
CERTIFICATE_ID = 100               # Studio's certificate ids start at 100 (certificate_manager.py)


# --- Block types ---------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One Studio setting of a block, as an outline may give it."""
    kind: str                 # "text", "int", "bool" or "choice"
    xml_node: bool = False    # written as <option:name> child element, as the block exports it
    required: bool = False    # may not be empty when given
    max_length: int = 10_000
    minimum: int = None
    maximum: int = None
    choices: object = None    # for "choice": a function returning the allowed values

    def problem(self, value):
        """What is wrong with `value`, or None."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return "must be a whole number"
            if not self.minimum <= value <= self.maximum:
                return f"must be from {self.minimum} to {self.maximum}"
            return None
        if not isinstance(value, str):
            return "must be text"
        if self.required and not value.strip():
            return "may not be empty"
        if len(value) > self.max_length:
            return f"may be at most {self.max_length} characters"
        if self.kind == "choice" and value not in self.choices():
            return f"must be one of: {', '.join(self.choices())}"
        return None


@dataclass(frozen=True)
class BlockType:
    tag: str                  # the OLX element name (the XBlock entry point)
    block_class: str          # "module:Class"; only the tests import it (it needs Django)
    settings: dict            # name -> Setting: the block's Studio fields, nothing else
    check: object = None      # check(settings) -> problem text or None, for rules across settings
    series_setting: str = None  # a setting that pairs blocks in a course (pre/post): needs two or more
    scored: bool = False      # has_score: its score can carry the course's award (grading policy)
    scored_setting: str = None  # a bool setting that switches the score on (None: always scored when `scored`)
    audience: str = None      # "staff": only in a staff-only unit; "participants": never in one; None: either

    def scores(self, block):
        """Does this block in an outline publish a score?"""
        if not self.scored:
            return False
        return self.scored_setting is None or block.get("settings", {}).get(self.scored_setting) is True


def _trust_scan_check(settings):
    key = settings.get("instrument_key", "sturen_vanuit_vertrouwen")
    if key != "custom":
        return None
    try:
        custom_instrument(settings.get("custom_instrument_yaml", ""))
    except AuthoredDataError as error:
        return f"custom_instrument_yaml is not a usable instrument: {error}"
    return None


def _case_check(settings):
    from leergang_xblocks.case import config as case_config
    try:
        sessions = case_config.parse_sessions(settings.get("sessions_yaml", case_config.NEUTRAL_SESSIONS_YAML))
    except AuthoredDataError as error:
        return f"sessions_yaml is not usable: {error}"
    try:
        case_config.parse_case_fields(settings.get("case_fields", case_config.DEFAULT_FIELDS))
    except ValueError as error:
        return f"case_fields names unknown fields: {error}"
    counted = sum(1 for session in sessions if session.counts)
    if settings.get("attendance_required", 5) > counted:
        return f"attendance_required is more than the {counted} sessions that count"
    focus = settings.get("focus_session", 0)
    if focus and focus not in {session.number for session in sessions}:
        return f"focus_session {focus} is not a session of sessions_yaml"
    from leergang_xblocks.case import rubric
    try:
        criteria = rubric.parse(settings.get("paper_rubric", ""))
    except AuthoredDataError as error:
        return f"paper_rubric is not usable: {error}"
    if settings.get("second_reader") and settings.get("reader_rule", "lowest") == "average" and not criteria:
        return "reader_rule average needs a paper_rubric"
    return None


def _case_choices(name):
    def choices():
        from leergang_xblocks.case import config as case_config
        return {"reflection_template": list(case_config.REFLECTION_TEMPLATES),
                "case_mode": ["individual", "team"], "paper_form": list(case_config.PAPER_FORMS),
                "reader_rule": list(case_config.READER_RULES)}[name]
    return choices


def _feedback_round_check(settings):
    """The block's own settings rules (advice in action learning, due dates, group set name)."""
    from leergang_xblocks.feedback_round import rules
    kinds, unknown = rules.parse_prompt_kinds(settings.get("feedback_prompts", ""))
    if unknown:
        return f"feedback_prompts: unknown prompt {unknown[0]}"
    if settings.get("method", rules.METHOD_AIRTIME) == rules.METHOD_AIRTIME and set(kinds) & rules.ADVICE_PROMPTS:
        return "feedback_prompts: the airtime method asks questions only (no suggestion)"
    for name in ("update_due", "feedback_due"):
        try:
            rules.parse_due(settings.get(name, ""))
        except ValueError:
            return f"{name}: write a date as 2026-12-01 or 2026-12-01 17:00"
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,59}$", settings.get("group_set_name", "groepen")):
        return "group_set_name: lower case letters, digits, - and _"
    return None


BLOCK_TYPES = {
    "case": BlockType(
        tag="leergang_case",
        block_class="leergang_xblocks.case.block:CaseBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "intro": Setting("text", max_length=5_000),
            "case_key": Setting("text", required=True, max_length=60),
            "sessions_yaml": Setting("text", xml_node=True, max_length=100_000),
            "case_fields": Setting("text", max_length=500),
            "reflection_template": Setting("choice", choices=_case_choices("reflection_template")),
            "case_mode": Setting("choice", choices=_case_choices("case_mode")),
            "attendance_required": Setting("int", minimum=0, maximum=99),
            "require_paper": Setting("bool"),
            "require_assessment": Setting("bool"),
            "require_presentation": Setting("bool"),
            "scored": Setting("bool"),
            "weight": Setting("int", minimum=0, maximum=1000),
            "show_outcome": Setting("bool"),
            "focus_session": Setting("int", minimum=0, maximum=99),
            "group_page": Setting("bool"),
            "group_set_name": Setting("text", max_length=60),
            "teamset_id": Setting("text", max_length=100),
            "paper_form": Setting("choice", choices=_case_choices("paper_form")),
            "paper_max_mb": Setting("int", minimum=1, maximum=25),
            "paper_rubric": Setting("text", xml_node=True, max_length=20_000),
            "second_reader": Setting("bool"),
            "reader_rule": Setting("choice", choices=_case_choices("reader_rule")),
        },
        check=_case_check,
        scored=True,
        scored_setting="scored",
    ),
    "trust_scan": BlockType(
        tag="leergang_trust_scan",
        block_class="leergang_xblocks.trust_scan.block:TrustScanBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "intro": Setting("text", xml_node=True, max_length=5_000),
            "instrument_key": Setting("choice", choices=lambda: shipped_instrument_keys() + ["custom"]),
            "custom_instrument_yaml": Setting("text", xml_node=True, max_length=100_000),
            "min_cohort_size": Setting("int", minimum=3, maximum=1000),
            "allow_retake": Setting("bool"),
            "series": Setting("text", max_length=60),
            "series_position": Setting("int", minimum=0, maximum=99),
        },
        check=_trust_scan_check,
        series_setting="series",
    ),
    "feedback_round": BlockType(
        tag="leergang_feedback_round",
        block_class="leergang_xblocks.feedback_round.block:FeedbackRoundBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "instructions": Setting("text", xml_node=True, max_length=5_000),
            "round_kind": Setting("choice", choices=lambda: ["report_back", "agree_actions", "both"]),
            "method": Setting("choice", choices=lambda: ["airtime", "incident", "free"]),
            "update_prompt": Setting("text", max_length=300),
            "feedback_prompts": Setting("text", max_length=200),
            "extra_prompt": Setting("text", max_length=300),
            "peers_per_participant": Setting("int", minimum=0, maximum=50),
            "anonymous_feedback": Setting("bool"),
            "update_due": Setting("text", max_length=20),
            "feedback_due": Setting("text", max_length=20),
            "release_after_due": Setting("bool"),
            "round_number": Setting("int", minimum=1, maximum=100),
            "show_roles": Setting("bool"),
            "prefill_from_case": Setting("bool"),
            "use_case_actions": Setting("bool"),
            "case_key": Setting("text", max_length=60),
            "group_set_name": Setting("text", required=True, max_length=60),
            "teamset_id": Setting("text", max_length=100),
        },
        check=_feedback_round_check,
    ),
}

def _dialogue_check(settings):
    """The dilemma's own rules (leergang_xblocks/dialogue/exercise.py), on the settings
    with the block's defaults filled in."""
    from types import SimpleNamespace

    from leergang_xblocks.dialogue import deliberation
    from leergang_xblocks.dialogue.exercise import settings_problems
    defaults = {"kind": "options", "case_nl": "", "case_en": "", "options_nl": "", "options_en": "",
                "variations_nl": "", "variations_en": "", "values_nl": "", "values_en": "", "scope": "cohort",
                "min_positions": 3, "step_reveal": True, "step_respond": True, "step_revote": True,
                "step_minority": False, "step_reflection": True, "purpose": "moral", "step_deliberation": True}
    filled = SimpleNamespace(**{**defaults, **settings})
    problems = settings_problems(filled) + deliberation.settings_problems(filled)
    if problems:
        return "; ".join(f"{name}: {message % params if params else message}" for name, message, params in problems)
    return None


DIALOGUE_TEXT = {"case_nl": 6000, "case_en": 6000, "options_nl": 900, "options_en": 900, "variations_nl": 2500,
                 "variations_en": 2500, "values_nl": 500, "values_en": 500}
BLOCK_TYPES["dialogue"] = BlockType(
    tag="leergang_dialogue",
    block_class="leergang_xblocks.dialogue.block:DialogueBlock",
    settings={
        "display_name": Setting("text", required=True, max_length=200),
        **{name: Setting("text", xml_node=name.startswith("case_"), max_length=length)
           for name, length in DIALOGUE_TEXT.items()},
        "question_nl": Setting("text", max_length=300),
        "question_en": Setting("text", max_length=300),
        "kind": Setting("choice", choices=lambda: ["options", "scale"]),
        "scope": Setting("choice", choices=lambda: ["group", "cohort"]),
        "group_set_name": Setting("text", max_length=60),
        "teamset_id": Setting("text", max_length=100),
        "min_positions": Setting("int", minimum=2, maximum=1000),
        "anonymous": Setting("bool"),
        **{f"step_{name}": Setting("bool") for name in ("reveal", "respond", "revote", "minority", "reflection",
                                                        "deliberation")},
        "purpose": Setting("choice", choices=lambda: ["moral", "decision"]),
    },
    check=_dialogue_check,
)

def _session_check(settings):
    """The session block's own rules (leergang_xblocks/sessions/rules.py) on its settings."""
    from leergang_xblocks.core.authored_yaml import AuthoredDataError as SessionYamlError
    from leergang_xblocks.sessions import rules
    if settings.get("mode", "evaluation") in ("evaluation", "both"):
        try:
            rules.parse_scale_questions(settings.get("scale_questions", rules.DEFAULT_SCALE_QUESTIONS))
        except SessionYamlError as exc:
            return "scale_questions: " + "; ".join(exc.texts())
    for name in ("evaluation_closes", "questions_close"):
        try:
            rules.closing_moment(settings.get(name, ""), None)
        except ValueError:
            return f"{name}: must be a date as YYYY-MM-DD"
    return None


BLOCK_TYPES["session"] = BlockType(
    tag="leergang_session",
    block_class="leergang_xblocks.sessions.block:SessionBlock",
    settings={
        "display_name": Setting("text", required=True, max_length=200),
        "intro": Setting("text", max_length=2_000),
        "mode": Setting("choice", choices=lambda: ["evaluation", "questions", "both"]),
        "scale_questions": Setting("text", xml_node=True, max_length=5_000),
        "open_question_nl": Setting("text", max_length=300),
        "open_question_en": Setting("text", max_length=300),
        "min_respondents": Setting("int", minimum=3, maximum=1000),
        "evaluation_closes": Setting("text", max_length=10),
        "speaker": Setting("text", max_length=300),
        "questions_close": Setting("text", max_length=10),
    },
    check=_session_check,
)

BLOCK_TYPES["programme"] = BlockType(
    tag="leergang_programme",
    block_class="leergang_xblocks.programme.block:ProgrammeBlock",
    settings={"display_name": Setting("text", required=True, max_length=200)},
    audience="staff",          # a staff tool: participants would see only a refusal
)

BLOCK_TYPES["my_programme"] = BlockType(
    tag="leergang_my_programme",
    block_class="leergang_xblocks.my_programme.block:MyProgrammeBlock",
    settings={"display_name": Setting("text", required=True, max_length=200),
              "intro": Setting("text", max_length=2_000)},
    audience="participants",   # the participant's own journey: hidden from them it is useless
)

COURSE_KEYS = {"org", "number", "run", "display_name", "provider", "language", "seeds", "overview", "short_description",
               "start", "end", "enrollment_start", "enrollment_end", "max_participants", "image", "award",
               "discussion_topics"}
REQUIRED_COURSE_KEYS = ("display_name", "overview", "short_description", "start", "end", "enrollment_start", "enrollment_end",
                        "image", "award")
IMAGE_KEYS = {"background", "accent"}
AWARD_KEYS = {"kind", "name", "statement", "unit", "rule", "cites"}
AWARD_KINDS = ("diploma", "none")
CHAPTER_KEYS = {"title", "url_name", "units"}
UNIT_KEYS = {"title", "url_name", "html", "placeholder_for", "blocks", "staff_only"}
# A unit only course staff see is marked on its vertical in the OLX, as Studio exports
# "Hide from learners": `visible_to_staff_only` is a Scope.settings Boolean of every
# block (openedx/edx-platform xmodule/modulestore/inheritance.py, InheritableFieldsMixin,
# commit 0600ce7d3c181c392294bfb54fdb92af224f1de9), and settings are attributes in OLX.
STAFF_ONLY_ATTRIBUTE = "visible_to_staff_only"
BLOCK_KEYS = {"type", "url_name", "settings"}


# --- Loading and checking --------------------------------------------------------------

def outline_paths():
    return sorted(HERE.glob("*.yaml"))


def load_outline(path):
    """Parse and check an outline. Returns plain data with every url_name filled in;
    any problem is an AuthoredDataError naming the file and the line."""
    path = Path(path)
    try:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise AuthoredDataError("the file is not UTF-8 text") from exc
        doc = load(text)
        return _Checker(doc).outline()
    except AuthoredDataError as error:
        raise AuthoredDataError(f"{path.name}: {error.message}", error.line) from error


COURSE_KEY_HELP = {
    "display_name": "the course's name",
    "overview": "the about page, as HTML",
    "short_description": "one or two sentences of plain text for the course catalogue",
    "start": "the first session's date",
    "end": "the programme's closing day",
    "enrollment_start": "the day enrollment opens",
    "enrollment_end": "the last day to enroll",
    "image": "the course image's colours: {background: '#1f5f8b', accent: '#f2b134'}",
    "award": "what the programme awards: {kind: diploma, name, statement, unit} or {kind: none, statement}",
}


class _Checker:
    def __init__(self, doc):
        self.doc = doc
        self.used = set()      # url_names in this course
        self.series = {}       # (block type, series) -> [path of each block]
        self.timetable = None  # the outline's timetable (sample_courses/timetable.py), once checked

    def fail(self, message, *path):
        """Refuse the outline. As for instruments, the message starts with where
        (course.award.unit: ..., chapters[6].units[0].html: ...); the error carries the line."""
        raise AuthoredDataError(message, self.doc.line(*path), path=path)

    def keys(self, value, allowed, what, *path):
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping (key: value)", *path)
        unknown = sorted(str(k) for k in set(value) - allowed)
        if unknown:
            self.fail(f"unknown {what} key '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}", *path, unknown[0])

    def discussion_topics(self, topics):
        """Course-wide forum topics a unit sends participants to (say, to propose themes)."""
        if not isinstance(topics, list) or not topics:
            self.fail("'discussion_topics' must be a list of topic names", "course", "discussion_topics")
        names = [self.text(t, "discussion_topics", 100, "course", "discussion_topics", i) for i, t in enumerate(topics)]
        defaults = set(DEFAULT_DISCUSSION_TOPIC.values())
        if len(set(names)) != len(names) or defaults & set(names):
            self.fail("'discussion_topics' must name each topic once (and not the default "
                      f"'{' or '.join(sorted(defaults))}')", "course", "discussion_topics")
        return names

    def text(self, value, name, maximum, *path):
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{name}' must be non-empty text", *path)
        if len(value) > maximum:
            self.fail(f"'{name}' may be at most {maximum} characters", *path)
        return value.strip()

    def xml_safe(self, value, path=()):
        """Every text must fit in XML; name the first that does not."""
        if isinstance(value, str):
            bad = NOT_XML.search(value)
            if bad:
                self.fail(f"the text contains a character that XML cannot hold (#x{ord(bad.group()):04x})", *path)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.xml_safe(key, path)
                self.xml_safe(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.xml_safe(item, path + (index,))

    def outline(self):
        data = self.doc.data
        self.xml_safe(data)
        self.keys(data, {"course", "timetable", "chapters"}, "outline")
        for key in ("course", "chapters"):
            if key not in data:
                self.fail(f"an outline needs '{key}'")
        course = self.course(data["course"])
        self.timetable = timetables.check(self, data["timetable"], course["seeds"]) if "timetable" in data else None
        chapters = data["chapters"]
        if not isinstance(chapters, list) or not chapters:
            self.fail("'chapters' must be a non-empty list", "chapters")
        # Explicit url_names first, so a derived one never takes a name an author chose.
        for c, chapter in enumerate(chapters):
            self.keys(chapter, CHAPTER_KEYS, "chapter", "chapters", c)
            if "url_name" in chapter:
                self.claim(chapter["url_name"], ("", SEQUENTIAL_SUFFIX), "chapters", c, "url_name")
            units = chapter.get("units")
            if not isinstance(units, list) or not units:
                self.fail("a chapter needs a non-empty list of units", "chapters", c)
            for u, unit in enumerate(units):
                self.keys(unit, UNIT_KEYS, "unit", "chapters", c, "units", u)
                if "url_name" in unit:
                    self.claim(unit["url_name"], ("", HTML_SUFFIX), "chapters", c, "units", u, "url_name")
                blocks = unit.get("blocks", [])
                if not isinstance(blocks, list):
                    self.fail("'blocks' must be a list", "chapters", c, "units", u, "blocks")
                for b, block in enumerate(blocks):
                    where = ("chapters", c, "units", u, "blocks", b)
                    self.keys(block, BLOCK_KEYS, "block", *where)
                    if "url_name" not in block:
                        self.fail("a block needs a url_name (it keeps learner data when the course is re-imported)",
                                  *where)
                    self.claim(block["url_name"], ("",), *where, "url_name")
        checked = {"course": course, "timetable": self.timetable,
                   "chapters": [self.chapter(ch, c) for c, ch in enumerate(chapters)]}
        self.check_series()
        self.check_award(checked)
        return checked

    def claim(self, url_name, suffixes, *path):
        """Take an author's url_name (and the names built from it) for this course."""
        if not isinstance(url_name, str) or not URL_NAME.match(url_name):
            self.fail("a url_name has 1-60 characters a-z, 0-9 and _", *path)
        names = {url_name + suffix for suffix in suffixes}
        if names & self.used:
            self.fail(f"url_name '{url_name}' is used twice in this course", *path)
        self.used |= names

    def derive(self, title, suffixes):
        """A url_name from a title, for chapters and units that have none."""
        base = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9]+", "_", base).strip("_") or "x"
        while len(base) > 50 and "_" in base:  # whole words, room for a suffix
            base = base.rsplit("_", 1)[0]
        base = base[:50]
        name, n = base, 2
        while {name + suffix for suffix in suffixes} & self.used:
            name, n = f"{base}_{n}", n + 1
        self.used |= {name + suffix for suffix in suffixes}
        return name

    def course(self, course):
        self.keys(course, COURSE_KEYS, "course", "course")
        checked = {}
        for key in ("org", "number", "run"):
            value = course.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not COURSE_ID_PART.match(value):
                self.fail(f"course '{key}' is required and may only hold letters, digits, '.', '_' and '-'",
                          "course", key)
            checked[key] = value
        checked["display_name"] = self.text(course.get("display_name"), "display_name", MAX_TITLE,
                                            "course", "display_name")
        checked["provider"] = self.text(course.get("provider", checked["org"]), "provider", 60, "course", "provider")
        language = course.get("language", "nl")
        if not isinstance(language, str) or not LANGUAGE.match(language):
            self.fail("course 'language' must be a language code such as nl", "course", "language")
        checked["language"] = language
        seeds = course.get("seeds", [])
        if not isinstance(seeds, list) or not all(isinstance(s, str) for s in seeds):
            self.fail("course 'seeds' must be a list of file names", "course", "seeds")
        checked["seeds"] = seeds
        for key in REQUIRED_COURSE_KEYS:
            if key not in course:
                self.fail(f"a course needs '{key}' ({COURSE_KEY_HELP[key]})", "course")
        checked["overview"] = self.html(course["overview"], "course", "overview")
        if not checked["overview"]:
            self.fail("'overview' (the course's about page) may not be empty", "course", "overview")
        checked["short_description"] = " ".join(self.text(
            course["short_description"], "short_description", 500, "course", "short_description").split())
        if "<" in checked["short_description"]:
            self.fail("'short_description' is plain text", "course", "short_description")
        checked.update(self.dates(course))
        if "max_participants" in course:
            places = course["max_participants"]
            if isinstance(places, bool) or not isinstance(places, int) or not 1 <= places <= 100_000:
                self.fail("'max_participants' must be a whole number from 1", "course", "max_participants")
            checked["max_participants"] = places
        if "discussion_topics" in course:
            checked["discussion_topics"] = self.discussion_topics(course["discussion_topics"])
        checked["image"] = self.image(course["image"])
        checked["award"] = self.award_shape(course["award"])
        return checked

    def date(self, course, key):
        value = course[key]
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            self.fail(f"course '{key}' must be a date written as 2026-01-13", "course", key)
        return value

    def dates(self, course):
        start, end = self.date(course, "start"), self.date(course, "end")
        opens, closes = self.date(course, "enrollment_start"), self.date(course, "enrollment_end")
        if end <= start:
            self.fail(f"course 'end' ({end}) must come after 'start' ({start})", "course", "end")
        if opens > start:
            self.fail(f"'enrollment_start' ({opens}) must be on or before the course start ({start})",
                      "course", "enrollment_start")
        if closes < opens:
            self.fail(f"'enrollment_end' ({closes}) may not come before 'enrollment_start' ({opens})",
                      "course", "enrollment_end")
        if closes > end:
            self.fail(f"'enrollment_end' ({closes}) may not come after the course end ({end})",
                      "course", "enrollment_end")
        return {"start": start, "end": end, "enrollment_start": opens, "enrollment_end": closes}

    def image(self, image):
        self.keys(image, IMAGE_KEYS, "image", "course", "image")
        colours = {}
        for key in sorted(IMAGE_KEYS):
            value = image.get(key)
            if not isinstance(value, str) or not course_image.COLOUR.match(value):
                self.fail(f"image '{key}' must be a colour written as #1f5f8b", "course", "image", key)
            colours[key] = value.lower()
        if colours["background"] == colours["accent"]:
            self.fail("the image's background and accent must differ", "course", "image", "accent")
        return colours

    def award_shape(self, award):
        """What the programme awards; checked against the units once they are known."""
        self.keys(award, AWARD_KEYS, "award", "course", "award")
        kind = award.get("kind")
        if kind not in AWARD_KINDS:
            self.fail(f"award 'kind' must be one of: {', '.join(AWARD_KINDS)}", "course", "award", "kind")
        statement = self.text(award.get("statement"), "statement", MAX_STATEMENT, "course", "award", "statement")
        if "<" in statement or ">" in statement:
            self.fail("the award statement is plain text (it also goes into the certificate)",
                      "course", "award", "statement")
        checked = {"kind": kind, "statement": " ".join(statement.split())}
        if kind == "diploma":
            checked["name"] = self.text(award.get("name"), "name", 60, "course", "award", "name")
            if "unit" not in award:
                self.fail(f"a diploma needs 'unit': the unit whose {AWARD_BLOCK} carries the rule",
                          "course", "award")
        elif "name" in award:
            self.fail("an award of kind none has no name", "course", "award", "name")
        if "unit" in award:
            if not isinstance(award["unit"], str) or not URL_NAME.match(award["unit"]):
                self.fail("award 'unit' must be the url_name of a unit", "course", "award", "unit")
            checked["unit"] = award["unit"]
        checked.update(award_rule.check_shape(self, award))
        return checked

    def check_award(self, checked):
        """The award, the graded blocks and the course texts must tell one story."""
        award = checked["course"]["award"]
        units = {u["url_name"]: (c, i, u) for c, ch in enumerate(checked["chapters"])
                 for i, u in enumerate(ch["units"])}
        scored = [(c, i, b) for c, i, u in units.values() for b, block in enumerate(u["blocks"])
                  if BLOCK_TYPES[block["type"]].scores(block)]
        for where, text in self.texts(checked):
            if AWARD_WORDS.search(text):
                self.fail("only course.award.statement may speak of a diploma or certificate: the builder "
                          "puts that statement in the about page, the certificate and the award unit, "
                          "so they always say the same", *where)
        if "unit" in award and award["unit"] not in units:
            self.fail(f"award 'unit' '{award['unit']}' is not a unit of this course", "course", "award", "unit")
        if award["kind"] == "none":
            if scored:
                c, i, b = scored[0]
                self.fail("this block is scored, but the course awards nothing (award kind none): "
                          "grading stays off", "chapters", c, "units", i, "blocks", b)
            award_rule.check_blocks(self, award, checked["chapters"])
            return
        c, i, unit = units[award["unit"]]
        carriers = [b for b, block in enumerate(unit["blocks"]) if BLOCK_TYPES[block["type"]].tag == AWARD_BLOCK]
        if unit.get("placeholder_for") != AWARD_BLOCK and not carriers:
            self.fail(f"the diploma rule needs the unit '{award['unit']}' to hold {AWARD_BLOCK} "
                      f"(or its placeholder: placeholder_for: {AWARD_BLOCK})", "course", "award", "unit")
        carrying = [(c, i, b) for b in carriers]
        for place in scored:
            if place not in carrying:
                self.fail(f"only the {AWARD_BLOCK} block of the award unit may be scored: another score "
                          "would change who gets the diploma", "chapters", place[0], "units", place[1],
                          "blocks", place[2])
        if len(carriers) > 1:
            self.fail(f"the award unit may hold one {AWARD_BLOCK} block", "chapters", c, "units", i,
                      "blocks", carriers[1])
        if carriers and not BLOCK_TYPES[unit["blocks"][carriers[0]]["type"]].scores(unit["blocks"][carriers[0]]):
            self.fail(f"the {AWARD_BLOCK} block that carries the diploma rule must be scored",
                      "chapters", c, "units", i, "blocks", carriers[0])
        award_rule.check_blocks(self, award, checked["chapters"],
                                unit["blocks"][carriers[0]]["settings"] if carriers else None)

    @staticmethod
    def texts(checked):
        """Every author-written text, with its path in the outline."""
        yield ("course", "overview"), checked["course"]["overview"]
        for c, chapter in enumerate(checked["chapters"]):
            yield ("chapters", c, "title"), chapter["title"]
            for i, unit in enumerate(chapter["units"]):
                yield ("chapters", c, "units", i, "title"), unit["title"]
                yield ("chapters", c, "units", i, "html"), unit["html"]

    def html(self, value, *path):
        if not isinstance(value, str):
            self.fail("HTML must be text", *path)
        if len(value) > MAX_HTML:
            self.fail(f"HTML may be at most {MAX_HTML} characters", *path)
        try:  # well-formed, so the workbench's html_demo and Studio's editor both take it
            etree.fromstring(f"<div>{value}</div>", etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            self.fail(f"the HTML is not well-formed ({exc.msg}); close every tag and write "
                      "characters such as é or a non-breaking space directly, not as &eacute; or &nbsp;", *path)
        return value.strip()

    def chapter(self, chapter, c):
        title = self.text(chapter.get("title"), "title", MAX_TITLE, "chapters", c, "title")
        url_name = chapter.get("url_name") or self.derive(title, ("", SEQUENTIAL_SUFFIX))
        return {
            "title": title,
            "url_name": url_name,
            "units": [self.unit(unit, c, u, url_name) for u, unit in enumerate(chapter["units"])],
        }

    def unit(self, unit, c, u, chapter_url_name):
        where = ("chapters", c, "units", u)
        title = self.text(unit.get("title"), "title", MAX_TITLE, *where, "title")
        checked = {
            "title": title,
            "url_name": unit.get("url_name") or self.derive(f"{chapter_url_name} {title}", ("", HTML_SUFFIX)),
            "html": self.html(unit["html"], *where, "html") if "html" in unit else "",
            "blocks": [self.block(block, where + ("blocks", b)) for b, block in enumerate(unit.get("blocks", []))],
        }
        if not checked["html"] and not checked["blocks"]:
            self.fail("a unit needs html, blocks or both", *where)
        if "staff_only" in unit:
            if not isinstance(unit["staff_only"], bool):
                self.fail("staff_only must be true or false", *where, "staff_only")
            if unit["staff_only"]:
                checked["staff_only"] = True
        for b, block in enumerate(checked["blocks"]):
            audience = BLOCK_TYPES[block["type"]].audience
            if audience == "staff" and not checked.get("staff_only"):
                self.fail(f"a {block['type']} block is for staff: put it in a unit with staff_only: true",
                          *where, "blocks", b)
            if audience == "participants" and checked.get("staff_only"):
                self.fail(f"a {block['type']} block is for participants: not in a staff_only unit",
                          *where, "blocks", b)
        if "placeholder_for" in unit:
            tag = unit["placeholder_for"]
            if tag not in PLACEHOLDER_BLOCKS:
                self.fail(f"placeholder_for must name a planned block: {', '.join(PLACEHOLDER_BLOCKS)}",
                          *where, "placeholder_for")
            if not checked["html"]:
                self.fail("a placeholder needs html: the text that stands in for the block", *where)
            checked["placeholder_for"] = tag
        return checked

    def block(self, block, where):
        kind = block.get("type")
        if not isinstance(kind, str) or kind not in BLOCK_TYPES:
            self.fail(f"unknown block type '{kind}'; known: {', '.join(sorted(BLOCK_TYPES))}", *where, "type")
        block_type = BLOCK_TYPES[kind]
        settings = block.get("settings", {})
        if settings is None:
            settings = {}
        if not isinstance(settings, dict):
            self.fail("'settings' must be a mapping (name: value)", *where, "settings")
        for name, value in settings.items():
            if name not in block_type.settings:
                self.fail(f"'{name}' is not a setting of {kind}; settings: {', '.join(block_type.settings)}",
                          *where, "settings", name)
            problem = block_type.settings[name].problem(value)
            if problem:
                self.fail(f"{kind} setting '{name}' {problem}", *where, "settings", name)
        if kind == timetables.CASE_TYPE:
            settings = timetables.case_settings(self, settings, self.timetable, where)
        problem = block_type.check(settings) if block_type.check else None
        if problem:
            self.fail(problem, *where, "settings")
        if block_type.series_setting and settings.get(block_type.series_setting):
            self.series.setdefault((kind, settings[block_type.series_setting]), []).append(where)
        return {"type": kind, "url_name": block["url_name"], "settings": dict(settings)}

    def check_series(self):
        for (kind, name), places in self.series.items():
            if len(places) < 2:
                setting = BLOCK_TYPES[kind].series_setting
                self.fail(f"{kind} {setting} '{name}' has only one block; give the same {setting} "
                          "to the earlier and the later block", *places[0], "settings", setting)


# --- What the builder adds to the authored texts --------------------------------------

def award_unit(outline):
    """The unit that states the award (and, for a diploma, carries its rule), or None."""
    name = outline["course"]["award"].get("unit")
    return next((u for ch in outline["chapters"] for u in ch["units"] if u["url_name"] == name), None)


def award_active(outline):
    """True when the diploma rule is carried by a scored block: grading and the certificate
    are switched on. While the award unit holds the placeholder, they stay off."""
    if outline["course"]["award"]["kind"] != "diploma":
        return False
    return any(BLOCK_TYPES[b["type"]].tag == AWARD_BLOCK and BLOCK_TYPES[b["type"]].scores(b)
               for b in award_unit(outline)["blocks"])


def award_html(outline):
    """The award statement as HTML, the same in the about page and in the award unit."""
    award = outline["course"]["award"]
    title = award.get("name") or AWARD_NONE_TITLE
    parts = [f'<div class="{AWARD_CLASS}"><h3>{_escape(title)}</h3><p>{_escape(award["statement"])}</p>']
    if award["kind"] == "diploma" and not award_active(outline):
        parts.append(f'<p class="{AWARD_CLASS}-pending">{_escape(AWARD_PENDING)}</p>')
    parts.append("</div>")
    return "".join(parts)


def placeholder_note(tag):
    return (f'<p class="{PLACEHOLDER_CLASS}-note"><em>Voorlopige tekst: hier komt {PLACEHOLDER_BLOCKS[tag]} '
            f"({tag}) zodra het beschikbaar is. Tot dan werk je zoals hieronder staat.</em></p>")


def unit_html(outline, unit):
    """A unit's text as the course shows it: a placeholder is marked as one (for participants
    and for tools: data-placeholder-for), and the award unit ends with the award statement."""
    text = unit["html"]
    if unit.get("placeholder_for"):
        tag = unit["placeholder_for"]
        text = (f'<div class="{PLACEHOLDER_CLASS}" data-placeholder-for="{tag}">'
                f"{placeholder_note(tag)}{text}</div>")
    if outline["course"]["award"].get("unit") == unit["url_name"]:
        text += award_html(outline)
    return text


def about_html(outline):
    return outline["course"]["overview"] + award_html(outline)


def placeholders(outline):
    """[(chapter title, unit, block tag)] of every unit that still stands in for a block."""
    return [(ch["title"], u, u["placeholder_for"]) for ch in outline["chapters"] for u in ch["units"]
            if u.get("placeholder_for")]


def _moment(day, end_of_day=False):
    """A date as Open edX stores it (UTC); an end or closing date lasts the whole day."""
    return f"{day.isoformat()}T{'23:59:59' if end_of_day else '00:00:00'}Z"


def discussion_topic_id(name):
    """A stable id for a course-wide forum topic, from its name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "topic_" + re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def course_policy(outline, block_tags):
    course = outline["course"]
    policy = {
        "display_name": course["display_name"],
        "display_organization": course["provider"],
        "language": course["language"],
        "start": _moment(course["start"]),
        "end": _moment(course["end"], end_of_day=True),
        "enrollment_start": _moment(course["enrollment_start"]),
        "enrollment_end": _moment(course["enrollment_end"], end_of_day=True),
        "course_image": course_image.FILE_NAME,
        "banner_image": course_image.FILE_NAME,   # its default names a file the course lacks
        "advanced_modules": sorted(block_tags),  # Studio shows them under Advanced
    }
    if "max_participants" in course:
        policy["max_student_enrollments_allowed"] = course["max_participants"]
    if "discussion_topics" in course:
        # Course-wide topics of the course's forum (the Discussion tab): no component
        # needed. Open edX's default topic stays first.
        policy["discussion_topics"] = {default_discussion_topic(course["language"]): {"id": DEFAULT_TOPIC_ID}, **{
            name: {"id": discussion_topic_id(name)} for name in course["discussion_topics"]}}
    award = course["award"]
    if award["kind"] == "none":
        policy["no_grade"] = True   # "Course Not Graded": nothing to grade, nothing to certify
    else:
        policy.update({
            "cert_name_short": award["name"],
            "cert_name_long": f"{award['name']} {course['display_name']}",
            "certificates_display_behavior": "end",  # the diploma comes on the closing day
            "certificates": {"certificates": [{
                "id": CERTIFICATE_ID, "version": 1, "name": award["name"], "description": award["statement"],
                "course_title": course["display_name"], "signatories": [], "is_active": award_active(outline),
            }]},
        })
    return policy


def grading_policy(outline):
    """A diploma is one assignment type, the award unit's subsection, passed only at 100%:
    the case block scores 1 when the rule is met and 0 otherwise. Until that block is in
    the course the list of graded types is empty, so nobody passes by accident."""
    award = outline["course"]["award"]
    if award["kind"] == "none":
        return {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}
    grader = []
    if award_active(outline):
        grader = [{"type": award["name"], "short_label": award["name"][:4], "min_count": 1,
                   "drop_count": 0, "weight": 1.0}]
    return {"GRADER": grader, "GRADE_CUTOFFS": {"Pass": 1.0}}


# --- OLX ---------------------------------------------------------------------------

def _to_olx(setting, value):
    return json.dumps(value) if setting.kind == "bool" else str(value)


def block_element(block):
    """The OLX element of one leergang block, as the block itself would export it."""
    block_type = BLOCK_TYPES[block["type"]]
    element = etree.Element(block_type.tag, url_name=block["url_name"])
    for name, value in block["settings"].items():
        setting = block_type.settings[name]
        if setting.xml_node:
            if value:
                child = etree.SubElement(element, etree.QName(OPTION_NS, name), nsmap={"option": OPTION_NS})
                child.text = value
        else:
            element.set(name, _to_olx(setting, value))
    return element


def _write(path, element):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, pretty_print=True, encoding="utf-8", xml_declaration=False))


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def build_course(outline, out_dir):
    """Write one course's OLX under out_dir/<number>/ and <number>.tar.gz beside it;
    return the archive's path. `outline` is what load_outline returns."""
    course = outline["course"]
    run = course["run"]
    out_dir = Path(out_dir)
    root = out_dir / course["number"]
    if (root / "course.xml").exists():  # a previous build: start clean, so nothing stale is archived
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)

    _write(root / "course.xml", etree.Element("course", url_name=run, org=course["org"], course=course["number"]))
    course_el = etree.Element("course", display_name=course["display_name"], language=course["language"])
    block_tags = set()
    graded = award_active(outline) and award_unit(outline)["url_name"]
    for chapter in outline["chapters"]:
        etree.SubElement(course_el, "chapter", url_name=chapter["url_name"])
        chapter_el = etree.Element("chapter", display_name=chapter["title"])
        # One sequential (subsection) per session: the session is what a participant navigates by.
        sequential_name = chapter["url_name"] + SEQUENTIAL_SUFFIX
        etree.SubElement(chapter_el, "sequential", url_name=sequential_name)
        _write(root / "chapter" / f"{chapter['url_name']}.xml", chapter_el)
        sequential_el = etree.Element("sequential", display_name=chapter["title"])
        if graded in [u["url_name"] for u in chapter["units"]]:
            # The award's subsection is the one graded assignment (grading_policy).
            sequential_el.set("graded", "true")
            sequential_el.set("format", course["award"]["name"])
        for unit in chapter["units"]:
            etree.SubElement(sequential_el, "vertical", url_name=unit["url_name"])
            vertical_el = etree.Element("vertical", display_name=unit["title"])
            if unit.get("staff_only"):
                vertical_el.set(STAFF_ONLY_ATTRIBUTE, "true")
            if unit["html"]:
                html_name = unit["url_name"] + HTML_SUFFIX
                etree.SubElement(vertical_el, "html", url_name=html_name)
                _write(root / "html" / f"{html_name}.xml",
                       etree.Element("html", filename=html_name, display_name=unit["title"]))
                (root / "html" / f"{html_name}.html").write_text(unit_html(outline, unit) + "\n", "utf-8")
            for block in unit["blocks"]:
                vertical_el.append(block_element(block))
                block_tags.add(BLOCK_TYPES[block["type"]].tag)
            _write(root / "vertical" / f"{unit['url_name']}.xml", vertical_el)
        _write(root / "sequential" / f"{sequential_name}.xml", sequential_el)
    _write(root / "course" / f"{run}.xml", course_el)

    _write_json(root / "policies" / run / "policy.json", {f"course/{run}": course_policy(outline, block_tags)})
    _write_json(root / "policies" / run / "grading_policy.json", grading_policy(outline))
    image = course["image"]
    (root / "static").mkdir()
    (root / "static" / course_image.FILE_NAME).write_bytes(
        course_image.course_image_png(course["number"], image["background"], image["accent"]))
    # Studio's import reads an asset's type and lock from here (xml_importer, import_static_content).
    _write_json(root / "policies" / "assets.json", {course_image.FILE_NAME: {
        "contentType": "image/png", "displayname": course_image.FILE_NAME, "locked": False}})
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "overview.html").write_text(about_html(outline) + "\n", "utf-8")
    # The catalogue's course card and the about page's summary (Studio: Course Short Description).
    (root / "about" / "short_description.html").write_text(_escape(course["short_description"]) + "\n", "utf-8")

    archive = out_dir / f"{course['number']}.tar.gz"
    _archive(root, archive)
    return archive


def _archive(root, archive):
    """A .tar.gz with one top folder, as Studio's import expects; the same
    outline gives the same bytes (no dates or owners in it)."""
    def tidy(info):
        info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
        info.mode = 0o755 if info.isdir() else 0o644
        return info

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(root, arcname="course", filter=tidy)
    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buffer.getvalue())


def build_all(out_dir=HERE / "build"):
    """Build every outline; return the archives' paths."""
    return [build_course(load_outline(path), out_dir) for path in outline_paths()]


# --- Workbench ---------------------------------------------------------------------

def workbench_scenarios():
    """One workbench scenario per course: a heading per session, the texts and the blocks.
    Returns [(title, xml)]; the demo's index also lists each course's placeholders
    (`placeholders(outline)`), linking to the unit's anchor `#unit-<url_name>`."""
    return [(scenario_title(outline), scenario_xml(outline)) for outline in map(load_outline, outline_paths())]


def scenario_title(outline):
    course = outline["course"]
    return f"Sample course: {course['display_name']} ({course['provider']})"


def scenario_xml(outline):
    page = etree.Element("vertical_demo")
    for chapter in outline["chapters"]:
        heading = etree.SubElement(page, "html_demo")
        etree.SubElement(heading, "h2").text = chapter["title"]
        for unit in chapter["units"]:
            # html_demo fills in $names from its context, so a literal $ is doubled.
            text = (f'<h3 id="unit-{unit["url_name"]}">{_escape(unit["title"])}</h3>'
                    f"{unit_html(outline, unit) if unit['html'] else ''}").replace("$", "$$")
            page.append(etree.fromstring(f"<html_demo>{text}</html_demo>"))
            for block in unit["blocks"]:
                element = block_element(block)
                del element.attrib["url_name"]  # the workbench names blocks itself
                page.append(element)
    return etree.tostring(page, encoding="unicode")


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "build"), help="output folder (default: sample_courses/build)")
    args = parser.parse_args(argv)
    try:
        archives = build_all(args.out)
    except AuthoredDataError as error:  # "name.yaml: problem" -> "name.yaml:12: problem"
        name, _, problem = error.message.partition(": ")
        print(f"{name}:{error.line or '?'}: {problem}", file=sys.stderr)
        return 1
    for archive in archives:
        print(archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
