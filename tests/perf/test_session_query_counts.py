"""A participant's session requests cost the same at 20 and at 5,000 participants who
all answered the evaluation, posted a question and endorsed one: the same SQL queries,
and no SQLite work that grows with the cohort (benchmarks/cost.py). The list of
questions a participant reads is the newest 200 (sessions/questions.py), the figures
are one tally row (sessions/evaluation.py)."""
import uuid

from django.utils import timezone
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.cost import analyze, measured
from leergang_xblocks.core import platform
from leergang_xblocks.sessions import evaluation, questions, rules
from leergang_xblocks.stores.models import ArtefactCopy, Endorsement  # seeding, as the benchmarks do
from tests.support.workbench import Participant

ANSWER = {"scales": {"inhoud": 4, "sprekers": 3, "ruimte": 5}, "open": "Goed."}


def new_scenario(tag):
    scenario = f"perf.session{tag}.{uuid.uuid4().hex[:6]}"
    get_scenarios()  # the demo's scenarios first
    add_xml_scenario(scenario, f"perf session {tag}", '<leergang_session mode="both" min_respondents="3"/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def seed(usage, count, prefix):
    """`count` participants with an answer, a question and an endorsement each, written
    where the block keeps them (the staff-side copies, the endorsements, the tally)."""
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
    aggregate = evaluation.aggregate(block, fingerprint)
    for aid in ids[:3]:   # a published snapshot, as the answers leave it
        aggregate.update(ANSWER["scales"], None, aid, 3)
    return qids


def costs_at(size, tag):
    scenario, usage = new_scenario(f"{size}{tag}")
    qids = seed(usage, size, prefix=f"sq{size}{tag}_")
    analyze()
    person = Participant(f"sq{size}{tag}_fresh")
    person.page(scenario)   # the workbench's first-visit rows, not the block's cost
    requests = [
        ("page", lambda: person.page(scenario)),
        ("state", lambda: person.get(usage, "state")),
        ("answer", lambda: person.post(usage, "answer_evaluation", ANSWER)),
        ("change answer", lambda: person.post(usage, "answer_evaluation", {**ANSWER, "open": "Anders."})),
        ("post question", lambda: person.post(usage, "post_question", {"text": "Mijn vraag"})),
        ("endorse", lambda: person.post(usage, "endorse_question", {"question": qids[-1], "endorse": True})),
    ]
    found = {}
    for name, call in requests:
        with measured() as cost:
            response = call()
        assert response.status_code == 200, (name, response.content[:300])
        found[name] = dict(cost)
    return found


def test_a_participants_session_requests_do_not_grow_with_the_cohort():
    small, full, large = costs_at(20, "a"), costs_at(2 * questions.MAX_SHOWN, "a"), costs_at(5000, "a")
    queries = {k: v["queries"] for k, v in small.items()}
    assert queries == {k: v["queries"] for k, v in full.items()} == {k: v["queries"] for k, v in large.items()}
    # The work inside SQLite grows with the questions shown (at most MAX_SHOWN) and then
    # stops: compared where the list is full at both sizes.
    small = full
    for name in small:
        assert large[name]["sqlite_instructions"] <= 1.5 * small[name]["sqlite_instructions"] + 2000, (
            name, small[name], large[name])
