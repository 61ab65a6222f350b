"""Where a case's records live.

The case belongs to the participant and the course, not to one block: every
store below sits under the course-level item id `leergang:case:<case key>`
(core/course_records.py), where the case key is a Studio setting ("case" by
default). Every case block in a course with the same key shows the same case;
a second copy placed in a later unit (with a focus session) shows that
session's step of it. Blocks with different keys keep different cases.

- `own`     the participant's events (their case in an individual case; always
            their personal learning question/wishes and their share choice)
- `team`    a team case's events, per group (core's GroupRecords under the
            course-level id): each member's entry is a row of its own, signed,
            so two members writing at the same moment both stay
- `staff`   what staff and mentors record about a participant (attendance,
            presentation given, comments, paper assessments), keyed by the
            participant, so their own read is one query (core NoteStore: the
            package's own table, not the participant's artefact); each write
            also appends the participant's staff summary, which the overviews
            read (case/staff_summary.py)
- `summary` one small row per write with what the staff overview shows, so
            the overview reads the newest row per participant, not every event
            (NoteStore too)
- `drafts`  autosaved drafts (core PrivateState, with a version check)
- `group`   group-wide pages: follow-ups of learning wishes, the manifestatie
"""
from ..core import action_list
from ..core.course_records import CourseGroupRecords, course_item_id
from ..core.storage import NoteStore, PrivateState, RecordStore
from ..stores.api import locks
from .model import as_event
from .staff_summary import STAFF_SUMMARY_SUFFIX, STAFF_SUMMARY_TYPE, StaffNotes

CASE_TYPE = action_list.CASE_TYPE   # one name for the case record (core/action_list.py)
TEAM_TYPE = action_list.TEAM_TYPE
GROUP_PAGE_TYPE = "leergang_case_group"
STAFF_TYPE = "leergang_case_staff"
SUMMARY_TYPE = "leergang_case_summary"
PRIVATE_TYPE = "leergang_case_private"
SUMMARY_SUFFIX = "#summary"


def case_base(case_key):
    return course_item_id("case", case_key)


class CaseStores:
    def __init__(self, block, course_id=None, source=None):
        self.base = case_base(block.case_key)
        self.own = RecordStore(block, CASE_TYPE, item_id=self.base, course_id=course_id)
        staff = NoteStore(block, STAFF_TYPE, item_id=self.base + "#staff", course_id=course_id)
        self.staff = StaffNotes(staff, NoteStore(block, STAFF_SUMMARY_TYPE, item_id=self.base + STAFF_SUMMARY_SUFFIX,
                                                 course_id=course_id),
                                lambda aid: locks.held(staff.course_id, "course:" + self.base, aid),
                                lambda: locks.held(staff.course_id, "course:" + self.base + STAFF_SUMMARY_SUFFIX))
        self.summary = NoteStore(block, SUMMARY_TYPE, item_id=self.base + SUMMARY_SUFFIX, course_id=course_id)
        self.drafts = PrivateState(block, PRIVATE_TYPE, item_id=self.base, course_id=course_id)
        self._block = block
        self._source = source
        self._own = self._staff = self._attempts = None  # see keep_reads

    def team(self):
        return CourseGroupRecords(self._block, TEAM_TYPE, self.base, source=self._source)

    def group_pages(self):
        return CourseGroupRecords(self._block, GROUP_PAGE_TYPE, self.base + "#pages", source=self._source)

    def append_many_staff(self, data_by_participant):
        """One staff record for each participant, in a few bulk statements (a cohort's attendance)."""
        self.staff.append_many(data_by_participant)

    def with_case(self, ids):
        """Those of `ids` who have written in their case (one query on the summary rows)."""
        return self.summary.who_has(ids)

    def with_staff_records(self, ids):
        """Those of `ids` staff have recorded something about (one query)."""
        return self.staff.who_has(ids)

    # --- Reads as events -----------------------------------------------------------------

    def keep_reads(self):
        """In a participant's write step: read their own and staff events once and keep
        them, with the events the step appends (`append_own`), for the case as it is
        after the write. Only the writer appends their own events (their step holds
        their lock), and staff record about them under their course-level case lock,
        which the step holds too. A team's events are read again (a teammate writes
        under their own lock)."""
        self._own, self._staff, self._attempts = {}, {}, {}
        self.drafts = _KeptDrafts(self.drafts)
        return self

    def own_events(self, anonymous_id):
        kept = self._own if self._own is not None else {}
        if anonymous_id not in kept:
            history = self.own.history(anonymous_id)
            kept[anonymous_id] = [as_event(anonymous_id, r.submitted_at, r.data) for r in history]
            if self._attempts is not None:
                self._attempts[anonymous_id] = history[-1].attempt if history else 0
        return list(kept[anonymous_id])

    def append_own(self, anonymous_id, record):
        """Add `record` to the participant's own events (a new row; kept, see `keep_reads`),
        numbered after their newest when the step has read them (as the API would number it)."""
        known = self._attempts.get(anonymous_id) if self._attempts is not None else None
        written = self.own.append(anonymous_id, record, None if known is None else known + 1)
        if self._own is not None and anonymous_id in self._own:
            self._own[anonymous_id].append(as_event(anonymous_id, written.submitted_at, written.data))
            self._attempts[anonymous_id] = written.attempt
        return written

    def staff_events(self, anonymous_id):
        kept = self._staff if self._staff is not None else {}
        if anonymous_id not in kept:
            kept[anonymous_id] = [as_event(r.data.get("by", ""), r.submitted_at, r.data)
                                  for r in self.staff.history(anonymous_id)]
        return list(kept[anonymous_id])

    def team_events(self, group):
        return [as_event(r.author_id, r.submitted_at, r.data) for r in self.team().of_group(group)]


class _KeptDrafts:
    """A write step's drafts (PrivateState): read once, and known after the step writes them."""

    def __init__(self, drafts):
        self._drafts = drafts
        self._kept = {}

    def read(self, anonymous_id):
        if anonymous_id not in self._kept:
            self._kept[anonymous_id] = self._drafts.read(anonymous_id)
        return self._kept[anonymous_id]

    def write(self, anonymous_id, data, version):
        new_version = self._drafts.write(anonymous_id, data, version)
        self._kept[anonymous_id] = (new_version, data)
        return new_version

    def __getattr__(self, name):
        return getattr(self._drafts, name)


def participant_stores(block, course_id):
    """Every store holding a participant's data (for "Delete learner's state")."""
    stores = CaseStores(block, course_id=course_id)
    return [stores.own, stores.staff, stores.summary, stores.drafts,
            CourseGroupRecords.participant_store(course_id, stores.base, TEAM_TYPE),
            CourseGroupRecords.participant_store(course_id, stores.base + "#pages", GROUP_PAGE_TYPE)]
