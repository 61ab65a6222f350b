"""Bulk data for the scaling measurements: N participants of a trust scan, as
the block would have left them: their records in edx-submissions (and series
copies in the package's own table), their own block state in the workbench's store, and the cohort
aggregate that their submits would have folded in."""
import json
import random

from django.utils import timezone
from submissions.models import StudentItem, Submission
from workbench.models import XBlockState

from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.stores.models import ArtefactCopy, Tally
from leergang_xblocks.trust_scan import cohort, scoring


def trust_scan_record(instrument, rng):
    answers = {item.key: rng.randint(0, instrument.points) for item in instrument.items}
    scores = scoring.score_answers(instrument, answers)
    return {"instrument": instrument.key, "fingerprint": instrument.fingerprint, "answers": answers,
            "scores": {k: s.score for k, s in scores.items()}, "submitted_at": timezone.now().isoformat()}


def copy_rows(course_id, item_id, item_type, answers_by_student, at=None):
    """The staff-side copies (stores ArtefactCopy) a block keeps of each record it
    writes: {student_id: [answer, ...]}, attempts numbered from 1."""
    at = at or timezone.now()
    ArtefactCopy.objects.bulk_create(
        [ArtefactCopy(course_id=course_id, item_id=item_id, item_type=item_type, anonymous_id=student,
                      attempt=n + 1, data=answer, submitted_at=at)
         for student, answers in answers_by_student.items() for n, answer in enumerate(answers)], batch_size=2000)


def _bulk_records(course_id, item_id, item_type, answers_by_student):
    """One StudentItem and one Submission per student (and its copy): {student_id: answer}."""
    copy_rows(course_id, item_id, item_type, {student: [answer] for student, answer in answers_by_student.items()})
    StudentItem.objects.bulk_create(
        [StudentItem(student_id=student, course_id=course_id, item_id=item_id, item_type=item_type)
         for student in answers_by_student], batch_size=1000)
    created = StudentItem.objects.filter(course_id=course_id, item_id=item_id,
                                         student_id__in=list(answers_by_student))
    Submission.objects.bulk_create(
        [Submission(student_item=si, attempt_number=1, answer=answers_by_student[si.student_id])
         for si in created], batch_size=1000)


def seed_trust_scan(block, count, prefix, seed=1, user_state=True):
    """Create `count` participants with one result each; returns their results for
    generate_report_data (what each participant's own block state would hold)."""
    rng = random.Random(seed)
    store = block._records()
    instrument = block.instrument
    usage_id = str(block.scope_ids.usage_id)
    records, states = {}, []
    for index in range(count):
        records[workbench_anonymous_id(f"{prefix}{index}")] = trust_scan_record(instrument, rng)
    _bulk_records(store.course_id, store.item_id, store.item_type, records)
    if block.series:
        block._series_records().append_many({
            student: {"block": usage_id, "position": block.series_position, "scores": record["scores"],
                      "submitted_at": record["submitted_at"]} for student, record in records.items()})
    _add_to_cohort_aggregate(block, instrument, records)
    for record in records.values():
        states.append({**record, "attempt": 1})
    if user_state:
        scenario, tag, _ = usage_id.split(".", 2)
        XBlockState.objects.bulk_create([
            XBlockState(scope="usage", scope_id=usage_id, user_id=f"{prefix}{index}", scenario=scenario, tag=tag,
                        state=json.dumps({"results_history": [state], "draft_version": 3}))
            for index, state in enumerate(states)], batch_size=1000)
    return states


def _add_to_cohort_aggregate(block, instrument, records):
    aggregate_rows = cohort.CohortAggregate(block, instrument.fingerprint)
    aggregate = aggregate_rows.current() or cohort.empty_aggregate(instrument.fingerprint)
    for student, record in records.items():
        aggregate = cohort.fold(aggregate, record["scores"], None, student, block.min_cohort_size)
    Tally.objects.update_or_create(course_id=aggregate_rows.course_id, item_id=aggregate_rows.item_id,
                                   key=instrument.fingerprint, defaults={"data": aggregate, "version": 1})


def seeded_scans(sizes, prefix):
    """A trust scan per cohort size, each in a course (scenario) of its own and seeded
    with that many participants; SQLite's statistics refreshed once after all of them
    (benchmarks/cost.analyze). Returns {size: (scenario id, usage id)}. Used by the
    benchmarks and by tests/perf, so both measure the same set-up."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import add_xml_scenario, get_scenarios

    from benchmarks.cost import analyze

    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    scans = {}
    for size in sizes:
        scenario = f"{prefix}.cohort{size}"
        add_xml_scenario(scenario, f"{prefix} cohort {size}",
                         f'<leergang_trust_scan series="{prefix}{size}" series_position="2" allow_retake="true"/>')
        usage_id = str(get_scenarios()[scenario].usage_id)
        seed_trust_scan(WorkbenchRuntime("seeder").get_block(usage_id), size, prefix=f"{prefix}{size}_")
        scans[size] = (scenario, usage_id)
    analyze()
    return scans
