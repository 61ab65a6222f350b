"""Sessions: a participant's page, question list, answer, question and endorsement in a
course of 20 and of 5,000 participants who all answered, asked and endorsed (goal: flat,
growth <= 1.5x), each write a new participant's first beside xblock-poll's vote
(goal: <= 1.0x). Called by benchmarks/run.py; tests/perf/test_session_query_counts.py
counts the same requests' queries. The seeding writes where the block keeps its data:
the staff-side copies of answers and questions, the endorsements and the tally."""
import itertools
import json
import uuid

from django.utils import timezone
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.tables import growth_table
from leergang_xblocks.core import platform
from leergang_xblocks.sessions import evaluation, questions, rules
from leergang_xblocks.stores.models import ArtefactCopy, Endorsement, EndorsementCount  # seeding only, as the other benchmarks do
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
WRITES = ("answer_evaluation", "post_question", "endorse_question")
ANSWER = {"scales": {"inhoud": 4, "sprekers": 3, "ruimte": 5}, "open": "Goed."}


def new_scenario(tag):
    scenario = f"bench.session{tag}.{uuid.uuid4().hex[:6]}"
    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    add_xml_scenario(scenario, f"bench session {tag}", '<leergang_session mode="both" min_respondents="3"/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def seed(usage, count, prefix):
    """`count` participants with an answer, a question and an endorsement each; returns
    the questions' ids."""
    block = WorkbenchRuntime("seeder").get_block(usage)
    answers, asked = evaluation.answers(block), questions.records(block)
    fingerprint = rules.fingerprint(block.scales)
    ids = [platform.workbench_anonymous_id(f"{prefix}{i}") for i in range(count)]
    qids = [uuid.uuid4().hex[:16] for _ in ids]
    now = timezone.now()
    ArtefactCopy.objects.bulk_create(
        [ArtefactCopy(course_id=answers.course_id, item_id=answers.item_id, item_type=answers.item_type,
                      anonymous_id=aid, attempt=1, submitted_at=now,
                      data={"fingerprint": fingerprint, **ANSWER}) for aid in ids]
        + [ArtefactCopy(course_id=asked.course_id, item_id=asked.item_id, item_type=asked.item_type,
                        anonymous_id=aid, attempt=1, submitted_at=now, data={"qid": qid, "text": f"vraag {n}"})
           for n, (aid, qid) in enumerate(zip(ids, qids))], batch_size=2000)
    Endorsement.objects.bulk_create([Endorsement(course_id=asked.course_id, item_id=asked.item_id,
                                                 question_id=qids[(n + 1) % count], anonymous_id=aid)
                                     for n, aid in enumerate(ids)], batch_size=2000)
    # Each question's count, as every endorsement keeps it (stores.api.endorsements).
    EndorsementCount.objects.bulk_create([EndorsementCount(course_id=asked.course_id, item_id=asked.item_id,
                                                           question_id=qid, author_id=aid, endorsements=1)
                                          for aid, qid in zip(ids, qids)], batch_size=2000)
    aggregate = evaluation.aggregate(block, fingerprint)
    for aid in ids[:3]:   # a published snapshot, as the answers leave it
        aggregate.update(ANSWER["scales"], None, aid, 3)
    return qids


def first_writes(usage, reader, prefix):
    """{name: (before, call)}: each call a new participant's first write of its kind (a
    participant of their own per call, so a sample never repeats one). An endorsement is of
    a question the reader is shown now (the newest and the most endorsed): after questions
    posted in earlier samples, most seeded ones no longer are."""
    run, calls = uuid.uuid4().hex[:6], itertools.count()

    def fresh(kind):
        return Participant(f"{prefix}{kind}{next(calls)}_{run}")

    picked = {}

    def pick(i):   # untimed: the question this sample endorses
        shown = [q["id"] for q in json.loads(reader.get(usage, "state").content)["questions"]]
        picked["question"] = shown[i % len(shown)]
    nothing = lambda i: None  # noqa: E731
    return {"answer_evaluation": (nothing, lambda i: fresh("a").post(usage, "answer_evaluation", ANSWER)),
            "post_question": (nothing, lambda i: fresh("q").post(usage, "post_question", {"text": f"vraag {i}"})),
            "endorse_question": (pick, lambda i: fresh("e").post(usage, "endorse_question",
                                                                 {"question": picked["question"], "endorse": True}))}


def measure(timed, repeat, sizes=(20, 5000)):
    rows = {}
    for size in sizes:
        scenario, usage = new_scenario(str(size))
        seed(usage, size, prefix=f"bs{size}_")
        reader = Participant(f"bs{size}_reader")
        row = rows[size] = {
            "page": timed(lambda i: reader.page(scenario), repeat),
            "state (questions shown)": timed(lambda i: reader.get(usage, "state"), repeat),
        }
        for name, (before, call) in first_writes(usage, reader, f"bs{size}_").items():
            row[name] = timed(call, repeat, before=before)
    return {"sizes": list(sizes), "rows": rows}


def report(figures):
    return growth_table("Sessions: participant requests", figures, GROWTH_TARGET, writes=WRITES)
