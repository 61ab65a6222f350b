"""The feedback round's overlap setup (tests/harness/blocks/feedback_round.py) on a
database that already has groups, as MariaDB has after the 200-participant load: the
phase's participants get groups of their own, every rater has received feedback, and
the setup's own check names a rater with nothing to rate (#19)."""
import pytest

from tests.harness.blocks import feedback_round
from tests.harness.contracts import all_contracts
from tests.load.driver import csrf_token
from tests.support.live_server import DemoServer

CONTRACT = next(c for c in all_contracts() if c.block_type == "leergang_feedback_round")


@pytest.fixture(scope="module")
def server():
    demo = DemoServer()
    demo.start()
    try:
        yield demo
    finally:
        demo.stop()


def round_state(server, usage, student):
    import requests
    return requests.get(f"{server.url}/handler/{usage}/round_state/?student={student}", timeout=120).json()


def test_after_a_grouped_cohort_every_rater_has_feedback_from_their_own_groupmates(server):
    usage, token = CONTRACT.usage_id(), csrf_token(server)
    # A cohort already in groups of four, each with an update, as the load phase leaves it.
    feedback_round.load_setup(server.url, usage, [f"cohort{i:02d}" for i in range(40)], token)
    newcomers = [f"newov{i:02d}" for i in range(10)]
    feedback_round.overlap_setup(server.url, usage, newcomers, token)
    for index, student in enumerate(newcomers):
        state = round_state(server, usage, student)
        assert {m["name"] for m in state["members"]} <= set(newcomers), state["members"]
        if feedback_round.OVERLAP_KINDS[index % len(feedback_round.OVERLAP_KINDS)] == "rate_burst":
            assert state["received"], student


def test_the_setups_check_names_a_rater_with_nothing_to_rate(server):
    usage, token = CONTRACT.usage_id(), csrf_token(server)
    students = [f"bareov{i:02d}" for i in range(5)]   # index 3 will rate
    feedback_round._arrange_own_groups(server.url, usage, students, token)
    feedback_round._first_updates(f"{server.url}/handler/{usage}", students, token)
    with pytest.raises(AssertionError, match="bareov03 in .* will rate but has received no feedback"):
        feedback_round._check_overlap_precondition(f"{server.url}/handler/{usage}", students)
