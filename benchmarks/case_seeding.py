"""Bulk data for the case tracker's scaling measurements: N participants as the
block would have left them after two sessions: a case, two entries with actions,
the summary row of their last write, and staff records (attendance for every
session that counts, the presentation). Used by benchmarks/case_bench.py and
tests/perf/test_case_query_counts.py, so both measure the same set-up."""
import datetime

from django.utils import timezone
from submissions.models import StudentItem, Submission

from benchmarks.seeding import copy_rows
from leergang_xblocks.case.model import CaseView
from leergang_xblocks.case.staff_summary import STAFF_SUMMARY_SUFFIX, STAFF_SUMMARY_TYPE, summary_of
from leergang_xblocks.case.stores import CASE_TYPE, STAFF_TYPE, SUMMARY_TYPE, case_base
from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.stores.models import ParticipantNote


def _rows(course_id, item_id, item_type, answers_by_student):
    """One StudentItem per student and several Submissions each (and their copies): {student_id: [answer, ...]}."""
    copy_rows(course_id, item_id, item_type, answers_by_student, at=timezone.now() - datetime.timedelta(days=30))
    StudentItem.objects.bulk_create(
        [StudentItem(student_id=student, course_id=course_id, item_id=item_id, item_type=item_type)
         for student in answers_by_student], batch_size=1000)
    created = StudentItem.objects.filter(course_id=course_id, item_id=item_id,
                                         student_id__in=list(answers_by_student))
    start = timezone.now() - datetime.timedelta(days=30)
    Submission.objects.bulk_create(
        [Submission(student_item=si, attempt_number=n + 1, answer=answer,
                    submitted_at=start + datetime.timedelta(minutes=n))
         for si in created for n, answer in enumerate(answers_by_student[si.student_id])], batch_size=2000)


def _notes(course_id, item_id, item_type, answers_by_student):
    """Rows kept about each student in the package's own table (staff records, overview rows)."""
    start = timezone.now() - datetime.timedelta(days=30)
    ParticipantNote.objects.bulk_create(
        [ParticipantNote(course_id=course_id, item_id=item_id, item_type=item_type, anonymous_id=student,
                         attempt=n + 1, data=answer, written_at=start + datetime.timedelta(minutes=n))
         for student, answers in answers_by_student.items() for n, answer in enumerate(answers)], batch_size=2000)


def case_events(index):
    return [
        {"kind": "definition", "id": f"d{index}", "fields": {"title": f"Casus {index}", "purpose": "Ruimte",
                                                           "problem": "Te veel regels"}, "revision": 1},
        {"kind": "entry", "id": f"e{index}a", "session": 1, "parts": {},
         "reflection": {"action": "Gesprekken gevoerd", "looking_back": "Ik luisterde"}, "template": "korthagen",
         "actions": [{"id": f"a{index}1", "text": "Teamoverleg", "due": "2026-02-01"},
                     {"id": f"a{index}2", "text": "Wethouder bellen", "due": ""}]},
        {"kind": "entry", "id": f"e{index}b", "session": 2, "parts": {},
         "reflection": {"action": "Overleg gehad"}, "template": "korthagen", "actions": []},
        {"kind": "action_status", "id": f"s{index}", "action": f"a{index}1", "status": "done"},
    ]


def seed_cases(course_id, case_key, count, prefix, sessions=6):
    """`count` participants with a case and two entries; returns their workbench student ids."""
    base = case_base(case_key)
    students = [f"{prefix}{i}" for i in range(count)]
    ids = {workbench_anonymous_id(s): i for i, s in enumerate(students)}
    _rows(course_id, base, CASE_TYPE, {aid: case_events(i) for aid, i in ids.items()})
    _notes(course_id, base + "#summary", SUMMARY_TYPE, {aid: [{
        "kind": "summary", "title": f"Casus {i}", "defined": True, "entries": {"1": 1, "2": 1},
        "last_entry_at": "2026-02-11T10:00:00+00:00", "open_dues": [""], "paper": "", "words": 0,
        "shared": False}] for aid, i in ids.items()})
    staff = {aid: [{"kind": "attendance", "session": n, "present": (i + n) % 7 != 0, "by": "staff", "role": "staff"}
                   for n in range(1, sessions + 1)] + [{"kind": "presented", "presented": i % 3 != 0, "by": "staff"}]
             for aid, i in ids.items()}
    _notes(course_id, base + "#staff", STAFF_TYPE, staff)
    # The staff summary each staff write leaves beside its record (case/staff_summary.py).
    views = CaseView.fold_per_participant((aid, 0, data) for aid, records in staff.items() for data in records)
    _notes(course_id, base + STAFF_SUMMARY_SUFFIX, STAFF_SUMMARY_TYPE,
           {aid: [summary_of(view)] for aid, view in views.items()})
    return students
