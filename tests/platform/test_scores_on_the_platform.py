"""core/scores.py against edx-submissions as the platform pins it: a score set for a
learner by anyone reaches the LMS's `score_set` receiver once per change, for that
learner and this block (SubmissionsScoreReceiver mirrors
lms/djangoapps/grades/signals/handlers.py), and a reset reaches `score_reset`."""
import uuid

from opaque_keys.edx.keys import UsageKey
from xblock.fields import ScopeIds

from leergang_xblocks.core import platform, scores
from leergang_xblocks.trust_scan.block import TrustScanBlock
from tests.support import platform_fakes as fakes
from tests.support.platform_scores import SubmissionsScoreReceiver


def staff_block():
    key = UsageKey.from_string(f"block-v1:Leergang+VV01+2026+type@leergang_trust_scan+block@{uuid.uuid4().hex}")
    return fakes.lms_staff().construct_xblock_from_class(
        TrustScanBlock, ScopeIds(None, "leergang_trust_scan", key, key))


def test_a_score_is_set_for_the_learner_once_per_change_on_this_blocks_item():
    block = staff_block()
    learner = "anon-" + uuid.uuid4().hex
    with SubmissionsScoreReceiver() as lms:
        assert not scores.set_learner_score(block, learner, 0, 3, {"status": "not_yet"}, "anon-staff")
        assert scores.set_learner_score(block, learner, 3, 3, {"status": "diploma"}, "anon-staff")
        assert not scores.set_learner_score(block, learner, 3, 3, {"status": "diploma"}, "anon-staff")
        assert scores.set_learner_score(block, learner, 0, 3, {"status": "not_yet"}, learner)
        assert not scores.set_learner_score(block, learner, 2, 0, {}, "anon-staff")   # worth nothing: the LMS drops it
    assert lms.of(learner) == [(3, 3), (0, 3)]
    assert {(c["course_id"], c["usage_id"]) for c in lms.changed} == {(platform.course_id(block), platform.item_id(block))}
    assert scores.current_score(block, learner) == (0, 3)


def test_a_reset_score_reaches_the_lms_as_deleted_and_a_new_score_starts_again():
    block = staff_block()
    learner = "anon-" + uuid.uuid4().hex
    with SubmissionsScoreReceiver() as lms:
        scores.set_learner_score(block, learner, 1, 1, {"status": "diploma"}, "anon-staff")
        scores.reset_learner_score(learner, platform.course_id(block), platform.item_id(block))
        assert scores.current_score(block, learner) is None
        scores.set_learner_score(block, learner, 1, 1, {"status": "diploma"}, "anon-staff")
    assert [c["score_deleted"] for c in lms.changed] == [False, True, False]
