"""Every group's records of one block in one read: for staff views, exports and reports.

`GroupRecords.of_group` reads one group; a staff overview of a course with
thousands of groups would make queries per group. This reads the records of one
kind for the whole course at once through ``submissions.api``
(`get_all_course_submission_information`: one streamed query, rows marked
deleted left out), keeps this block's (their item ids start with the block's),
and groups them by the group id stamped on each record; the record ids come
from the package's index in one more query. Staff only: a participant's
request never reads other groups.
"""
from ..stores.api import group_records as index
from .group_records import GroupRecord


def all_groups_records(course_id, block_item, item_type):
    """{group id: [GroupRecord, ...] oldest first} for every group of the block."""
    from submissions import api as submissions_api  # noqa: PLC0415 - loads after Django settings

    prefix = f"{block_item}#group:"
    ids = index.ids_by_uuid(course_id, item_type, prefix)
    rows = []
    for item, submission, _score in submissions_api.get_all_course_submission_information(
            course_id, item_type, read_replica=False):
        record_id = ids.get(str(submission["uuid"]))
        if record_id is None or not item["item_id"].startswith(prefix):
            continue
        answer = submission["answer"]
        group_id = answer.get("group_id", "") if isinstance(answer, dict) else ""
        rows.append(GroupRecord(record_id, item["student_id"], group_id, submission["submitted_at"], answer))
    found = {}
    for record in sorted(rows, key=lambda r: (r.submitted_at, r.id)):
        found.setdefault(record.group_id, []).append(record)
    return found
