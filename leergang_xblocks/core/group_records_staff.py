"""Every group's records of one block in one read: for staff views, exports and reports.

`GroupRecords.of_group` reads one group (one query); a staff overview of a
course with thousands of groups would make one query per group. This reads the
block's records of one kind for every group at once (one query on the item id
prefix, which the item id index serves), grouped by the group id stamped on
each record. Staff only: a participant's request never reads other groups.
"""
from submissions.models import Submission

from .group_records import GroupRecord


def all_groups_records(course_id, block_item, item_type):
    """{group id: [GroupRecord, ...] oldest first} for every group of the block."""
    rows = (Submission.objects  # its manager leaves out rows marked deleted
            .filter(student_item__course_id=course_id, student_item__item_type=item_type,
                    student_item__item_id__startswith=f"{block_item}#group:")
            .order_by("submitted_at", "id")
            .values_list("id", "student_item__student_id", "submitted_at", "answer"))
    found = {}
    for pk, author, at, answer in rows.iterator(chunk_size=2000):
        group_id = answer.get("group_id", "") if isinstance(answer, dict) else ""
        found.setdefault(group_id, []).append(GroupRecord(pk, author, group_id, at, answer))
    return found
