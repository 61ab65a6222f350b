"""Every handler's authorization on every path the platform builds for a block:
LMS learner, LMS staff, signed-out visitor, staff viewing as a specific learner,
global staff viewing as a learner, Studio save (author and non-author) and Studio
preview. The runtimes are the
fakes in tests/support/platform_fakes.py, each with exactly the attributes and
services the platform sets on that path. No workbench: these also run on the
platform's pins (scripts/install_check.sh: the newest line in .ci/pins/).
"""
import json

import pytest
from webob import Request
from xblock.fields import Scope

from leergang_xblocks.core import platform
from leergang_xblocks.core.handlers import handler_catalogue
from leergang_xblocks.trust_scan.block import TrustScanBlock
from tests.support import platform_fakes as fakes

ANSWERS = {"dp1": 4}
EXAMPLES = {   # handler -> (method, body or query)
    "save_draft": ("POST", {"answers": ANSWERS, "version": 0}),
    "submit": ("POST", {"answers": {}}),            # refused by the block itself (400) when allowed through
    "results": ("GET", ""),
    "start_retake": ("POST", {}),
    "save_reflection": ("POST", {"text": "notitie"}),
    "my_data": ("GET", ""),
    "staff_report": ("GET", ""),
    "export_csv": ("GET", "names=0"),
    "remove_participant_data": ("POST", {"participant": "anon-bram-course"}),
    "submit_studio_edits": ("POST", {"values": {"intro": "Welkom"}, "defaults": []}),
}
PARTICIPANT = ("save_draft", "submit", "results", "start_retake", "save_reflection", "my_data")
WRITES = ("save_draft", "submit", "start_retake", "save_reflection")
STAFF = ("staff_report", "export_csv", "remove_participant_data")

# The error code each path gets per handler; None: let through to the block.
REFUSED = {
    "lms_learner": {**{h: None for h in PARTICIPANT}, **{h: "staff_only" for h in STAFF},
                    "submit_studio_edits": "authors_only"},
    "lms_staff": {**{h: None for h in PARTICIPANT + STAFF}, "submit_studio_edits": "authors_only"},
    "lms_anonymous": {**{h: "not_authenticated" for h in PARTICIPANT + STAFF}, "submit_studio_edits": "authors_only"},
    "lms_staff_as_learner": {**{h: None for h in PARTICIPANT}, **{h: "read_only_preview" for h in WRITES},
                             **{h: "staff_only" for h in STAFF}, "submit_studio_edits": "authors_only"},
    "lms_global_staff_viewing_as_learner": {**{h: None for h in PARTICIPANT}, **{h: "read_only_preview" for h in WRITES},
                                            **{h: "staff_only" for h in STAFF}, "submit_studio_edits": "authors_only"},
    # Studio's save path has no anonymous id: participant handlers are not for it.
    "studio_save_author": {**{h: "not_authenticated" for h in PARTICIPANT + STAFF}, "submit_studio_edits": None},
    "studio_save_not_author": {**{h: "not_authenticated" for h in PARTICIPANT + STAFF},
                               "submit_studio_edits": "authors_only"},
    "studio_preview": {**{h: None for h in PARTICIPANT}, **{h: "read_only_preview" for h in WRITES},
                       **{h: "staff_only" for h in STAFF}, "submit_studio_edits": None},
}
CASES = [(path, handler) for path in REFUSED for handler in EXAMPLES]


def test_the_table_covers_every_handler():
    assert set(handler_catalogue(TrustScanBlock)) == set(EXAMPLES)
    assert {name for name, (_, _, _) in handler_catalogue(TrustScanBlock).items()
            if getattr(getattr(TrustScanBlock, name), "writes", False)} == set(WRITES)


@pytest.mark.parametrize("path, handler", CASES, ids=[f"{p}-{h}" for p, h in CASES])
def test_each_path_gets_the_platforms_answer(path, handler):
    block = fakes.block_on(fakes.PATHS[path](), TrustScanBlock)
    method, example = EXAMPLES[handler]
    if method == "POST":
        response = fakes.call(block, handler, example)
    else:
        response = fakes.call(block, handler, method="GET", query=example)
    expected = REFUSED[path][handler]
    if expected is None:
        assert response.status_int != 403, response.body[:300]
        assert response.status_int < 500
    else:
        assert response.status_int == 403, response.body[:300]
        assert json.loads(response.body)["error"]["code"] == expected


@pytest.mark.parametrize("path", sorted(REFUSED))
def test_a_refusal_never_depends_on_the_body(path):
    """Authorization comes before the body: garbage gets the same 403."""
    for handler, refusals in REFUSED[path].items():
        if refusals is None or EXAMPLES[handler][0] != "POST":
            continue
        block = fakes.block_on(fakes.PATHS[path](), TrustScanBlock)
        request_body = b'{"\\ud800": [[[' + b"[" * 200
        request = Request.blank("/" + handler, method="POST", body=request_body)
        response = block.runtime.handle(block, handler, request)
        assert response.status_int == 403
        assert json.loads(response.body)["error"]["code"] == refusals


def test_studio_authorship_asks_studio_with_the_course_key():
    runtime = fakes.studio_save()
    block = fakes.block_on(runtime, TrustScanBlock)
    assert platform.may_author(block)
    assert runtime.service(block, "studio_user_permissions").asked == [fakes.USAGE_KEY.course_key]


def test_global_staff_on_studios_save_path_are_authors_through_studio_only():
    """The Studio save path's user service says staff False, role "student" for
    everyone (load_services_for_studio passes nothing else): only
    studio_user_permissions can say yes."""
    block = fakes.block_on(fakes.studio_save(user=fakes.STAFF, writers=("ria_staff",)), TrustScanBlock)
    attrs = block.runtime.service(block, "user").get_current_user().opt_attrs
    assert attrs["edx-platform.user_is_staff"] is False and attrs["edx-platform.user_role"] == "student"
    assert platform.may_author(block)


def test_lms_staff_are_not_authors():
    assert not platform.may_author(fakes.block_on(fakes.lms_staff(), TrustScanBlock))


@pytest.mark.parametrize("path, reason", [
    ("lms_learner", None), ("lms_staff", None), ("lms_anonymous", None), ("studio_save_author", None),
    ("lms_staff_as_learner", platform.MASQUERADE), ("studio_preview", platform.PREVIEW),
    ("lms_global_staff_viewing_as_learner", platform.VIEW_AS_LEARNER),
])
def test_write_refusal_reasons(path, reason):
    assert platform.write_refusal(fakes.block_on(fakes.PATHS[path](), TrustScanBlock)) == reason


@pytest.mark.parametrize("path", ["studio_preview", "lms_staff_as_learner"])
def test_a_refused_write_changes_nothing_and_says_why(path):
    from submissions.models import StudentItem, Submission
    block = fakes.block_on(fakes.PATHS[path](), TrustScanBlock)
    rows_before = (Submission.objects.count(), StudentItem.objects.count())
    response = fakes.call(block, "save_draft", {"answers": ANSWERS, "version": 0})
    error = json.loads(response.body)["error"]
    assert response.status_int == 403 and error["code"] == "read_only_preview"
    assert "not saved" in error["message"] or "nothing can be saved" in error["message"]
    assert (Submission.objects.count(), StudentItem.objects.count()) == rows_before  # no record, no lock row
    assert not [f for f in block.fields.values() if f.scope == Scope.user_state and f.is_set_on(block)]


@pytest.mark.parametrize("path, shown", [("studio_preview", True), ("lms_staff_as_learner", True),
                                         ("lms_learner", False)])
def test_the_view_says_plainly_when_answers_are_not_saved(path, shown):
    block = fakes.block_on(fakes.PATHS[path](), TrustScanBlock)
    html = block.render("student_view", {}).content
    assert ("Answers are not saved here." in html) is shown


def test_a_learners_whole_journey_and_the_staff_views_on_the_lms_path():
    """The write path (serialised step, records) and the staff views, as the LMS
    runs them, also on the newest platform pins (scripts/install_check.sh)."""
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    runtime = fakes.lms_learner()
    block = fakes.block_on(runtime, TrustScanBlock)
    answers = {item.key: 3 for item in shipped_instrument(block.instrument_key).items}  # the midpoint: reverse-worded too
    draft = fakes.call(block, "save_draft", {"answers": {next(iter(answers)): 3}, "version": 0})
    assert draft.status_int == 200, draft.body[:300]
    submitted = fakes.call(block, "submit", {"answers": answers})
    assert submitted.status_int == 200, submitted.body[:300]
    assert json.loads(submitted.body)["submitted"]
    assert fakes.call(block, "submit", {"answers": answers}).status_int == 409
    assert fakes.call(block, "save_reflection", {"text": "Wat ik meeneem"}).status_int == 200
    results = json.loads(fakes.call(block, "results", method="GET").body)
    assert results["submitted"] and all(d["score"] == 3 for d in results["dimensions"])
    my_data = fakes.call(block, "my_data", method="GET")
    assert my_data.status_int == 200 and "Wat ik meeneem" in my_data.body.decode()
    assert any(name.endswith(".submitted") for name, _ in runtime.events)

    staff = fakes.block_on(fakes.lms_staff(), TrustScanBlock)
    report = fakes.call(staff, "staff_report", method="GET")
    assert report.status_int == 200 and json.loads(report.body)["responses"] >= 1
    csv = fakes.call(staff, "export_csv", method="GET", query="names=0")
    assert csv.status_int == 200 and "anon-anna-course" in csv.body.decode("utf-8-sig")
