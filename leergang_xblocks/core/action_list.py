"""One action list per participant: the actions in their case, read and added to by
other blocks of the course (a feedback round), one participant at a time.

A participant's case lives under the course-level item `leergang:case:<key>`
(course_records.py; the case tracker's stores.py). Its actions are events in the
participant's own case record (edx-submissions, through RecordStore):

- `entry`           a session's log entry; its `actions` are new actions
- `agreed_actions`  actions agreed in a feedback round (`origin`: the round's
                    usage id, `origin_name`: its title); no session of its own
- `action_status`   one action's status changed (open, done, dropped), with a note

Each action is {"id", "text", "due": "YYYY-MM-DD" or ""}. `fold_actions` turns the
events into the list the case tracker and the rounds show (the case's model.py uses
it too), so both read one list.

Cost: `case_keys` is one indexed query on the participant's own overview rows,
made once per `CaseActions` (a view that asks about a whole group first calls
`know_case_keys` with the group's ids: one query for all of them);
`read` is one `submissions.api` read of the participant's own case record. Neither
ever reads another participant's rows, so a request costs the same in a course of
20 and of 5,000. A block that reads a group member's case (to show what they
shared) pays the same per member: bounded by the group's size.

Writes: `write_step` takes the course-level case lock (course_records.course_write)
and must be entered inside the caller's `participant_write` step (a `writes=True`
handler), the order the case tracker's own handlers take them in; the checks that
decide the write read the record inside that step.
"""
import contextlib
import re
from dataclasses import dataclass, field

from .course_records import CourseGroupRecords, course_item_id, course_write
from .storage import NoteStore, RecordStore

CASE_TYPE = "leergang_case"
TEAM_TYPE = "leergang_case_team"   # a team case's events, per group (the case tracker's stores.py)
SUMMARY_TYPE = "leergang_case_summary"
SUMMARY_SUFFIX = "#summary"
ACTION_STATES = ("open", "done", "dropped")
ACTION_SOURCES = ("entry", "agreed_actions")
CASE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")   # as the case tracker's setting allows


def case_item(key):
    return course_item_id("case", key)



@dataclass(frozen=True)
class CaseEvent:
    kind: str
    data: dict
    author: str
    at: object
    id: str = ""


def _iso(moment):
    return moment.isoformat() if hasattr(moment, "isoformat") else str(moment or "")


def fold_actions(sources, statuses, today):
    """Every action of the events in `sources` (entries and agreed actions, oldest
    first) with its status: the newest event in `statuses` (action id -> events)."""
    found = []
    for event in sources:
        for action in event.data.get("actions", []):
            history = statuses.get(action.get("id"), [])
            status = history[-1].data.get("status") if history else "open"
            due = action.get("due") or ""
            found.append({
                "id": action.get("id"), "text": action.get("text", ""), "due": due,
                "session": event.data.get("session"), "entry": event.id, "author": event.author,
                "origin": event.data.get("origin", "") if event.kind == "agreed_actions" else "",
                "origin_name": event.data.get("origin_name", "") if event.kind == "agreed_actions" else "",
                "status": status, "history": [{"status": h.data.get("status"), "at": _iso(h.at),
                                               "author": h.author, "note": h.data.get("note", "")}
                                              for h in history],
                "overdue": status == "open" and bool(due) and due < today.isoformat(),
                # The newest word on how it goes ("still open: waiting for a date"), if any.
                "note": next((h.data.get("note") for h in reversed(history) if h.data.get("note")), ""),
            })
    return found


@dataclass
class ParticipantCase:
    """What other blocks need of one participant's case: whether it is defined (an
    individual case; a team case keeps its definition in the team's records), whether
    the participant shares it with their group, and its actions."""

    key: str
    events: list = field(default_factory=list)

    @property
    def defined(self):
        return any(e.kind == "definition" for e in self.events)

    @property
    def shared(self):
        shares = [e for e in self.events if e.kind == "share"]
        return bool(shares and shares[-1].data.get("shared"))

    def actions(self, today):
        statuses = {}
        for event in self.events:
            if event.kind == "action_status":
                statuses.setdefault(event.data.get("action"), []).append(event)
        return fold_actions([e for e in self.events if e.kind in ACTION_SOURCES], statuses, today)

    def open_actions(self, today):
        return [a for a in self.actions(today) if a["status"] == "open"]

    def agreed_in(self, origin, author=None):
        """The agreed-actions events of one round (the 'seen' check counts them); of
        one author only when named (a team case: a teammate's save is not the asker's)."""
        return [e for e in self.events if e.kind == "agreed_actions" and e.data.get("origin") == origin
                and (author is None or e.author == author)]


class CaseActions:
    """The course-level lookup of one participant's case, for a block that is not
    the case tracker. `key`: the case key, or "" to find the participant's case
    from their own overview rows."""

    def __init__(self, course_id, key=""):
        self.course_id = str(course_id)
        self.key = key
        self._keys = {}  # anonymous id -> case keys, as read by this lookup (one request's)

    def _overviews(self):
        return NoteStore(None, SUMMARY_TYPE, item_id=case_item(""), course_id=self.course_id,
                         read_prefix=case_item(""))

    @staticmethod
    def _keys_in(items):
        prefix = case_item("")
        return [item[len(prefix):-len(SUMMARY_SUFFIX)] for item in items if item.endswith(SUMMARY_SUFFIX)]

    def know_case_keys(self, anonymous_ids):
        """Read the case keys of a few participants (a group) in one query, for the
        `case_keys` calls that follow on this lookup."""
        wanted = [aid for aid in dict.fromkeys(anonymous_ids) if aid and aid not in self._keys]
        if self.key or not wanted:
            return
        for aid, items in self._overviews().items_of_each(wanted).items():
            self._keys[aid] = self._keys_in(items)

    def case_keys(self, anonymous_id):
        """The case keys this participant has written in (one query on their own rows,
        once per lookup)."""
        if self.key:
            return [self.key]
        if anonymous_id not in self._keys:
            self._keys[anonymous_id] = self._keys_in(self._overviews().items(anonymous_id))
        return list(self._keys[anonymous_id])

    def _store(self, key):
        return RecordStore(None, CASE_TYPE, item_id=case_item(key), course_id=self.course_id)

    def own_key(self, anonymous_id):
        """The key of the case `read` reads for this participant, or "" when they have
        none: with several case keys and none named, the default key "case" wins, else
        the first in alphabetical order, the same answer on every request. A writer
        takes this case's lock before its one read (feedback_round/case_link.py)."""
        keys = self.case_keys(anonymous_id) if anonymous_id else []
        if not keys:
            return ""
        return "case" if "case" in keys else sorted(keys)[0]

    def read(self, anonymous_id):
        """This participant's case (ParticipantCase), or None when they have none
        (the case under `own_key`)."""
        key = self.own_key(anonymous_id)
        if not key:
            return None
        events = [CaseEvent(r.data.get("kind", ""), r.data, anonymous_id, r.submitted_at, r.data.get("id", ""))
                  for r in self._store(key).history(anonymous_id) if isinstance(r.data, dict)]
        return ParticipantCase(key, events) if events else None

    @contextlib.contextmanager
    def write_step(self, block, identity, key):
        """The course-level case lock; enter it inside `participant_write`."""
        with course_write(block, identity, case_item(key)):
            yield

    def append(self, anonymous_id, key, data):
        """Add one event to the participant's case record (inside `write_step`)."""
        return self._store(key).append(anonymous_id, data, None)

    @staticmethod
    def with_appended(case, written):
        """`case` (as read inside the write step) with the record `append` just wrote:
        the case as a read now would give it, without reading it again."""
        data = written.data
        return ParticipantCase(case.key, [*case.events, CaseEvent(data.get("kind", ""), data, written.anonymous_id,
                                                                   written.submitted_at, data.get("id", ""))])

    def team_events(self, key, group):
        """A team case's events (the group's records under the case's course-level
        item, as the case tracker writes them): one query, bounded by the group."""
        rows = CourseGroupRecords.reader(self.course_id, case_item(key), TEAM_TYPE).of_group(group)
        return [CaseEvent(r.data.get("kind", ""), r.data, r.author_id, r.submitted_at, r.data.get("id", ""))
                for r in rows if isinstance(r.data, dict)]
