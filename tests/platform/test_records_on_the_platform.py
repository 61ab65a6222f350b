"""The write rule on the LMS path, on the platform's pins too (the newest line
in .ci/pins/; see scripts/install_check.sh).

Each fake runtime has its own user-state store, read when its block is built,
as the LMS's FieldDataCache reads a learner's state before the handler runs:
two of them for one learner are two overlapping requests (two tabs). What the
learner submitted must decide every answer, whatever either tab's state says.
"""
import json
import uuid
from types import SimpleNamespace

from opaque_keys.edx.keys import UsageKey
from xblock.fields import ScopeIds, UserScope

from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support import platform_fakes as fakes

LEARNER_ANONYMOUS_ID = "anon-anna-course"   # what fakes.lms_learner() sets
STAFF_ANONYMOUS_ID = "anon-ria-course"


def new_usage_key():
    return UsageKey.from_string(
        f"block-v1:Leergang+VV01+2026+type@leergang_trust_scan+block@{uuid.uuid4().hex}")


def block(runtime, usage_key):
    return runtime.construct_xblock_from_class(
        TrustScanBlock, ScopeIds(None, "leergang_trust_scan", usage_key, usage_key))


def full_answers(value=4):
    return {item.key: value for item in shipped_instrument("sturen_vanuit_vertrouwen").items}


def answer(response):
    return response.status_code, json.loads(response.body)


def test_a_tab_with_state_read_before_the_submit_cannot_hide_or_repeat_it():
    key = new_usage_key()
    tab_a, tab_b = block(fakes.lms_learner(), key), block(fakes.lms_learner(), key)
    assert answer(fakes.call(tab_b, "results"))[1]["submitted"] is False
    assert fakes.call(tab_a, "submit", {"answers": full_answers()}).status_code == 200
    status, body = answer(fakes.call(tab_b, "save_draft", {"answers": {"vm1": 2}, "version": 0}))
    assert (status, body["error"]["code"]) == (409, "already_submitted")
    status, body = answer(fakes.call(tab_b, "submit", {"answers": full_answers(2)}))
    assert (status, body["error"]["code"]) == (409, "already_submitted")
    results = answer(fakes.call(tab_b, "results"))[1]
    assert results["submitted"] and results["attempt"] == 1
    assert "trust-scan-form" not in tab_b.render("student_view").content


def test_two_tabs_with_one_draft_version_keep_the_first_and_refuse_the_second():
    key = new_usage_key()
    tab_a, tab_b = block(fakes.lms_learner(), key), block(fakes.lms_learner(), key)
    assert answer(fakes.call(tab_a, "save_draft", {"answers": {"vm1": 2}, "version": 0}))[1]["version"] == 1
    status, body = answer(fakes.call(tab_b, "save_draft", {"answers": {"vm2": 5}, "version": 0}))
    assert (status, body["error"]["code"]) == (409, "stale_version")
    assert answer(fakes.call(tab_b, "my_data"))[1]["data"]["draft_answers"] == {"vm1": 2}


def test_delete_learner_state_as_the_platform_calls_it():
    """lms/djangoapps/instructor/enrollment.py reset_student_attempts: keyword
    arguments, anonymous ids, keys as strings, on the modulestore's copy of the
    block (here: built for staff); then the platform deletes the user state."""
    key = new_usage_key()
    learner = block(fakes.lms_learner(), key)
    assert fakes.call(learner, "submit", {"answers": full_answers()}).status_code == 200
    assert fakes.call(learner, "save_reflection", {"text": "privé"}).status_code == 200
    block(fakes.lms_staff(), key).clear_student_state(
        user_id=LEARNER_ANONYMOUS_ID, course_id=str(key.course_key), item_id=str(key),
        requesting_user_id=STAFF_ANONYMOUS_ID)
    again = block(fakes.lms_learner(), key)   # a new request: its user state is gone
    mine = answer(fakes.call(again, "my_data"))[1]["data"]
    assert mine["stored_records"] == [] and mine["reflection"] == ""
    status, body = answer(fakes.call(again, "submit", {"answers": full_answers(5)}))
    assert status == 200 and body["attempt"] == 1


def test_the_problem_responses_report_reads_no_private_text():
    key = new_usage_key()
    runtime = fakes.lms_learner()
    learner = block(runtime, key)
    learner.allow_retake = True
    note = "PRIVATE-" + uuid.uuid4().hex
    assert fakes.call(learner, "submit", {"answers": full_answers()}).status_code == 200
    assert fakes.call(learner, "save_reflection", {"text": note}).status_code == 200
    assert fakes.call(learner, "start_retake", {}).status_code == 200
    assert fakes.call(learner, "save_draft", {"answers": {"vm1": 3}, "version": 2}).status_code == 200
    store = runtime.service(learner, "field-data")._kvs.db_dict   # everything stored for this learner
    state = {k.field_name: v for k, v in store.items() if k.scope.user == UserScope.ONE}
    assert note not in json.dumps(state)
    # No draft, no note: only the copy of the result, and the marker that keeps the learner's
    # StudentModule for "Delete learner's state" (core/reset.py).
    assert set(state) <= {"submitted_result", "has_participant_records"}, state

    # What the report iterates: each learner's username and stored state.
    rows = list(learner.generate_report_data(iter([SimpleNamespace(username="anna", state=state)])))
    assert rows and rows[0][1]["attempt"] == 1 and note not in json.dumps(rows)


def test_a_learner_with_only_a_draft_has_a_student_module_for_the_reset():
    """lms/djangoapps/instructor/enrollment.py `reset_student_attempts` reads the learner's
    StudentModule after clear_student_state: a draft-only learner needs user state too."""
    key = new_usage_key()
    runtime = fakes.lms_learner()
    learner = block(runtime, key)
    assert fakes.call(learner, "save_draft", {"answers": {"vm1": 3}, "version": 0}).status_code == 200
    store = runtime.service(learner, "field-data")._kvs.db_dict
    state = {k.field_name: v for k, v in store.items() if k.scope.user == UserScope.ONE}
    assert state == {"has_participant_records": True}


def test_a_first_write_that_saves_its_report_copy_keeps_the_student_module_without_the_marker():
    """The report copy makes the learner's StudentModule on its own (core/reset.py
    `keep_participant_state`): the marker is neither read nor written in that write,
    and the row the reset reads exists all the same."""
    key = new_usage_key()
    runtime = fakes.lms_learner()
    learner = block(runtime, key)
    assert fakes.call(learner, "submit", {"answers": full_answers()}).status_code == 200
    store = runtime.service(learner, "field-data")._kvs.db_dict
    state = {k.field_name: v for k, v in store.items() if k.scope.user == UserScope.ONE}
    assert set(state) == {"submitted_result"} and state["submitted_result"]["attempt"] == 1
    # A later request whose write saves no user-state field (and reads none) keeps the marker.
    assert fakes.call(block(runtime, key), "save_reflection", {"text": "x"}).status_code == 200
    state = {k.field_name: v for k, v in store.items() if k.scope.user == UserScope.ONE}
    assert state.get("has_participant_records") is True
