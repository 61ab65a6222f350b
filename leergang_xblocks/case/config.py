"""What an author sets up for a case tracker: the programme's sessions, the case
fields asked, the reflection template. Pure data, checked with line numbers.

Sessions are authored as YAML in Studio (docs/authors.md, "Case tracker"
has the format):

    - number: 1
      date: 2021-01-13
      theme: {nl: "Vertrouwen bouwen en behouden", en: "Building and keeping trust"}   # optional
      opens_case: true        # the case is defined from this session on
      log_entry: true         # a log entry is expected for this session (default true)
      counts: true            # counts for the attendance threshold (default true)
    - number: 7
      date: 2021-10-13
      theme: Slotbijeenkomst
      paper: true             # the final paper is due here
      presentation: true      # the presentations are given here
      log_entry: false
      counts: false
"""
import datetime
import functools
import re
from dataclasses import dataclass
from typing import Annotated

from ..core.authored_yaml import AuthoredDataError, load
from ..core.validation import Bool, Int, Invalid, ListOf, Object, Optional, Refuse, Str, before

_ = lambda text: text  # noqa: E731  marks strings for extraction; translated where shown

MAX_SESSIONS = 40
MAX_THEME = 300
CASE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")

# The case fields an author may ask for, in the order they are shown, with
# their labels and prompts. PERSONAL fields stay with the participant in a team
# case (each member keeps their own learning question beside the team's case).
CASE_FIELDS = {
    "title": (_("Title"), _("A short name for your case.")),
    "purpose": (_("Purpose (de bedoeling)"), _("What is this work for, seen from the people it serves?")),
    "problem": (_("Problem statement"), _("What is the problem or question you want to work on?")),
    "context": (_("Context"), _("Where does this play: your organisation, your role, what happened so far.")),
    "stakeholders": (_("Stakeholders"), _("Who is involved or affected, and what matters to them? "
                                          "Describe roles, not named citizens.")),
    "result": (_("Intended result"), _("What should be different at the end of the programme?")),
    "sponsor": (_("Sponsor"), _("Who in your organisation backs this work (a role, not a name, is enough)?")),
    "learning_question": (_("Personal learning question"), _("What do you want to learn yourself while working "
                                                             "on this case?")),
    "learning_wishes": (_("Learning wishes"), _("What do you want to learn in this programme, and what will you "
                                               "do to get there? Your group sees your wishes and can follow "
                                               "them up with you.")),
}
PERSONAL_FIELDS = ("learning_question", "learning_wishes")
DEFAULT_FIELDS = "title, purpose, problem, context, stakeholders, result, sponsor, learning_question"

# Reflection templates: the steps a log entry's "learning" part is asked in.
REFLECTION_TEMPLATES = {
    "korthagen": (_("Korthagen (ALACT)"), [
        ("action", _("Action"), _("What did you do, and what did you want to achieve?")),
        ("looking_back", _("Looking back"), _("What happened? What did you and the others want, think, feel "
                                              "and do?")),
        ("essential", _("Essential aspects"), _("What is the core of it? What does this say about you or the "
                                                "situation?")),
        ("alternatives", _("Alternatives"), _("Which other ways of acting do you see, and what would they "
                                              "bring?")),
        ("trial", _("Trial"), _("What will you try next time?")),
    ]),
    "gibbs": (_("Gibbs"), [
        ("description", _("Description"), _("What happened?")),
        ("feelings", _("Feelings"), _("What did you think and feel?")),
        ("evaluation", _("Evaluation"), _("What went well and what did not?")),
        ("analysis", _("Analysis"), _("What sense can you make of it?")),
        ("conclusion", _("Conclusion"), _("What else could you have done?")),
        ("action_plan", _("Action plan"), _("What will you do if it happens again?")),
    ]),
    "kolb": (_("Kolb"), [
        ("experience", _("Concrete experience"), _("What did you experience?")),
        ("observation", _("Reflective observation"), _("What did you notice when you looked back on it?")),
        ("concepts", _("Abstract conceptualisation"), _("Which ideas or theory help to explain it?")),
        ("experiment", _("Active experimentation"), _("What will you try out in practice?")),
    ]),
    # Theory U's first movements (Scharmer), for a programme built on it (Zet's
    # Samenspel met Lef): observing without judging, sensing from the others' side,
    # then what wants to emerge. The first step describes what happened, so an entry
    # in this template asks nothing twice.
    "u_process": (_("U-process (Theory U)"), [
        ("observing", _("Observing"), _("What did you see and hear, before judging it? Describe it as it was.")),
        ("sensing", _("Sensing"), _("What matters to the others involved, seen from their side? What did you notice "
                                    "in yourself?")),
        ("emerging", _("What wants to emerge"), _("Which possibility is showing itself, and which small step lets "
                                                  "it take shape?")),
    ]),
    "free": (_("Free reflection"), [
        ("reflection", _("Reflection"), _("What did you learn, about the case and about yourself?")),
    ]),
}

# The parts of a log entry written with the free reflection: what happened, then
# the one reflection question. The other templates ask what happened in their own
# first steps (Korthagen's action, Gibbs' description, Kolb's experience), so an
# entry in those has their steps only: one structure per entry, nothing asked twice.
ENTRY_PARTS = [
    ("done", _("What I did since last time")),
    ("effects", _("Effects")),
    ("obstacles", _("Obstacles")),
    ("gained", _("What this session gave me for the case")),
]
TEMPLATES_WITH_PARTS = ("free",)


def entry_parts(template):
    """The parts an entry written with `template` asks for before its reflection steps."""
    return ENTRY_PARTS if template in TEMPLATES_WITH_PARTS else []


@dataclass(frozen=True)
class Session:
    number: int
    date: str            # ISO date or ""
    theme: dict          # {"nl", "en"}; both "" when the session has no theme
    opens_case: bool
    log_entry: bool
    counts: bool
    paper: bool
    presentation: bool

    @property
    def day(self):
        return datetime.date.fromisoformat(self.date) if self.date else None


def _date_text(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, str):
        if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise Refuse(_("must be a date written as YYYY-MM-DD"))
        if value:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise Refuse(_("must be a date written as YYYY-MM-DD")) from None
        return value
    raise Refuse(_("must be a date written as YYYY-MM-DD"))


NO_THEME = {"nl": "", "en": ""}


def _both_languages(value):
    """A theme as {"nl", "en"}: one text serves both; none (or blank) is a session without a theme."""
    if value is None:
        return dict(NO_THEME)
    if isinstance(value, str):
        return {"nl": value, "en": value}
    if isinstance(value, dict):
        return value
    raise Refuse(_("must be a text, or a mapping with 'nl' and 'en'"))


Theme = Annotated[Object({"nl": Str(MAX_THEME), "en": Str(MAX_THEME)}, "Theme").type, before(_both_languages)]

SESSIONS_FORMAT = Object({"sessions": ListOf(Object({
    "number": Int(1, 99),
    "date": Optional(Annotated[str, before(_date_text)], ""),
    "theme": Optional(Theme, None),
    "opens_case": Optional(Bool(), False),
    "log_entry": Optional(Bool(), True),
    "counts": Optional(Bool(), True),
    "paper": Optional(Bool(), False),
    "presentation": Optional(Bool(), False),
}, "Session"), MAX_SESSIONS, min_items=1)}, "Sessions")


def parse_sessions(text):
    """The sessions in `text` (YAML, a list), or AuthoredDataError with every problem and its line."""
    doc = load(text)
    if not isinstance(doc.data, list):
        raise AuthoredDataError(_("the sessions must be a list, one '- number: ...' per session"), 1)
    try:
        data = SESSIONS_FORMAT.check({"sessions": doc.data}, authored=True)["sessions"]
    except Invalid as exc:
        raise AuthoredDataError(None, problems=[doc.problem(p.message, *p.path[1:], **p.params)
                                                for p in exc.problems]) from None
    problems, seen = [], {}
    for index, session in enumerate(data):
        if session["number"] in seen:
            problems.append(doc.problem(_("session number %(number)s is used twice (also in session %(other)s)"),
                                        index, "number", number=session["number"], other=seen[session["number"]]))
        seen.setdefault(session["number"], index + 1)
    dated = [(s["date"], i) for i, s in enumerate(data) if s["date"]]
    for (before_date, _index), (after_date, index) in zip(dated, dated[1:]):
        if after_date < before_date:
            problems.append(doc.problem(_("the dates must follow each other in time"), index, "date"))
    if sum(1 for s in data if s["opens_case"]) > 1:
        problems.append(doc.problem(_("only one session can open the case")))
    if problems:
        raise AuthoredDataError(None, problems=problems)
    return tuple(Session(s["number"], s["date"], s["theme"] or dict(NO_THEME), s["opens_case"], s["log_entry"], s["counts"],
                         s["paper"], s["presentation"]) for s in data)


@functools.lru_cache(maxsize=64)
def sessions_of(text):
    """`parse_sessions`, once per distinct text: a block is built again for every
    request and reads its sessions several times in one, and parsing the YAML
    cost more than the rest of a write. The sessions are frozen; their theme
    dicts are shared between callers and only read."""
    return parse_sessions(text)


def parse_case_fields(text):
    """'title, purpose, ...' -> ['title', 'purpose', ...]; ValueError naming unknown ones."""
    keys = [part.strip() for part in re.split(r"[,\s]+", text or "") if part.strip()]
    unknown = [key for key in keys if key not in CASE_FIELDS]
    if unknown:
        raise ValueError(", ".join(unknown))
    ordered = []
    for key in keys:
        if key not in ordered:
            ordered.append(key)
    return ordered


# What a new case tracker starts with (Studio's "Add component"): six numbered
# sessions, the first opening the case; no dates and no themes, which are the
# programme's own. Never one programme's timetable: a course that sets none would
# show that programme's dates and themes as its own.
NEUTRAL_SESSIONS_YAML = """\
- number: 1
  opens_case: true
- number: 2
- number: 3
- number: 4
- number: 5
- number: 6
"""


# How the final paper is handed in, and what happens when two readers differ
# (case/paper.py, case/rubric.py); here, where the sample courses' builder reads them.
PAPER_FORMS = ("text", "file", "both")
READER_RULES = ("lowest", "average", "third_reader")
