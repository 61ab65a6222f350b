"""Mijn leergang's contract for the reliability and security suites.

Every participant handler only reads (the journey, the download): each role that is
signed in gets its own journey (200); a visitor gets 403. The block writes nothing
of its own, so it has no load or overlap journey: the load test has nothing to
verify here (its reads are measured in tests/perf/test_my_programme_query_counts.py).
"""
from submissions.models import Submission

from leergang_xblocks.core import platform
from leergang_xblocks.my_programme.block import MyProgrammeBlock
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, register
from tests.support.stores import stores_state
from tests.support.workbench import scenario_usage_ids

LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}


def usage_id():
    return scenario_usage_ids("leergang_my_programme")[0]


def state(usage, student_id):
    """Everything stored about the participant anywhere: the block reads the whole course."""
    anonymous_id = platform.workbench_anonymous_id(student_id)
    rows = sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "attempt_number", "answer"), key=repr)
    return rows, stores_state(anonymous_id)


CONTRACT = register(BlockContract(
    block_type="leergang_my_programme",
    block_class=MyProgrammeBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("journey", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("download", "GET", lambda c, u: "format=json", LEARNERS_OK),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    authored_text=("display_name", "intro"),
))
