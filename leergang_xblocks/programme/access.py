"""Who may read the programme overview, and how much of it.

- Course staff read every participant and every column.
- A mentor (core/mentor_store.py: staff assign them to groups in any block's group
  tools) reads the participants of the groups they mentor, and only what the blocks
  already show a mentor of those groups: the case (case/staff.py lets a mentor open a
  mentee's case) and the feedback rounds (a mentor reads their group's round). The
  dilemmas' live view and the trust scan's report are staff's: a mentor's overview
  has no such columns.
- Anyone else: 403, before anything is read.
"""
from dataclasses import dataclass
from typing import Optional

from ..core.handlers import HandlerError
from ..core.i18n import _

STAFF, MENTOR = "staff", "mentor"


@dataclass(frozen=True)
class Reader:
    role: str
    group_ids: Optional[frozenset] = None   # a mentor's groups; None: every group

    @property
    def sees_everything(self):
        return self.role == STAFF


def reader_of(identity, found):
    """The Reader `identity` is, or HandlerError 403. One query for a non-staff
    asker (their own mentor rows), none for staff."""
    if identity.is_staff:
        return Reader(STAFF)
    if not identity.is_authenticated:
        raise HandlerError(403, "not_authenticated", _("Please sign in first."))
    group_block = found.group_block()
    if group_block is not None:
        mentored = group_block.group_source.mentor_store.groups_of(identity.anonymous_id)
        if mentored:
            return Reader(MENTOR, frozenset(mentored))
    raise HandlerError(403, "not_a_mentor", _("You do not mentor a group in this course."))


def visible(overview, reader):
    """The overview as `reader` may see it: a mentor's groups only, without the dilemma
    and trust-scan columns (emptied, and flagged so the views leave them out)."""
    if reader.sees_everything:
        return overview
    overview.participants = [r for r in overview.participants if r["group_id"] in reader.group_ids]
    overview.groups = [g for g in overview.groups if g["id"] in reader.group_ids]
    overview.dialogues, overview.scans = [], []
    for row in overview.participants:
        row["dilemmas"], row["scans_done"], row["scan_first"], row["scan_last"] = [], 0, None, None
    for group in overview.groups:
        group["dilemmas"], group["scans_done"] = 0, 0
    return overview
