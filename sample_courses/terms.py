"""The fixed words of a sample-course outline: its keys, the names the builder gives,
the limits it holds an outline to, and the award's wording. Shared by the outline's
check (outline_check.py), the block types (block_types.py), the builder (build.py) and
the exporter (export.py)."""
import re
from pathlib import Path

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

