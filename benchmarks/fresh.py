"""New participants for the write rows: each timed write is a participant's first of its
kind. Between samples (untimed) `forget` removes every row the sample's participant
made in the course, so the next sample meets the same empty state and the cohort stays
at its size. Their place on a group set's roster and in a group (seeded) stays:
a group member writes to their group.

Removed: their edx-submissions rows (benchmark clean-up, as benchmarks/seeding.py
writes those tables straight), their workbench field rows, and their rows in the
package's own tables, including the names and roster lines a first write makes.
"""
from submissions.models import StudentItem, Submission
from workbench.models import XBlockState

from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.stores.api import locks, participants
from leergang_xblocks.stores.models import (ArtefactCopy, Flag, GroupRecordRef, Lock, LogEntry, Participant,
                                            ParticipantNote, PrivateStateVersion, RosterEntry)

# Rows about a participant, by the field that holds their anonymous id.
_OWN_ROWS = ((ArtefactCopy, "anonymous_id"), (ParticipantNote, "anonymous_id"), (PrivateStateVersion, "anonymous_id"),
             (GroupRecordRef, "author_id"), (LogEntry, "author"), (Flag, "flagged_by"), (Lock, "key"),
             (Participant, "anonymous_id"))


def forget(course_id, student_ids, roster=False):
    """Remove what `student_ids` (workbench ids) wrote in `course_id`; `roster=True`
    also takes them off every roster of the course (participants no group set knew)."""
    anonymous_ids = [workbench_anonymous_id(s) for s in student_ids]
    items = StudentItem.objects.filter(course_id=course_id, student_id__in=anonymous_ids)
    Submission._objects.filter(student_item__in=items).delete()
    items.delete()
    XBlockState.objects.filter(user_id__in=student_ids).delete()
    for model, field in _OWN_ROWS:
        model.objects.filter(course_id=course_id, **{f"{field}__in": anonymous_ids}).delete()
    if roster:
        RosterEntry.objects.filter(course_id=course_id, anonymous_id__in=anonymous_ids).delete()
    locks.forget_rows()
    participants.forget_noted()

