"""Staff viewing the LMS as a learner, on the platform's two masquerade paths
(fakes: tests/support/platform_fakes.py):

- "View as: Specific learner": the LMS shows only blocks that declare
  `show_in_read_only_mode` (masquerade.py, filter_displayed_blocks); ours do,
  and render read-only with the notice; the learner's private reflection is
  not shown to the staff member, on the page, in `results` or in `my_data`.
- "View as: Learner": the runtime is the staff member's own with the staff flag
  off; writes are refused (403 `read_only_preview`), so staff answers never
  enter cohort figures or group rosters. Global staff are known by the user
  service's `user_is_global_staff`; course staff by having been seen as staff
  in this course (a per-user field, see core/platform.py).
"""
import ast
import json
import uuid

import pytest
from opaque_keys.edx.keys import UsageKey

from leergang_xblocks.case.block import CaseBlock
from leergang_xblocks.core import platform
from leergang_xblocks.dialogue.block import DialogueBlock
from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from leergang_xblocks.groups.block import SmallGroupBlock
from leergang_xblocks.sessions.block import SessionBlock
from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.platform.test_platform_paths_every_block import WRITES, ids, method_of, refusal
from tests.support import platform_fakes as fakes

BLOCKS = (CaseBlock, DialogueBlock, FeedbackRoundBlock, SessionBlock, SmallGroupBlock, TrustScanBlock)
NOT_SHOWN = "This type of component cannot be shown"
PRIVATE_NOTE = "Mijn eigen notitie over vertrouwen"
SET_UP = {DialogueBlock: {"case_nl": "Een casus.", "case_en": "A case.", "options_nl": "Ja\nNee",
                          "options_en": "Yes\nNo", "values_nl": "gelijkheid\nvertrouwen",
                          "values_en": "equality\ntrust"}}


def new_key(block_type="leergang_trust_scan"):
    return UsageKey.from_string(f"block-v1:Leergang+VV01+2026+type@{block_type}+block@{uuid.uuid4().hex}")


@pytest.mark.parametrize("block_class", BLOCKS, ids=lambda c: c.__name__)
def test_viewing_as_a_specific_learner_shows_the_block_read_only(block_class):
    block = fakes.block_on(fakes.lms_staff_as_learner(), block_class)
    for name, value in SET_UP.get(block_class, {}).items():
        setattr(block, name, value)
    html = block.render("student_view", {}).content
    assert NOT_SHOWN not in html
    assert block.read_only_notice() and block.read_only_notice() in html.replace("&#x27;", "'")


def test_the_filter_mirrors_the_platform_for_a_block_without_the_flag():
    """The fake is the platform's rule: a block that does not declare the flag is replaced."""
    from xblock.core import XBlock

    class Plain(XBlock):
        def student_view(self, context=None):
            from web_fragments.fragment import Fragment
            return Fragment("plain")

    html = fakes.block_on(fakes.lms_staff_as_learner(), Plain).render("student_view", {}).content
    assert NOT_SHOWN in html


def _submitted_scan_with_note(key):
    store = fakes.new_store()
    learner = fakes.block_on(fakes.lms_learner(store), TrustScanBlock, usage_key=key)
    answers = {item.key: 4 for item in shipped_instrument(learner.instrument_key).items}
    assert fakes.call(learner, "submit", {"answers": answers}).status_int == 200
    assert fakes.call(learner, "save_reflection", {"text": PRIVATE_NOTE}).status_int == 200
    return store


def test_the_learners_private_note_is_not_shown_to_staff_viewing_as_them():
    key = new_key()
    store = _submitted_scan_with_note(key)
    own = fakes.block_on(fakes.lms_learner(store), TrustScanBlock, usage_key=key)
    assert PRIVATE_NOTE in own.render("student_view", {}).content
    assert json.loads(fakes.call(own, "results", method="GET").body)["reflection"] == PRIVATE_NOTE
    assert PRIVATE_NOTE in fakes.call(own, "my_data", method="GET").body.decode()

    runtime = fakes.lms_staff_as_learner()
    runtime._services["field-data"] = store  # the learner's own state, read through the masquerade
    staff = fakes.block_on(runtime, TrustScanBlock, usage_key=key)
    html = staff.render("student_view", {}).content
    assert PRIVATE_NOTE not in html and "trust-scan-reflection-text" not in html
    results = json.loads(fakes.call(staff, "results", method="GET").body)
    assert results["submitted"] and results["reflection"] is None
    my_data = fakes.call(staff, "my_data", method="GET")
    assert my_data.status_int == 200 and PRIVATE_NOTE not in my_data.body.decode()


@pytest.mark.parametrize("block_class, name", WRITES, ids=ids(WRITES))
def test_global_staff_viewing_as_a_learner_cannot_write(block_class, name):
    assert refusal("lms_global_staff_viewing_as_learner", block_class, name,
                   method_of(block_class, name)) == (403, "read_only_preview")


def test_course_staff_viewing_as_a_learner_cannot_write_once_seen_as_staff():
    key = new_key()
    store = fakes.new_store()
    as_staff = fakes.block_on(fakes.lms_staff(store), TrustScanBlock, usage_key=key)
    as_staff.render("student_view", {})
    viewing = fakes.block_on(fakes.lms_staff_viewing_as_learner(store), TrustScanBlock, usage_key=key)
    assert platform.write_refusal(viewing) == platform.VIEW_AS_LEARNER
    response = fakes.call(viewing, "save_draft", {"answers": {"vm1": 2}, "version": 0})
    assert response.status_int == 403 and json.loads(response.body)["error"]["code"] == "read_only_preview"
    assert "Answers are not saved here." in viewing.render("student_view", {}).content


def test_staff_seen_in_one_course_are_not_read_only_in_another():
    store = fakes.new_store()
    fakes.block_on(fakes.lms_staff(store), TrustScanBlock, usage_key=new_key()).render("student_view", {})
    other_course = UsageKey.from_string("block-v1:Leergang+VV02+2026+type@leergang_trust_scan+block@x")
    elsewhere = fakes.block_on(fakes.lms_staff_viewing_as_learner(store), TrustScanBlock, usage_key=other_course)
    assert platform.write_refusal(elsewhere) is None


def test_a_learner_is_never_taken_for_staff_viewing_as_a_learner():
    block = fakes.block_on(fakes.lms_learner(), TrustScanBlock, usage_key=new_key())
    block.render("student_view", {})
    assert platform.write_refusal(block) is None
    assert fakes.call(block, "save_draft", {"answers": {"vm1": 2}, "version": 0}).status_int == 200


def test_masquerade_is_read_from_the_runtime_not_from_the_private_django_user():
    """The specific-learner path is known by the platform's own wrapper on the
    runtime; a runtime without it is not a masquerade, whatever hangs on the user."""
    runtime = fakes.lms_staff_as_learner()
    runtime.wrappers = []
    assert platform.write_refusal(fakes.block_on(runtime, TrustScanBlock)) is None
    tree = ast.parse(open(platform.__file__, encoding="utf-8").read())
    private = {"real_user", "_django_user", "masquerade_settings"}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    looked_up = {arg.value for node in ast.walk(tree) if isinstance(node, ast.Call)
                 and getattr(node.func, "id", "") in ("getattr", "hasattr") for arg in node.args[1:2]
                 if isinstance(arg, ast.Constant)}
    assert not (attributes | looked_up) & private
