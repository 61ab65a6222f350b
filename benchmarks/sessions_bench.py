"""Sessions: a participant's page, question list, answer, question and endorsement in a
course of 20 and of 5,000 participants who all answered, asked and endorsed (goal: flat,
growth <= 1.5x), each write a new participant's first beside xblock-poll's vote
(goal: <= 1.0x). Called by benchmarks/run.py; tests/perf/test_session_query_counts.py
counts the same requests' queries. The seeding writes where the block keeps its data:
the staff-side copies of answers and questions, the endorsements and the tally."""
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


def measure(timed, repeat, sizes=(20, 5000)):
    rows = {}
    for size in sizes:
        scenario, usage = new_scenario(str(size))
        seed(usage, size, prefix=f"bs{size}_")
        reader = Participant(f"bs{size}_reader")
        run = uuid.uuid4().hex[:6]

        def fresh(i, kind):
            return Participant(f"bs{size}_{kind}{i}_{run}")
        row = rows[size] = {
            "page": timed(lambda i: reader.page(scenario), repeat),
            "state (questions shown)": timed(lambda i: reader.get(usage, "state"), repeat),
            "answer_evaluation": timed(lambda i: fresh(i, "a").post(usage, "answer_evaluation", ANSWER), repeat),
            "post_question": timed(lambda i: fresh(i, "q").post(usage, "post_question", {"text": f"vraag {i}"}),
                                   repeat),
        }
        # A participant may endorse only a question they are shown (the newest and the most
        # endorsed): after the timed questions above, most seeded ones no longer are.
        shown = [q["id"] for q in json.loads(reader.get(usage, "state").content)["questions"]]
        row["endorse_question"] = timed(lambda i: fresh(i, "e").post(
            usage, "endorse_question", {"question": shown[i % len(shown)], "endorse": True}), repeat)
    return {"sizes": list(sizes), "rows": rows}


def report(figures):
    return growth_table("Sessions: participant requests", figures, GROWTH_TARGET, writes=WRITES)
