"""What a participant stored is what every view shows, and what staff or a reset
can remove: the records, not the block's user state.

- every handler that writes declares writes=True (the serialised step);
- the instructor's "Delete learner's state" (the platform's call, shaped as in
  lms/djangoapps/instructor/enrollment.py `reset_student_attempts`) clears every
  record the block wrote for that learner, and only theirs;
- the demo's "Reset state" clears records too and needs no Referer;
- the private note and the draft are not in user state, so the platform's
  Problem Responses report (which prints user state) never shows them;
- the own-data download holds the series records from the other scans too.
"""
import json
import uuid

import pytest
from django.db import transaction
from django.test import Client
from submissions.models import StudentItem, Submission
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core import storage
from leergang_xblocks.core.handlers import handler_catalogue
from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.stores.api import locks
from leergang_xblocks.stores.models import Lock
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.harness.contracts import all_contracts
from tests.support.workbench import Participant, scenario_usage_ids


@pytest.fixture
def keten():
    return next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)


@pytest.fixture
def pre_post():
    return sorted(u for u in scenario_usage_ids("leergang_trust_scan") if "pre-post" in u or "prepost" in u)


def answers(instrument_key, value=4):
    return {item.key: value for item in shipped_instrument(instrument_key).items}


def fresh(prefix):
    return Participant(f"{prefix}-{uuid.uuid4().hex[:8]}")


def live_rows(student_id):
    return Submission.objects.filter(student_item__student_id=workbench_anonymous_id(student_id)).count()


def test_every_handler_that_writes_declares_it():
    for contract in all_contracts():
        catalogue = handler_catalogue(contract.block_class)
        for spec in contract.handlers:
            if spec.studio:
                continue
            handler = getattr(contract.block_class, spec.name)
            assert getattr(handler, "writes", False) == spec.writes, (contract.block_type, spec.name)
            assert spec.name in catalogue


def test_a_refused_write_leaves_nothing_behind(keten):
    """A refusal inside the step rolls back what the step wrote, lock row included."""
    person = fresh("rollback")
    block = person.block(keten)

    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        with storage.participant_write(block, block.identity):
            block._private().write(block.identity.anonymous_id, {"draft": {"x": 1}}, 0)
            raise Refused
    assert live_rows(person.student_id) == 0
    assert not StudentItem.objects.filter(student_id=block.identity.anonymous_id).exists()


@pytest.mark.parametrize("begins_immediate", [False, True])
def test_the_lock_row_is_made_once_and_kept_apart(keten, monkeypatch, begins_immediate):
    """Where the step's first statement takes the lock, the lock row is made once and
    kept apart from the records; where SQLite begins every transaction IMMEDIATE
    (the demo), the write lock is taken when the step begins and no row is needed."""
    monkeypatch.setattr(locks, "_begins_immediate", lambda: begins_immediate)
    person = fresh(f"lockrow{int(begins_immediate)}")
    block = person.block(keten)
    for _ in range(3):
        with transaction.atomic(), storage.participant_write(block, block.identity):
            pass
    rows = Lock.objects.filter(key=block.identity.anonymous_id)
    assert [row.scope for row in rows] == ([] if begins_immediate else [keten])
    assert not StudentItem.objects.filter(student_id=block.identity.anonymous_id).exists()


def reset_student_attempts(usage_id, student_id, requesting_student_id, delete_module=True):
    """What the LMS does on "Delete learner's state", shaped as
    lms/djangoapps/instructor/enrollment.py `reset_student_attempts`: the block
    comes from the modulestore (not bound to the learner), `clear_student_state`
    is called with keyword arguments (anonymous ids, keys as strings) when the
    block has it, the platform's own `reset_score` only when it has not, and
    then the learner's StudentModule (here: the workbench's state rows) is deleted.
    """
    from submissions import api as submissions_api

    block = WorkbenchRuntime(requesting_student_id).get_block(usage_id)  # the modulestore's copy
    course_id = block._records().course_id
    submission_cleared = False
    if delete_module:
        clear_student_state = getattr(block, "clear_student_state", None)
        if callable(clear_student_state):
            clear_student_state(user_id=workbench_anonymous_id(student_id), course_id=str(course_id),
                                item_id=str(usage_id), requesting_user_id=workbench_anonymous_id(requesting_student_id))
            submission_cleared = True
    if delete_module and not submission_cleared:
        submissions_api.reset_score(workbench_anonymous_id(student_id), str(course_id), str(usage_id))
    XBlockState.objects.filter(user_id=student_id, scope_id=usage_id).delete()


def test_delete_learner_state_lets_the_participant_start_again(pre_post):
    """The platform's call: keyword arguments, anonymous ids, keys as strings,
    on a block loaded without the learner (the modulestore's copy)."""
    start, end = pre_post
    instrument = "sturen_vanuit_vertrouwen"
    person = fresh("cleared")
    assert person.post(start, "submit", {"answers": answers(instrument, 2)}).status_code == 200
    assert person.post(end, "save_draft", {"answers": {"vm1": 3}, "version": 0}).status_code == 200
    assert person.post(end, "submit", {"answers": answers(instrument, 4)}).status_code == 200
    assert person.post(end, "save_reflection", {"text": "weg ermee"}).status_code == 200
    reset_student_attempts(end, person.student_id, "staff_instructor")

    mine = person.get(end, "my_data").json()["data"]
    assert mine["stored_records"] == [] and mine["reflection"] == "" and mine["private_versions"] == []
    assert [r["data"]["block"] for r in mine["series_records"]] == [start], "the other scan's record must stay"
    assert not person.get(end, "results").json()["submitted"]
    again = person.post(end, "submit", {"answers": answers(instrument, 5)})
    assert again.status_code == 200 and again.json()["attempt"] == 1
    # The earlier scan was not touched.
    assert person.get(start, "results").json()["submitted"]


def test_delete_learner_state_touches_no_one_else(keten):
    instrument = "samenwerking_in_de_keten"
    cleared, other = fresh("cleared"), fresh("kept")
    for person in (cleared, other):
        assert person.post(keten, "submit", {"answers": answers(instrument)}).status_code == 200
    before = live_rows(other.student_id)
    reset_student_attempts(keten, cleared.student_id, "staff_instructor")
    assert live_rows(cleared.student_id) == 0
    assert live_rows(other.student_id) == before


def test_private_note_and_draft_stay_out_of_user_state_and_the_report(keten):
    instrument = "samenwerking_in_de_keten"
    person = fresh("private")
    note = "PRIVATE-NOTE-" + uuid.uuid4().hex
    assert person.post(keten, "submit", {"answers": answers(instrument)}).status_code == 200
    assert person.post(keten, "save_reflection", {"text": note}).status_code == 200
    assert person.post(keten, "start_retake", {}).status_code == 200
    first = shipped_instrument(instrument).items[0].key
    assert person.post(keten, "save_draft", {"answers": {first: 6}, "version": 2}).status_code == 200
    states = XBlockState.objects.filter(user_id=person.student_id)
    stored = " ".join(row.state for row in states)
    assert note not in stored and "draft" not in stored and "reflection" not in stored

    class UserState:  # what the platform's report iterates (username, state)
        def __init__(self, state):
            self.username, self.state = person.student_id, json.loads(state)

    rows = list(person.block(keten).generate_report_data(iter([UserState(r.state) for r in states])))
    assert rows and note not in json.dumps(rows)
    assert rows[0][1]["attempt"] == 1


def test_own_data_holds_the_series_records_of_other_scans(pre_post):
    start, end = pre_post
    instrument = "sturen_vanuit_vertrouwen"
    person = fresh("series")
    assert person.post(start, "submit", {"answers": answers(instrument, 2)}).status_code == 200
    assert person.post(end, "submit", {"answers": answers(instrument, 4)}).status_code == 200
    for usage_id in (start, end):
        series = person.get(usage_id, "my_data").json()["data"]["series_records"]
        assert sorted(r["data"]["block"] for r in series) == sorted([start, end])


def test_demo_reset_clears_records_and_needs_no_referer(keten):
    instrument = "samenwerking_in_de_keten"
    person = fresh("reset")
    assert person.post(keten, "submit", {"answers": answers(instrument)}).status_code == 200
    client = Client()
    assert client.get("/reset_state").status_code == 405
    response = client.post("/reset_state")  # no Referer header
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.post("/reset_state", HTTP_REFERER="https://elsewhere.example/").headers["Location"] == "/"
    assert live_rows(person.student_id) == 0
    assert not person.get(keten, "results").json()["submitted"]
    assert person.post(keten, "submit", {"answers": answers(instrument)}).status_code == 200
    assert Client().get("/").status_code == 200
