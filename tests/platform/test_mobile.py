"""The mobile apps: the course blocks API reads `multi_device` from each block's
`student_view` and stores `student_view_data()` (lms/djangoapps/course_api/
blocks/transformers/student_view.py, StudentViewTransformer.collect; fake:
platform_fakes.student_view_transformer_collect). It collects from the
modulestore's block, outside any learner's request, so the data is the block's
settings a participant needs, never anyone's answers.
"""
import pytest

from leergang_xblocks.case.block import CaseBlock
from leergang_xblocks.dialogue.block import DialogueBlock
from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from leergang_xblocks.groups.block import SmallGroupBlock
from leergang_xblocks.sessions.block import SessionBlock
from leergang_xblocks.my_programme.block import MyProgrammeBlock
from leergang_xblocks.trust_scan.block import TrustScanBlock
from tests.platform.test_viewing_as_a_learner import SET_UP, new_key
from tests.support import platform_fakes as fakes

BLOCKS = (CaseBlock, DialogueBlock, FeedbackRoundBlock, SessionBlock, SmallGroupBlock, TrustScanBlock,
          MyProgrammeBlock)


def collected(block_class, runtime=None, key=None):
    block = fakes.block_on(runtime or fakes.modulestore_runtime(), block_class, usage_key=key)
    for name, value in SET_UP.get(block_class, {}).items():
        setattr(block, name, value)
    return fakes.student_view_transformer_collect(block)


@pytest.mark.parametrize("block_class", BLOCKS, ids=lambda c: c.__name__)
def test_every_block_offers_its_student_view_to_the_mobile_apps(block_class):
    found = collected(block_class)
    assert found["student_view_multi_device"] is True
    data = found["student_view_data"]
    assert data["display_name"] == block_class.display_name.default


@pytest.mark.parametrize("block_class", BLOCKS, ids=lambda c: c.__name__)
def test_the_mobile_data_holds_no_participants_data(block_class):
    """What a learner's runtime collects equals what the anonymous collect phase does."""
    assert collected(block_class, fakes.lms_learner()) == collected(block_class)


def test_a_participants_answers_never_reach_the_mobile_data():
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    key, store = new_key(), fakes.new_store()
    learner = fakes.block_on(fakes.lms_learner(store), TrustScanBlock, usage_key=key)
    answers = {item.key: 4 for item in shipped_instrument(learner.instrument_key).items}
    assert fakes.call(learner, "submit", {"answers": answers}).status_int == 200
    assert fakes.call(learner, "save_reflection", {"text": "heel persoonlijk"}).status_int == 200
    data = collected(TrustScanBlock, fakes.modulestore_runtime(), key)["student_view_data"]
    assert "heel persoonlijk" not in repr(data) and "anon-anna-course" not in repr(data)
    assert collected(TrustScanBlock, fakes.lms_learner(store), key) == collected(TrustScanBlock, key=key)


def test_the_class_decorator_alone_is_not_what_the_platform_reads():
    """The transformer asks the view, not the class: a class-level declaration is invisible."""
    from web_fragments.fragment import Fragment
    from xblock.core import XBlock

    @XBlock.supports("multi_device")
    class ClassLevel(XBlock):
        def student_view(self, context=None):
            return Fragment("")

    assert collected(ClassLevel)["student_view_multi_device"] is False
