"""Bulk data for the scaling measurements: N participants' trust-scan records,
written straight into edx-submissions' tables as the block would write them."""
import random

from django.utils import timezone
from submissions.models import StudentItem, Submission

from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.trust_scan import scoring


def trust_scan_record(instrument, rng):
    answers = {item.key: rng.randint(0, instrument.points) for item in instrument.items}
    scores = scoring.score_answers(instrument, answers)
    return {"instrument": instrument.key, "fingerprint": instrument.fingerprint, "answers": answers,
            "scores": {k: s.score for k, s in scores.items()}, "submitted_at": timezone.now().isoformat()}


def seed_trust_scan(block, count, prefix, seed=1):
    """Create `count` participants with one result each; returns their results for
    generate_report_data (what each participant's own block state would hold)."""
    rng = random.Random(seed)
    store = block._records()
    instrument = block.instrument
    items, records = [], []
    for index in range(count):
        items.append(StudentItem(student_id=workbench_anonymous_id(f"{prefix}{index}"), course_id=store.course_id,
                                 item_id=store.item_id, item_type=store.item_type))
    StudentItem.objects.bulk_create(items, batch_size=1000)
    created = StudentItem.objects.filter(course_id=store.course_id, item_id=store.item_id,
                                         student_id__in=[i.student_id for i in items])
    states = []
    for student_item in created:
        record = trust_scan_record(instrument, rng)
        records.append(Submission(student_item=student_item, attempt_number=1, answer=record))
        states.append({**record, "attempt": 1})
    Submission.objects.bulk_create(records, batch_size=1000)
    return states
