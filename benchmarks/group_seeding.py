"""Bulk data for the small-groups measurements: N participants on a group set's
roster, in groups of four, each with an introduction posted to their group,
written straight into edx-submissions' tables as the blocks would write them."""
from django.utils import timezone
from submissions.models import StudentItem, Submission
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core import platform
from leergang_xblocks.core.group_records import GroupRecords
from leergang_xblocks.core.group_store import ITEM_TYPE_ROSTER, GroupSetStore
from leergang_xblocks.groups.block import INTRODUCTION_ITEM_TYPE


def seed_groups(usage_id, count, prefix, size=4):
    """Returns the student ids, in group order (every `size` consecutive ones share a group)."""
    block = WorkbenchRuntime("seeder").get_block(usage_id)
    store = GroupSetStore(platform.course_id(block), block.group_set_name)
    students = [f"{prefix}{i}" for i in range(count)]
    ids = [platform.workbench_anonymous_id(s) for s in students]
    StudentItem.objects.bulk_create([StudentItem(student_id=aid, course_id=store.course_id, item_id=store.roster_item,
                                                 item_type=ITEM_TYPE_ROSTER) for aid in ids], batch_size=1000)
    items = dict(StudentItem.objects.filter(course_id=store.course_id, item_id=store.roster_item)
                 .values_list("student_id", "pk"))
    Submission.objects.bulk_create([Submission(student_item_id=items[aid], attempt_number=1,
                                               answer={"display_name": s, "username": s})
                                    for s, aid in zip(students, ids)], batch_size=1000)
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
    Submission.objects.bulk_create([Submission(student_item_id=pks[(aid, item)], attempt_number=1, answer=answer,
                                               submitted_at=now) for aid, item, answer in answers], batch_size=1000)
    return students
