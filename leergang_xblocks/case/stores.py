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
            package's own table, not the participant's artefact)
- `summary` one small row per write with what the staff overview shows, so
            the overview reads the newest row per participant, not every event
            (NoteStore too)
- `drafts`  autosaved drafts (core PrivateState, with a version check)
- `group`   group-wide pages: follow-ups of learning wishes, the manifestatie
"""
from ..core import action_list
from ..core.course_records import CourseGroupRecords, course_item_id
from ..core.storage import NoteStore, PrivateState, RecordStore
from .model import as_event

CASE_TYPE = action_list.CASE_TYPE   # one name for the case record (core/action_list.py)
TEAM_TYPE = "leergang_case_team"
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
        self.staff = NoteStore(block, STAFF_TYPE, item_id=self.base + "#staff", course_id=course_id)
        self.summary = NoteStore(block, SUMMARY_TYPE, item_id=self.base + SUMMARY_SUFFIX, course_id=course_id)
        self.drafts = PrivateState(block, PRIVATE_TYPE, item_id=self.base, course_id=course_id)
        self._block = block
        self._source = source

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

    def own_events(self, anonymous_id):
        return [as_event(anonymous_id, r.submitted_at, r.data) for r in self.own.history(anonymous_id)]

    def staff_events(self, anonymous_id):
        return [as_event(r.data.get("by", ""), r.submitted_at, r.data) for r in self.staff.history(anonymous_id)]

    def team_events(self, group):
        return [as_event(r.author_id, r.submitted_at, r.data) for r in self.team().of_group(group)]


def participant_stores(block, course_id):
    """Every store holding a participant's data (for "Delete learner's state")."""
    stores = CaseStores(block, course_id=course_id)
    return [stores.own, stores.staff, stores.summary, stores.drafts,
            CourseGroupRecords.participant_store(course_id, stores.base, TEAM_TYPE),
            CourseGroupRecords.participant_store(course_id, stores.base + "#pages", GROUP_PAGE_TYPE)]
