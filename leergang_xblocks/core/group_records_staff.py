"""Every group's records of one block in one read: for staff views, exports and reports.

`GroupRecords.of_group` reads one group; a staff overview of a course with
thousands of groups would make queries per group, and ``submissions.api``'s
course-wide read serialises each row (about 0.6 ms: 30 s for the 50,000
records of 10,000 participants). This reads the copy of each record kept with
the package's index of group records (written in the same transaction as the
submission): one streamed query, grouped by the group id stamped on each
record. Records cleared or erased are gone from the index too. Staff only: a
participant's request never reads other groups.
"""
from ..stores.api import group_records as index
from .group_records import GroupRecord


def all_groups_records(course_id, block_item, item_type):
    """{group id: [GroupRecord, ...] oldest first} for every group of the block."""
    found = {}
    for record_id, author, at, data in index.of_block(course_id, item_type, f"{block_item}#group:"):
        group_id = data.get("group_id", "") if isinstance(data, dict) else ""
        found.setdefault(group_id, []).append(GroupRecord(record_id, author, group_id, at, data))
    return found
