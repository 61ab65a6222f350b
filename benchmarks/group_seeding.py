"""Bulk data for the small-groups measurements: N participants on a group set's
roster, in groups of four, each with an introduction posted to their group,
written straight into the tables (edx-submissions' for the introductions, the
stores app's for the roster, names and the group record index) as the blocks
would write them, in bulk."""
from django.utils import timezone
from submissions.models import StudentItem, Submission
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_records import GroupRecords
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.groups.block import INTRODUCTION_ITEM_TYPE
from leergang_xblocks.stores.models import GroupRecordRef, Participant, RosterEntry


def seed_groups(usage_id, count, prefix, size=4):
    """Returns the student ids, in group order (every `size` consecutive ones share a group)."""
    block = WorkbenchRuntime("seeder").get_block(usage_id)
    store = GroupSetStore(platform.course_id(block), block.group_set_name)
    students = [f"{prefix}{i}" for i in range(count)]
    ids = [platform.workbench_anonymous_id(s) for s in students]
    Participant.objects.bulk_create([Participant(course_id=store.course_id, anonymous_id=aid, username=s, full_name=s)
                                     for s, aid in zip(students, ids)], batch_size=1000)
    RosterEntry.objects.bulk_create([RosterEntry(course_id=store.course_id, set_name=store.set_name, anonymous_id=aid)
                                     for aid in ids], batch_size=1000)
    latest = store.latest()
    spec = [{"key": f"g{latest.next_key + n}", "name": f"Groep {n + 1}", "members": ids[start:start + size]}
            for n, start in enumerate(range(0, count, size))]
    version = store.save(latest.version, spec, dict(zip(ids, students)), dict(zip(ids, students)), "seeder")
    records = GroupRecords(block, INTRODUCTION_ITEM_TYPE, source=None)
    record_items, answers = [], []
    for group in version.groups:
        for member in group.members:
            record_items.append(StudentItem(student_id=member.anonymous_id, course_id=records.course_id,
                                            item_id=records._item_id(group.id), item_type=INTRODUCTION_ITEM_TYPE))
            answers.append((member.anonymous_id, records._item_id(group.id),
                            {"text": f"Ik ben {member.display_name}.", "author_name": member.display_name,
                             "group_id": group.id, "group_name": group.name}))
    StudentItem.objects.bulk_create(record_items, batch_size=1000)
    pks = {(sid, item): pk for sid, item, pk in StudentItem.objects.filter(
        course_id=records.course_id, item_type=INTRODUCTION_ITEM_TYPE).values_list("student_id", "item_id", "pk")}
    now = timezone.now()
    rows = [Submission(student_item_id=pks[(aid, item)], attempt_number=1, answer=answer, submitted_at=now)
            for aid, item, answer in answers]
    Submission.objects.bulk_create(rows, batch_size=1000)
    index_records(records.course_id, INTRODUCTION_ITEM_TYPE, rows, [(aid, item) for aid, item, _answer in answers])
    return students


def index_records(course_id, item_type, submissions, authors_and_items):
    """The stores app's index rows of seeded group records (what GroupRecords.append
    writes beside each submission): one per submission, same order."""
    GroupRecordRef.objects.bulk_create(
        [GroupRecordRef(course_id=course_id, item_id=item_id, item_type=item_type, author_id=author,
                        submission_uuid=row.uuid, submitted_at=row.submitted_at, data=row.answer)
         for row, (author, item_id) in zip(submissions, authors_and_items)], batch_size=1000)


def forget_records(course_id, item_type, item_prefix):
    """Remove seeded group records' index rows (a bench that drops the records)."""
    GroupRecordRef.objects.filter(course_id=course_id, item_type=item_type, item_id__startswith=item_prefix).delete()
