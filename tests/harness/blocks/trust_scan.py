"""The trust scan's contract for the reliability and security suites."""
from submissions.models import Submission

from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.workbench import Participant, scenario_usage_ids

INSTRUMENT = "samenwerking_in_de_keten"   # the chain-partner scan: 7 points, retakes allowed


def usage_id():
    return next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)


def _first_item():
    """The instrument's first item key (keys change when an item is rewritten: issue 22)."""
    return shipped_instrument(INSTRUMENT).items[0].key


def answers(value=4):
    return {item.key: value for item in shipped_instrument(INSTRUMENT).items}


def state(usage_id, student_id):
    block = Participant(student_id).block(usage_id)
    anonymous_id = block.identity.anonymous_id
    # Every record of this participant (results, private state, series), and what the block derives from them.
    rows = sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "attempt_number", "answer"), key=repr)
    derived = block._participant(block.identity)
    return (derived.draft_answers, derived.version, derived.results, derived.retaking, derived.reflection,
            block.submitted_result, rows)


LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
# Fresh participants have nothing to retake or reflect on yet: the call gets
# past the guard and is refused by the block's own rule (409).
NEEDS_RESULT = {"learner": 409, "peer": 409, "other_group": 409, "mentor": 409, "staff": 409, "no_user": 403}

CONTRACT = register(BlockContract(
    block_type="leergang_trust_scan",
    block_class=TrustScanBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("save_draft", "POST", lambda c, u: {"answers": {_first_item(): 3}, "version": 0}, LEARNERS_OK,
                    writes=True),
        HandlerSpec("submit", "POST", lambda c, u: {"answers": answers()}, LEARNERS_OK, writes=True),
        HandlerSpec("results", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("start_retake", "POST", lambda c, u: {}, NEEDS_RESULT, writes=True),
        HandlerSpec("save_reflection", "POST", lambda c, u: {"text": "notitie"}, NEEDS_RESULT, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed;
        # tests/workbench/test_reset.py removes a real participant's data.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("staff_report", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"save_reflection": lambda text: {"text": text}},
    authored_text=("display_name", "intro"),
))


# --- Load test ---------------------------------------------------------------------

def journey(index, usage_id):
    """Draft twice, submit, reflect, read; every second participant retakes."""
    from tests.harness.contracts import Step
    items = [item.key for item in shipped_instrument(INSTRUMENT).items]
    first = {key: 1 + (index + n) % 7 for n, key in enumerate(items)}
    steps = [
        Step("save_draft", "POST", {"answers": {items[0]: first[items[0]]}, "version": 0}),
        Step("save_draft", "POST", {"answers": {items[1]: first[items[1]]}, "version": 1}),
        Step("submit", "POST", {"answers": first}),
        Step("results", "GET", ""),
        Step("save_reflection", "POST", {"text": f"reflectie van deelnemer {index}"}),
    ]
    if index % 2 == 0:
        second = {key: 1 + (value + 2) % 7 for key, value in first.items()}
        steps += [Step("start_retake", "POST", {}), Step("submit", "POST", {"answers": second})]
    if index % 10 == 0:
        steps += [Step("staff_report", "GET", "", as_staff=True), Step("export_csv", "GET", "", as_staff=True)]
    return steps


def verify(usage_id, outcomes, report):
    """Every accepted write is stored exactly once with its content; the staff
    aggregates equal a recomputation from the raw records."""
    import json

    from workbench.models import XBlockState

    from leergang_xblocks.core.platform import workbench_anonymous_id
    from leergang_xblocks.core.storage import PRIVATE_SUFFIX
    from leergang_xblocks.stores.models import PrivateStateVersion
    from leergang_xblocks.trust_scan import scoring

    instrument = shipped_instrument(INSTRUMENT)
    problems, lost, checked = [], 0, 0
    latest_scores = {}
    for student_id, steps in outcomes:
        anonymous_id = workbench_anonymous_id(student_id)
        accepted_submits = [s["body"]["answers"] for s in steps if s["handler"] == "submit" and s["status"] == 200]
        rows = list(Submission.objects.filter(student_item__student_id=anonymous_id, student_item__item_id=usage_id)
                    .order_by("attempt_number").values_list("attempt_number", "answer"))
        checked += len(accepted_submits)
        if [answer["answers"] for _, answer in rows] != accepted_submits:
            lost += abs(len(accepted_submits) - len(rows)) or 1
            problems.append(f"{student_id}: {len(accepted_submits)} submits accepted, {len(rows)} stored")
        if [attempt for attempt, _ in rows] != list(range(1, len(rows) + 1)):
            problems.append(f"{student_id}: attempts {[a for a, _ in rows]}")
        if rows:
            latest_scores[anonymous_id] = rows[-1][1]["answers"]
        reflections = [s["body"]["text"] for s in steps if s["handler"] == "save_reflection" and s["status"] == 200]
        private = (PrivateStateVersion.objects.filter(anonymous_id=anonymous_id, item_id=usage_id + PRIVATE_SUFFIX)
                   .order_by("-version").values_list("data", flat=True).first()) or {}
        checked += len(reflections)
        if reflections and private.get("reflection") != reflections[-1]:
            lost += 1
            problems.append(f"{student_id}: reflection not stored")
        state = XBlockState.objects.filter(scope="usage", scope_id=usage_id, user_id=student_id).first()
        copy = json.loads(state.state).get("submitted_result") if state else None
        if rows and (copy or {}).get("answers") != rows[-1][1]["answers"]:
            problems.append(f"{student_id}: the report's copy of the latest result differs from the record")
    # Aggregates: recompute the staff report (fetched after the load) from the raw answers.
    all_latest = {}
    for anonymous_id, attempt, answer in (Submission.objects.filter(student_item__item_id=usage_id)
                                          .order_by("student_item__student_id", "attempt_number")
                                          .values_list("student_item__student_id", "attempt_number", "answer")):
        all_latest[anonymous_id] = answer["answers"]
    if report["responses"] != len(all_latest):
        problems.append(f"staff report counts {report['responses']}, records hold {len(all_latest)}")
    for dimension in report["dimensions"]:
        values = [s.score for s in (scoring.score_answers(instrument, a)[dimension["key"]] for a in all_latest.values())
                  if s.score is not None]
        expected = round(scoring.mean(values), 2) if values else None
        if dimension["mean"] != expected or dimension["n"] != len(values):
            problems.append(f"{dimension['key']}: report {dimension['mean']} (n={dimension['n']}), "
                            f"recomputed {expected} (n={len(values)})")
    problems += _cohort_aggregate_problems(usage_id, instrument)
    return {"checked": checked, "lost": lost, "problems": problems}


def _cohort_aggregate_problems(usage_id, instrument):
    """The participants' cohort comparison is kept as running sums that every
    submit folds in under a lock (trust_scan/cohort.py): after concurrent
    submitters it must equal a recount from every participant's latest record."""
    from leergang_xblocks.trust_scan import cohort

    latest = {}
    for anonymous_id, answer in (Submission.objects.filter(student_item__item_id=usage_id,
                                                           student_item__item_type="leergang_trust_scan")
                                 .order_by("student_item__student_id", "submitted_at", "id")
                                 .values_list("student_item__student_id", "answer")):
        latest[anonymous_id] = answer
    expected = cohort.recount((a["scores"] for a in latest.values() if a["fingerprint"] == instrument.fingerprint),
                              instrument.fingerprint)
    from leergang_xblocks.stores.models import Tally
    kept = (Tally.objects.filter(item_id=cohort.AGGREGATE_PREFIX + usage_id, key=instrument.fingerprint, version__gt=0)
            .values_list("data", flat=True).first())
    if not kept and not latest:
        return []
    if not kept or {"participants": kept["participants"], "sums": kept["sums"]} != expected:
        return [f"cohort aggregate {kept and kept['participants']} participants differs from the recount "
                f"({expected['participants']})"]
    return []


CONTRACT.load_journey = journey
CONTRACT.load_verify = verify


# --- Load test: one participant's overlapping requests ---------------------------------

OVERLAP_KINDS = ("burst", "draft_vs_submit", "two_tabs")
BURST = 10


def overlap_journey(index, usage_id):
    """(kind, stages): the requests of each stage are sent at the same moment.

    burst: a first visit that is a burst of identical submits (double clicks);
    draft_vs_submit: a draft, then the next draft racing the submit (autosave);
    two_tabs: a draft, then two tabs saving a draft with the same version.
    """
    from tests.harness.contracts import Step
    items = [item.key for item in shipped_instrument(INSTRUMENT).items]
    full = {key: 1 + (index + n) % 7 for n, key in enumerate(items)}
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    if kind == "burst":
        return kind, [[Step("submit", "POST", {"answers": full}) for _ in range(BURST)]]
    first = [Step("save_draft", "POST", {"answers": {items[0]: 1 + index % 7}, "version": 0})]
    if kind == "draft_vs_submit":
        return kind, [first, [Step("submit", "POST", {"answers": full}),
                              Step("save_draft", "POST", {"answers": {items[1]: 2}, "version": 1})]]
    return kind, [first, [Step("save_draft", "POST", {"answers": {items[1]: 1 + index % 7}, "version": 1}),
                          Step("save_draft", "POST", {"answers": {items[2]: 1 + index % 5}, "version": 1})]]


def overlap_verify(kind, stages, final):
    """Check one participant after their overlapping requests, through the handlers
    (`final`: the JSON of `results` and `my_data` afterwards).

    duplicates: more records than accepted submits, or an attempt number twice;
    stuck: a record is stored but the results say nothing was submitted;
    lost_drafts: a draft answered 200 that is not in the stored draft;
    unexpected: any answer other than the ones the rules allow.
    """
    verdict = {"duplicates": 0, "stuck": 0, "lost_drafts": 0, "unexpected": 0, "problems": []}
    steps = [step for stage in stages for step in stage]
    stored = final["my_data"]["data"]["stored_records"]
    attempts = [record["attempt"] for record in stored]
    accepted = [s for s in steps if s["handler"] == "submit" and s["status"] == 200]

    def problem(counter, text):
        verdict[counter] += 1
        verdict["problems"].append(f"{kind}: {text}")

    allowed = {("submit", 200), ("submit", 409), ("save_draft", 200), ("save_draft", 409)}
    for step in steps:
        if (step["handler"], step["status"]) not in allowed:
            problem("unexpected", f"{step['handler']} answered {step['status']}")
    if len(stored) != len(accepted) or len(set(attempts)) != len(attempts):
        problem("duplicates", f"{len(accepted)} submits accepted, records {attempts}")
    if kind == "burst" and len(accepted) != 1:
        problem("duplicates", f"{len(accepted)} of {BURST} identical submits accepted")
    if stored and not final["results"].get("submitted"):
        problem("stuck", "a record is stored but the results say nothing was submitted")
    if kind == "two_tabs":
        drafts = [s for s in stages[1] if s["status"] == 200]
        if len(drafts) != 1:
            problem("lost_drafts" if len(drafts) > 1 else "unexpected",
                    f"{len(drafts)} of 2 drafts with one version accepted")
        draft = final["my_data"]["data"].get("draft_answers") or {}
        for step in [stages[0][0]] + drafts:
            if step["status"] == 200 and any(draft.get(k) != v for k, v in step["body"]["answers"].items()):
                problem("lost_drafts", f"acknowledged draft {step['body']['answers']} missing from {draft}")
    return verdict


CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
