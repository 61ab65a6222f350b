"""A participant's session requests cost the same at 20 and at 5,000 participants who
all answered the evaluation, posted a question and endorsed one: the same SQL queries,
and no SQLite work that grows with the cohort (benchmarks/cost.py). The list of
questions a participant reads is the newest 50 and the 50 most endorsed, from the
endorsement counts' index (sessions/questions.py), the figures are one tally row
(sessions/evaluation.py)."""
from benchmarks.cost import analyze, measured
from benchmarks.sessions_bench import ANSWER, new_scenario, seed
from leergang_xblocks.sessions import questions
from tests.support.workbench import Participant


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


# Queries per request at every size, at most (a warm process cache can save one). Issue 19
# (writes): each write -1 since it reads the participant's own answers or questions from
# the package's copies in one plain query (sessions/evaluation.py own_latest,
# questions.py own), an endorsement -1 more since the list it answers reads no setting
# (views.py questions_html); the page and `state` read edx-submissions as before.
AT_MOST = {"page": 22, "state": 13, "answer": 24, "change answer": 19, "post question": 24, "endorse": 19}


def test_a_participants_session_requests_do_not_grow_with_the_cohort():
    small, full, large = costs_at(20, "a"), costs_at(2 * questions.MAX_SHOWN, "a"), costs_at(5000, "a")
    queries = {k: v["queries"] for k, v in small.items()}
    assert queries == {k: v["queries"] for k, v in full.items()} == {k: v["queries"] for k, v in large.items()}
    assert set(queries) == set(AT_MOST) and all(queries[k] <= AT_MOST[k] for k in queries), queries
    # The work inside SQLite grows with the questions shown (at most MAX_SHOWN) and then
    # stops: compared where the list is full at both sizes.
    small = full
    for name in small:
        assert large[name]["sqlite_instructions"] <= 1.5 * small[name]["sqlite_instructions"] + 2000, (
            name, small[name], large[name])
