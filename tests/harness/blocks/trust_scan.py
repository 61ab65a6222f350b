"""The trust scan's contract for the reliability and security suites."""
from submissions.models import Submission

from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.harness.contracts import BlockContract, HandlerSpec, register
from tests.support.workbench import Participant, scenario_usage_ids

INSTRUMENT = "samenwerking_in_de_keten"   # the chain-partner scan: 7 points, retakes allowed


def usage_id():
    return next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)


def answers(value=4):
    return {item.key: value for item in shipped_instrument(INSTRUMENT).items}


def state(usage_id, student_id):
    block = Participant(student_id).block(usage_id)
    anonymous_id = block.identity.anonymous_id
    rows = sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "attempt_number", "answer"), key=repr)
    return (dict(block.draft_answers), block.draft_version, list(block.results_history),
            block.retaking, block.reflection, rows)


LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "staff": 200, "no_user": 403}
# Fresh participants have nothing to retake or reflect on yet: the call gets
# past the guard and is refused by the block's own rule (409).
NEEDS_RESULT = {"learner": 409, "peer": 409, "other_group": 409, "staff": 409, "no_user": 403}

CONTRACT = register(BlockContract(
    block_type="leergang_trust_scan",
    block_class=TrustScanBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("save_draft", "POST", lambda c, u: {"answers": {"dp1": 3}, "version": 0}, LEARNERS_OK, writes=True),
        HandlerSpec("submit", "POST", lambda c, u: {"answers": answers()}, LEARNERS_OK, writes=True),
        HandlerSpec("results", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("start_retake", "POST", lambda c, u: {}, NEEDS_RESULT, writes=True),
        HandlerSpec("save_reflection", "POST", lambda c, u: {"text": "notitie"}, NEEDS_RESULT, writes=True),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("staff_report", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={"save_reflection": lambda text: {"text": text}},
    authored_text=("display_name", "intro"),
))
