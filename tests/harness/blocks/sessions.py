"""The session block's contract for the reliability and security suites.

The suites use the demo's "both" scenario (questions and an evaluation). Endorsing
needs a question someone else posted: the example endorses one that a contract
participant posts first (`_other_question`)."""
from submissions.models import Submission

from leergang_xblocks.core import platform
from leergang_xblocks.sessions.block import SessionBlock
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.sessions import usage_id as session_usage
from tests.support.stores import participant_state
from tests.support.workbench import Participant

LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
ANSWER = {"scales": {"inhoud": 4, "sprekers": 3, "ruimte": 5}, "open": "Meer tijd voor vragen graag."}
AUTHOR = "contract_session_author"


def usage_id():
    return session_usage("speaker")


def _other_question(contract, usage):
    """The id of a question the contract's own author posted (posted once: a repeat is kept once)."""
    answer = Participant(AUTHOR).post(usage, "post_question", {"text": "Hoe houd je de raad erbij?"}).json()
    return next(q["id"] for q in answer["questions"] if q["own"])


def state(usage, student_id):
    return participant_state(student_id)


CONTRACT = register(BlockContract(
    block_type="leergang_session",
    block_class=SessionBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("state", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("answer_evaluation", "POST", lambda c, u: dict(ANSWER), LEARNERS_OK, writes=True),
        HandlerSpec("post_question", "POST", lambda c, u: {"text": "Wat deed u toen de raad twijfelde?"},
                    LEARNERS_OK, writes=True),
        HandlerSpec("endorse_question", "POST", lambda c, u: {"question": _other_question(c, u), "endorse": True},
                    LEARNERS_OK, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("evaluation_results", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("questions_live", "GET", lambda c, u: "view=present", STAFF_ONLY),
        HandlerSpec("hide_question", "POST", lambda c, u: {"question": _other_question(c, u), "hidden": False},
                    STAFF_ONLY, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"post_question": lambda text: {"text": text},
               "answer_evaluation": lambda text: {**ANSWER, "open": text}},
    authored_text=("display_name", "intro", "open_question_nl", "open_question_en", "speaker"),
))


# --- Same-participant overlaps -------------------------------------------------------

OVERLAP_KINDS = ("answer_burst", "two_tabs_answers", "endorse_burst", "question_burst")
BURST = 6


def overlap_setup(base_url, usage, students, token):
    """A question by someone else for the participants to endorse."""
    import json
    import uuid

    import requests
    # A text of its own: the same text again is kept once, as the older question, which
    # after the 200-participant load is no longer among the newest shown (MAX_SHOWN)
    # unless it is among the most endorsed (MAX_MOST_ENDORSED).
    text = f"Een vraag om te steunen ({uuid.uuid4().hex[:6]})"
    response = requests.post(f"{base_url}/handler/{usage}/post_question/?student=overlap_session_author",
                             data=json.dumps({"text": text}), timeout=120,
                             headers={"Content-Type": "application/json", "X-CSRFToken": token,
                                      "Referer": base_url + "/"}, cookies={"csrftoken": token})
    assert response.status_code == 200, response.text[:300]
    OVERLAP_QUESTION[usage] = next(q["id"] for q in response.json()["questions"] if q["own"])


OVERLAP_QUESTION = {}


def overlap_journey(index, usage):
    """(kind, stages), the requests of a stage sent at one moment: one answer sent in a
    burst (double clicks), two tabs sending different answers, a burst of endorsements
    of one question, a burst of one identical question."""
    from tests.harness.contracts import Step
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    if kind == "answer_burst":
        return kind, [[Step("answer_evaluation", "POST", {**ANSWER, "open": f"antwoord {index}"})] * BURST]
    if kind == "two_tabs_answers":
        return kind, [[Step("answer_evaluation", "POST", {**ANSWER, "scales": {**ANSWER["scales"], "inhoud": tab},
                                                          "open": f"tab {tab}"}) for tab in (1, 2)]]
    if kind == "endorse_burst":
        body = {"question": OVERLAP_QUESTION.get(usage, ""), "endorse": True}
        return kind, [[Step("endorse_question", "POST", body)] * BURST]
    return kind, [[Step("post_question", "POST", {"text": f"vraag {index}"})] * BURST]


def overlap_verify(kind, stages, final):
    """Through `my_data` and `state`: a burst of one answer is stored once, two tabs'
    answers are each stored once and the newest is the one shown; a burst of endorsements
    endorses once; a burst of one question posts it once."""
    from tests.harness.overlaps import Verdict, flat

    verdict = Verdict(kind)
    steps = flat(stages)
    data = final["my_data"]["data"]
    if kind == "answer_burst":
        verdict.only(steps, {("answer_evaluation", 200)})
        if len(data["evaluation"]) != 1:
            verdict.problem("duplicates" if data["evaluation"] else "stuck",
                            f"{len(data['evaluation'])} answers stored from one answer sent {BURST} times")
    elif kind == "two_tabs_answers":
        verdict.only(steps, {("answer_evaluation", 200)})
        stored = [a["open"] for a in data["evaluation"]]
        if sorted(stored) != ["tab 1", "tab 2"]:
            verdict.problem("duplicates" if len(stored) > 2 else "stuck", f"stored {stored}")
        shown = (final["state"].get("evaluation") or {}).get("answer") or {}
        if stored and shown.get("open") != stored[-1]:
            verdict.problem("stuck", f"the page shows {shown.get('open')!r}, the newest stored is {stored[-1]!r}")
    elif kind == "endorse_burst":
        verdict.only(steps, {("endorse_question", 200)})
        if len(data["endorsed"]) != 1:
            verdict.problem("duplicates" if data["endorsed"] else "stuck", f"endorsed {data['endorsed']}")
    else:
        verdict.only(steps, {("post_question", 200)})
        if len(data["questions"]) != 1:
            verdict.problem("duplicates" if data["questions"] else "stuck",
                            f"{len(data['questions'])} questions stored from one question sent {BURST} times")
    return verdict.result()


CONTRACT.overlap_setup = overlap_setup
CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
CONTRACT.overlap_reads = ("my_data", "state")


# --- Load test: a cohort answers, changes answers, posts and endorses at once --------------

def load_setup(base_url, usage, students, token):
    overlap_setup(base_url, usage, students, token)   # one question by someone else to endorse


def journey(index, usage):
    """Read, answer, change the answer, post a question, endorse the shared question and
    take the endorsement back on every third participant; staff read the figures."""
    from tests.harness.contracts import Step
    first = {"inhoud": 1 + index % 5, "sprekers": 1 + (index + 1) % 5, "ruimte": 1 + (index + 2) % 5}
    second = {key: 1 + (value % 5) for key, value in first.items()}
    question = OVERLAP_QUESTION.get(usage, "")
    # Every fourth participant posts a question: 50 at 200 participants, so the shared
    # question stays among the newest questions a participant sees and may endorse
    # (questions.MAX_SHOWN); a question pushed out of them is refused with 404, as documented.
    steps = [
        Step("state", "GET", ""),
        Step("answer_evaluation", "POST", {"scales": first, "open": f"eerste {index}"}),
        *([Step("post_question", "POST", {"text": f"vraag van deelnemer {index}"})] if index % 4 == 0 else []),
        Step("endorse_question", "POST", {"question": question, "endorse": True}),
        Step("answer_evaluation", "POST", {"scales": second, "open": f"tweede {index}"}),
        Step("state", "GET", ""),
    ]
    if index % 3 == 0:
        steps.append(Step("endorse_question", "POST", {"question": question, "endorse": False}))
    if index % 8 == 0:
        steps.append(Step("evaluation_results", "GET", "", as_staff=True))
    return steps


def verify(usage, outcomes, report):
    """Every accepted answer and question is stored once; the evaluation's tally equals a
    recount from every participant's newest answer (trust_scan/cohort.py's recount); the
    shared question's endorsements are exactly the participants whose last accepted
    endorse step said so."""
    from leergang_xblocks.sessions import evaluation, questions
    from leergang_xblocks.stores.models import Endorsement, EndorsementCount, Tally
    from leergang_xblocks.trust_scan import cohort

    problems, lost, checked = [], 0, 0
    endorsers = set()
    for student, steps in outcomes:
        anonymous_id = platform.workbench_anonymous_id(student)
        answers = [s["body"]["open"] for s in steps if s["handler"] == "answer_evaluation" and s["status"] == 200]
        stored = list(Submission.objects.filter(student_item__student_id=anonymous_id,
                                                student_item__item_type=evaluation.ANSWER_ITEM_TYPE)
                      .order_by("submitted_at", "id").values_list("answer", flat=True))
        checked += len(answers)
        if [a["open"] for a in stored] != answers:
            lost += max(1, abs(len(answers) - len(stored)))
            problems.append(f"{student}: {len(answers)} answers accepted, {len(stored)} stored")
        posted = [s["body"]["text"] for s in steps if s["handler"] == "post_question" and s["status"] == 200]
        kept = list(Submission.objects.filter(student_item__student_id=anonymous_id,
                                              student_item__item_type=questions.QUESTION_ITEM_TYPE)
                    .values_list("answer", flat=True))
        checked += len(posted)
        if [q["text"] for q in kept] != posted:
            lost += 1
            problems.append(f"{student}: {len(posted)} questions accepted, {len(kept)} stored")
        last = [s["body"]["endorse"] for s in steps if s["handler"] == "endorse_question" and s["status"] == 200]
        if last and last[-1]:
            endorsers.add(anonymous_id)
    # (verify runs in a process of its own, against the server's database: the question id
    # comes from the steps that endorsed it)
    question = next((s["body"]["question"] for _, steps in outcomes for s in steps
                     if s["handler"] == "endorse_question"), "")
    stored_endorsers = set(Endorsement.objects.filter(question_id=question).values_list("anonymous_id", flat=True))
    if stored_endorsers != endorsers:
        problems.append(f"{len(stored_endorsers)} endorsements stored, {len(endorsers)} expected")
    # The count the most-endorsed list reads (stores.api.endorsements) equals the rows.
    counted = EndorsementCount.objects.filter(question_id=question).values_list("endorsements", flat=True).first()
    if (counted or 0) != len(stored_endorsers):
        problems.append(f"the question's count says {counted}, {len(stored_endorsers)} endorsements stored")
    latest = {}
    for student_id, answer in (Submission.objects.filter(student_item__item_id=usage,
                                                         student_item__item_type=evaluation.ANSWER_ITEM_TYPE)
                               .order_by("student_item__student_id", "submitted_at", "id")
                               .values_list("student_item__student_id", "answer")):
        latest[student_id] = answer
    fingerprint = next(iter({a["fingerprint"] for a in latest.values()}), None)
    if fingerprint:
        expected = cohort.recount((a["scales"] for a in latest.values() if a["fingerprint"] == fingerprint),
                                  fingerprint)
        kept = (Tally.objects.filter(item_id=cohort.AGGREGATE_PREFIX + usage, key=fingerprint, version__gt=0)
                .values_list("data", flat=True).first())
        if not kept or {"participants": kept["participants"], "sums": kept["sums"]} != expected:
            problems.append(f"the evaluation tally ({kept and kept['participants']}) differs from the recount "
                            f"({expected['participants']})")
        if report.get("participants") and report["participants"] > len(latest):
            problems.append(f"staff see {report['participants']} participants, {len(latest)} answered")
    return {"checked": checked, "lost": lost, "problems": problems}


CONTRACT.load_setup = load_setup
CONTRACT.load_journey = journey
CONTRACT.load_verify = verify
CONTRACT.report_handler = "evaluation_results"
