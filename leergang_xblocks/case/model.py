"""A case as its records say: folding append-only events into what is shown.

Nothing about a case is ever updated in place. Every change is a new event:

- case events (the participant's own store, or the team's group records):
  `definition` (a revision of the case fields; the first is kept beside later
  ones), `entry` (a session log entry with new actions), `agreed_actions`
  (actions agreed in a feedback round, core/action_list.py), `action_status` (one
  action's status changed: open, done, dropped), `paper` (a version of the
  final paper), `presentation` (title, date, slides link);
- personal events (always the participant's own): `personal` (their learning
  question and learning wishes), `share` (shared with the group or not);
- staff events (about the participant, written by staff or their group's
  mentor): `attendance`, `presented`, `comment`, `assessment`.

`CaseView` folds them, oldest first; everything here is pure, so the rule, the
carry-over and the revisions are tested without a runtime.
"""
import datetime
import re
from dataclasses import dataclass, field

from ..core.action_list import ACTION_SOURCES, ACTION_STATES, fold_actions  # noqa: F401 (ACTION_STATES: handlers)
from . import rule as rules

WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# How long after a session its entry counts as "due" before it is "overdue".
DUE_DAYS = 7


def word_count(*texts):
    return sum(len(WORD.findall(text or "")) for text in texts)


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict
    author: str
    at: object           # datetime (or ISO text)
    id: str = ""


def as_event(author, at, data):
    return Event(data.get("kind", ""), data, author, at, data.get("id", ""))


@dataclass
class CaseView:
    definitions: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    action_sources: list = field(default_factory=list)   # entries and agreed actions, oldest first
    statuses: dict = field(default_factory=dict)      # action id -> [status events], oldest first
    papers: list = field(default_factory=list)
    presentations: list = field(default_factory=list)
    personal: list = field(default_factory=list)
    share_events: list = field(default_factory=list)
    attendance: dict = field(default_factory=dict)    # session number -> latest attendance event
    presented_events: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    # A paper's readings when a second reader assesses too (case/paper_assessment.py):
    # staff only; the verdict they lead to is an `assessment`.
    readings: list = field(default_factory=list)

    @classmethod
    def fold(cls, case_events=(), personal_events=(), staff_events=()):
        view = cls()
        for event in case_events:
            view._add(event)
        for event in personal_events:
            view._add(event)
        for event in staff_events:
            view._add(event)
        return view

    @classmethod
    def fold_per_participant(cls, rows):
        """{anonymous id: CaseView} of every participant's staff records, from rows of
        (anonymous id, row id, data) oldest first, in one pass: the staff overview's read
        (case/staff.py), without a list of events per participant folded again. The
        events carry no time (`at` None): nothing the overview shows reads it."""
        views = {}
        for anonymous_id, _row_id, data in rows:
            view = views.get(anonymous_id)
            if view is None:
                view = views[anonymous_id] = cls()
            view._add(as_event(data.get("by", ""), None, data))
        return views

    def _add(self, event):
        kind = event.kind
        if kind in ACTION_SOURCES:
            self.action_sources.append(event)
        if kind == "definition":
            self.definitions.append(event)
        elif kind == "entry":
            self.entries.append(event)
        elif kind == "action_status":
            self.statuses.setdefault(event.data.get("action"), []).append(event)
        elif kind == "paper":
            self.papers.append(event)
        elif kind == "presentation":
            self.presentations.append(event)
        elif kind == "personal":
            self.personal.append(event)
        elif kind == "share":
            self.share_events.append(event)
        elif kind == "attendance":
            self.attendance[event.data.get("session")] = event
        elif kind == "presented":
            self.presented_events.append(event)
        elif kind == "comment":
            self.comments.append(event)
        elif kind == "assessment":
            self.assessments.append(event)
        elif kind == "reading":
            self.readings.append(event)

    # --- The case --------------------------------------------------------------------

    @property
    def defined(self):
        return bool(self.definitions)

    @property
    def fields(self):
        return dict(self.definitions[-1].data.get("fields", {})) if self.definitions else {}

    @property
    def first_fields(self):
        return dict(self.definitions[0].data.get("fields", {})) if self.definitions else {}

    @property
    def title(self):
        return self.fields.get("title", "")

    @property
    def personal_fields(self):
        return dict(self.personal[-1].data.get("fields", {})) if self.personal else {}

    @property
    def shared(self):
        return bool(self.share_events and self.share_events[-1].data.get("shared"))

    @property
    def shared_at(self):
        return self.share_events[-1].at if self.shared else None

    def entries_for(self, session):
        return [e for e in self.entries if e.data.get("session") == session]

    def entries_by(self, author, session):
        """How many entries `author` wrote for this session: the version a new entry is
        written against (two tabs or a double click must not store the same entry twice)."""
        return sum(1 for e in self.entries if e.data.get("session") == session and e.author == author)

    @property
    def latest_entry(self):
        return self.entries[-1] if self.entries else None

    # --- Actions and carry-over -----------------------------------------------------------

    def actions(self, today=None):
        """Every action of every entry and of every round that agreed actions, with its
        current status (the newest status event): the one list (core/action_list.py)."""
        return fold_actions(self.action_sources, self.statuses, today or datetime.date.today())

    def open_actions(self, today=None):
        """What carries over to the next entry: every action still open, oldest first."""
        return [a for a in self.actions(today) if a["status"] == "open"]

    def action_ids(self):
        return {a.get("id") for e in self.action_sources for a in e.data.get("actions", [])}

    # --- Paper, presentation, staff records --------------------------------------------------

    @property
    def paper(self):
        return self.papers[-1] if self.papers else None

    @property
    def paper_assessment(self):
        """The newest assessment of the newest paper version, or None."""
        paper = self.paper
        if paper is None:
            return None
        for assessment in reversed(self.assessments):
            if assessment.data.get("paper") == paper.id:
                return assessment
        return None

    def paper_readings(self):
        """Each reader's newest reading of the newest paper version, in the order they first read it."""
        paper = self.paper
        if paper is None:
            return []
        newest = {}
        for reading in self.readings:
            if reading.data.get("paper") == paper.id:
                newest.setdefault(reading.data.get("by", ""), []).append(reading)
        return [events[-1] for events in newest.values()]

    @property
    def paper_status(self):
        if self.paper is None:
            return rules.PAPER_MISSING
        assessment = self.paper_assessment
        if assessment is None:
            return rules.PAPER_SUBMITTED
        return rules.PAPER_SUFFICIENT if assessment.data.get("result") == "sufficient" else rules.PAPER_INSUFFICIENT

    @property
    def presentation(self):
        return self.presentations[-1] if self.presentations else None

    @property
    def presented(self):
        return bool(self.presented_events and self.presented_events[-1].data.get("presented"))

    def attended(self, session_number):
        """True, False, or None when not recorded (no record, or staff set it back to
        "not recorded": the grid's third state stores `present: None`)."""
        event = self.attendance.get(session_number)
        value = None if event is None else event.data.get("present")
        return None if value is None else bool(value)

    # --- Rule and timeline ------------------------------------------------------------------

    def attended_count(self, sessions):
        """How many of the sessions that count for attendance were attended."""
        return sum(1 for s in sessions if s.counts and self.attended(s.number))

    def outcome(self, sessions, case_rule, today=None):
        today = today or datetime.date.today()
        counted = [s for s in sessions if s.counts]
        attended = self.attended_count(sessions)
        # A session without a recorded attendance may still be recorded as attended
        # (staff often record after the fact): only recorded absences use up chances.
        left = sum(1 for s in counted if self.attended(s.number) is None)
        last = max((s.day for s in sessions if s.day), default=None)
        over = last is not None and last < today
        return rules.outcome(case_rule, attended, left, self.paper_status, self.presented, over,
                             presentation_recorded=bool(self.presented_events))

    def timeline(self, sessions, today=None):
        """Per session: its entry state (done, due, overdue, missed, upcoming, not expected) and attendance."""
        today = today or datetime.date.today()
        rows = []
        for index, session in enumerate(sessions):
            following = next((s for s in sessions[index + 1:] if s.day), None)
            entries = self.entries_for(session.number)
            if not session.log_entry:
                state = "none"
            elif entries:
                state = "done"
            elif session.day is None:
                state = "open"
            elif session.day > today:
                state = "upcoming"
            elif following is not None and following.day <= today:
                state = "missed"
            elif (today - session.day).days >= DUE_DAYS:
                state = "overdue"
            else:
                state = "due"
            rows.append({"session": session, "state": state, "entries": len(entries),
                         "attended": self.attended(session.number)})
        return rows
