"""Records that belong to the participant and the course, not to one block.

Most blocks keep a participant's records under the block's own usage id
(`platform.item_id(block)`), so two copies of a block are two separate
exercises. Some work spans a course: an action-learning case is defined in
the first unit, reported on in every session and finished as a paper at the
end, and an author may place a second copy of the block in a later unit that
shows that session's step of *the same* case. Such a block keeps its records
under a course-level item id instead, named by the author:

    base = course_item_id("case", self.case_key)       # "leergang:case:<key>"
    RecordStore(self, "leergang_case", item_id=base)    # core/storage.py, as is
    PrivateState(self, "leergang_case_private", item_id=base)
    CourseGroupRecords(self, "leergang_case_team", base)

Every block of the course with the same key then reads and writes the same
rows. Two more things follow from that, and this module provides both:

- `course_write(block, identity, base)`: the per-participant serialised step
  of `storage.participant_write` locks a row of *this block*; two blocks
  sharing a course-level item would each hold their own lock. Handlers that
  write course-level records take this second lock, on the course-level item,
  inside the first (always in that order, so two requests never wait for
  each other the other way round).
- `CourseGroupRecords`: `group_records.GroupRecords` with the course-level
  item id in place of the block's usage id, so a team's records are shared by
  every block with the same key too.

Nothing here changes how existing blocks store or lock anything.
"""
import contextlib

from ..stores.api import locks
from . import platform
from .group_records import GroupRecords

MAX_KEY = 60


def course_item_id(kind, key):
    """The item id of course-level records of one kind ('case') and one author-chosen key."""
    return f"leergang:{kind}:{key}"


@contextlib.contextmanager
def course_write(block, identity, base):
    """Serialise one participant's writes to the course-level item `base`.

    Call inside a `writes=True` handler (already in `storage.participant_write`'s
    transaction). Holds the lock (course, "course:<base>", anonymous id) of
    the one lock facility (stores.api.locks) until that transaction ends.
    """
    if not identity.anonymous_id:
        raise ValueError("only a signed-in participant can write")
    with locks.held(platform.course_id(block), "course:" + base, identity.anonymous_id):
        yield


class CourseGroupRecords(GroupRecords):
    """Group-scoped records under a course-level item id (see the module docstring).

    Everything else, above all `visible_group()` (who may read which group),
    is GroupRecords' own.
    """

    def __init__(self, block, item_type, base, source=None):
        super().__init__(block, item_type, source=source)
        self.block_item = base

    @classmethod
    def reader(cls, course_id, base, item_type, source=None):
        """For reads by participant or group id where no block is at hand (another
        block's prefill): `own()` and `of_group()` work; `visible_group()` and
        `current_group()` only with a `source` (groups.source_of_group_id)."""
        records = cls.__new__(cls)
        records.block, records.source = None, source
        records.course_id, records.block_item, records.item_type = str(course_id), base, item_type
        return records

    @staticmethod
    def participant_store(course_id, base, item_type):
        return GroupRecords.participant_store(course_id, base, item_type)
