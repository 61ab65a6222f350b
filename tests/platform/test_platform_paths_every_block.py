"""Every block's handlers on the platform's paths, from the platform-shaped fakes
(tests/support/platform_fakes.py): what the decorator decides before a body is read,
for every handler of every block the package installs. (The trust scan's whole table,
with what each path lets through, is test_platform_paths.py.)

- Studio preview and staff viewing the course as a learner: every participant write is
  refused, 403 `read_only_preview`, whatever the body.
- Studio's save path (no anonymous id): every handler but Studio's save is 403
  `not_authenticated`; Studio's save by someone Studio does not let write is
  `authors_only`.
- An LMS learner: every staff handler is 403 `staff_only`.
"""
import json

import pytest
from webob import Request

from leergang_xblocks.case.block import CaseBlock
from leergang_xblocks.core.handlers import handler_catalogue
from leergang_xblocks.dialogue.block import DialogueBlock
from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from leergang_xblocks.groups.block import SmallGroupBlock
from leergang_xblocks.sessions.block import SessionBlock
from leergang_xblocks.trust_scan.block import TrustScanBlock
from tests.support import platform_fakes as fakes

BLOCKS = (CaseBlock, DialogueBlock, FeedbackRoundBlock, SessionBlock, SmallGroupBlock, TrustScanBlock)
GARBAGE = b'{"\\ud800": [[[' + b"[" * 200


def handlers(block_class, wanted):
    return [(block_class, name) for name in sorted(handler_catalogue(block_class))
            if wanted(getattr(block_class, name))]


def participant_write(func):
    return func.writes and not func.staff_only and not func.studio and func.authorize is None


def refusal(path, block_class, name, method):
    block = fakes.block_on(fakes.PATHS[path](), block_class)
    request = Request.blank("/" + name, method=method, body=GARBAGE if method == "POST" else b"")
    response = block.runtime.handle(block, name, request)
    return response.status_int, json.loads(response.body)["error"]["code"]


def method_of(block_class, name):
    return handler_catalogue(block_class)[name][0][0]


WRITES = [case for cls in BLOCKS for case in handlers(cls, participant_write)]
STUDIO_REFUSED = [case for cls in BLOCKS for case in handlers(cls, lambda f: not f.studio)]
STAFF = [case for cls in BLOCKS for case in handlers(cls, lambda f: f.staff_only)]
STUDIO_SAVES = [case for cls in BLOCKS for case in handlers(cls, lambda f: f.studio)]


def ids(cases):
    return [f"{cls.__name__}-{name}" for cls, name in cases]


def test_every_block_has_handlers_in_each_table():
    for cls in BLOCKS:
        assert any(c is cls for c, _ in WRITES) and any(c is cls for c, _ in STAFF), cls
        assert any(c is cls for c, _ in STUDIO_SAVES), cls


@pytest.mark.parametrize("path", ["studio_preview", "lms_staff_as_learner"])
@pytest.mark.parametrize("block_class, name", WRITES, ids=ids(WRITES))
def test_participant_writes_are_refused_in_preview_and_when_viewing_as_a_learner(path, block_class, name):
    assert refusal(path, block_class, name, method_of(block_class, name)) == (403, "read_only_preview")


@pytest.mark.parametrize("block_class, name", STUDIO_REFUSED, ids=ids(STUDIO_REFUSED))
def test_studios_save_path_reaches_no_participant_or_staff_handler(block_class, name):
    assert refusal("studio_save_author", block_class, name, method_of(block_class, name)) == (
        403, "not_authenticated")


@pytest.mark.parametrize("block_class, name", STAFF, ids=ids(STAFF))
def test_learners_are_refused_every_staff_handler(block_class, name):
    assert refusal("lms_learner", block_class, name, method_of(block_class, name)) == (403, "staff_only")


@pytest.mark.parametrize("block_class, name", STUDIO_SAVES, ids=ids(STUDIO_SAVES))
def test_studio_save_by_someone_studio_does_not_let_write_is_refused(block_class, name):
    assert refusal("studio_save_not_author", block_class, name, "POST") == (403, "authors_only")
