"""Bulk data for the feedback-round measurements: N participants in groups of four
(core's group set, as benchmarks/group_seeding.py seeds it), and in every group a
whole round: each member's update, feedback to each peer, a rating of each piece
received and their actions, written straight into edx-submissions' tables as the
block would write them (one group-scoped record per write)."""
from django.utils import timezone
from submissions.models import StudentItem, Submission
from workbench.runtime import WorkbenchRuntime

from benchmarks.group_seeding import forget_records, index_records, seed_groups
from leergang_xblocks.core import platform
from leergang_xblocks.core.group_records import GroupRecords
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.feedback_round.block import ITEM_TYPE
from leergang_xblocks.groups.block import INTRODUCTION_ITEM_TYPE


def seed_rounds(usage_id, count, prefix, size=4):
    """Returns the student ids, in group order (every `size` consecutive ones share a group)."""
    students = seed_groups(usage_id, count, prefix, size)
    block = WorkbenchRuntime("seeder").get_block(usage_id)
    # seed_groups also posts a small-group introduction under this block's group item
    # ids; a feedback round has none, and its records need those item ids.
    introductions = StudentItem.objects.filter(course_id=platform.course_id(block), item_type=INTRODUCTION_ITEM_TYPE,
                                               item_id__startswith=platform.item_id(block) + "#group:")
    Submission.objects.filter(student_item__in=introductions).delete()
    introductions.delete()
    forget_records(platform.course_id(block), INTRODUCTION_ITEM_TYPE, platform.item_id(block) + "#group:")
    groups = GroupSetStore(platform.course_id(block), block.group_set_name).latest().groups
    records = GroupRecords(block, ITEM_TYPE, source=None)
    items, plan = [], []
    for group in groups:
        item_id = records._item_id(group.id)
        stamp = {"group_id": group.id, "group_name": group.name}
        members = [m.anonymous_id for m in group.members]
        for author in members:
            items.append(StudentItem(student_id=author, course_id=records.course_id, item_id=item_id,
                                     item_type=ITEM_TYPE))
            plan.append((author, item_id, {"kind": "update", "text": f"Mijn casus, stand van zaken ({author[-4:]}).",
                                           "from_case": False, "author_name": author, **stamp}))
            for peer in members:
                if peer != author:
                    plan.append((author, item_id, {"kind": "feedback", "to": peer, "author_role": "member",
                                                   "answers": {"clarifying": "Wie is je opdrachtgever?"},
                                                   "author_name": author, **stamp}))
            plan.append((author, item_id, {"kind": "actions", "actions": [{"text": "Gesprek plannen", "due": "2099-01-31"}],
                                           **stamp}))
    StudentItem.objects.bulk_create(items, batch_size=1000)
    pks = {(sid, item): pk for sid, item, pk in StudentItem.objects.filter(
        course_id=records.course_id, item_type=ITEM_TYPE).values_list("student_id", "item_id", "pk")}
    now = timezone.now()
    attempts = {}
    rows = []
    for author, item_id, answer in plan:
        key = (author, item_id)
        attempts[key] = attempts.get(key, 0) + 1
        rows.append(Submission(student_item_id=pks[key], attempt_number=attempts[key], answer=answer, submitted_at=now))
    Submission.objects.bulk_create(rows, batch_size=1000)
    index_records(records.course_id, ITEM_TYPE, rows, [(author, item_id) for author, item_id, _answer in plan])
    return students
