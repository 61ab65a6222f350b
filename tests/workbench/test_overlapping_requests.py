"""One participant's requests overlap: a double click, two tabs, an autosave
racing the submit. Each test starts the requests in threads released at one
moment (a barrier), through the workbench's real request path on the test
database, and then checks what the issue promises:

- exactly one of a burst of submits is accepted, the rest get 409, one record;
- a draft racing a submit never hides the stored result (no stuck participant);
- of two drafts sent with the same version, one is kept and the other gets 409;
- a participant's first overlapping requests never break the demo's store.
"""
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from submissions.models import Submission
from workbench.models import XBlockState

from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids

INSTRUMENT = "samenwerking_in_de_keten"


@pytest.fixture
def keten():
    return next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)


def all_answers(value=4):
    return {item.key: value for item in shipped_instrument(INSTRUMENT).items}


def at_once(calls):
    """Run every call in its own thread, all released together; return their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def records_of(student_id, usage_id):
    return list(Submission.objects.filter(student_item__student_id=workbench_anonymous_id(student_id),
                                          student_item__item_id=usage_id)
                .order_by("id").values_list("attempt_number", flat=True))


def assert_not_stuck(person, usage_id):
    """The stored record is what every view shows: results, not an empty form."""
    results = person.get(usage_id, "results")
    assert results.status_code == 200, results.content[:300]
    assert results.json()["submitted"], "a record is stored but the results say nothing was submitted"
    block = person.block(usage_id)
    html = block.render("student_view").content
    assert "trust-scan-form" not in html, "a record is stored but the participant sees an empty form"


@pytest.mark.parametrize("opened_before", [True, False], ids=["opened-before", "first-visit"])
def test_a_burst_of_identical_submits_is_accepted_once(keten, opened_before):
    person = Participant("burst-" + uuid.uuid4().hex[:8])
    if opened_before:
        assert person.get(keten, "results").status_code == 200
    body = {"answers": all_answers()}
    clients = [Participant(person.student_id) for _ in range(20)]
    responses = at_once([lambda c=c: c.post(keten, "submit", body) for c in clients])
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * 19, statuses
    assert all(r.json()["error"]["code"] == "already_submitted" for r in responses if r.status_code == 409)
    assert records_of(person.student_id, keten) == [1]
    assert_not_stuck(person, keten)


def test_a_burst_of_retake_submits_gives_one_new_attempt(keten):
    person = Participant("retake-burst-" + uuid.uuid4().hex[:8])
    assert person.post(keten, "submit", {"answers": all_answers(2)}).status_code == 200
    assert person.post(keten, "start_retake", {}).status_code == 200
    clients = [Participant(person.student_id) for _ in range(10)]
    responses = at_once([lambda c=c: c.post(keten, "submit", {"answers": all_answers(6)}) for c in clients])
    assert sorted(r.status_code for r in responses) == [200] + [409] * 9
    assert records_of(person.student_id, keten) == [1, 2]
    assert person.get(keten, "results").json()["attempt"] == 2


@pytest.mark.parametrize("round_", range(6))
def test_a_draft_racing_the_submit_never_hides_the_result(keten, round_):
    person = Participant("race-" + uuid.uuid4().hex[:8])
    first = shipped_instrument(INSTRUMENT).items[0].key
    saved = person.post(keten, "save_draft", {"answers": {first: 3}, "version": 0})
    assert saved.status_code == 200
    version = saved.json()["version"]
    tab_a, tab_b = Participant(person.student_id), Participant(person.student_id)
    submit, draft = at_once([
        lambda: tab_a.post(keten, "submit", {"answers": all_answers()}),
        lambda: tab_b.post(keten, "save_draft", {"answers": {first: 5}, "version": version}),
    ])
    assert submit.status_code == 200, submit.content[:300]
    assert draft.status_code in (200, 409), draft.content[:300]
    assert records_of(person.student_id, keten) == [1]
    assert_not_stuck(person, keten)
    # A later submit is refused because the scan was submitted, which the participant can see.
    again = person.post(keten, "submit", {"answers": all_answers()})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_submitted"


@pytest.mark.parametrize("round_", range(6))
def test_two_tabs_saving_a_draft_with_one_version(keten, round_):
    person = Participant("tabs-" + uuid.uuid4().hex[:8])
    items = [item.key for item in shipped_instrument(INSTRUMENT).items]
    assert person.post(keten, "save_draft", {"answers": {items[0]: 1}, "version": 0}).status_code == 200
    tabs = [Participant(person.student_id) for _ in range(2)]
    bodies = [{"answers": {items[1]: 2}, "version": 1}, {"answers": {items[2]: 3}, "version": 1}]
    responses = at_once([lambda t=t, b=b: t.post(keten, "save_draft", b) for t, b in zip(tabs, bodies)])
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 409], statuses
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["error"]["code"] == "stale_version"
    winner = bodies[[r.status_code for r in responses].index(200)]
    draft = person.get(keten, "my_data").json()["data"]["draft_answers"]
    assert draft == {items[0]: 1, **winner["answers"]}, "an acknowledged draft answer was lost"


def test_first_overlapping_requests_leave_one_state_row(keten):
    """The demo's store must not make two rows for one key (then every request 500s)."""
    person = Participant("first-" + uuid.uuid4().hex[:8])
    clients = [Participant(person.student_id) for _ in range(12)]
    first = shipped_instrument(INSTRUMENT).items[0].key
    calls = [lambda c=c: c.get(keten, "results") for c in clients[:6]]
    calls += [lambda c=c: c.post(keten, "save_draft", {"answers": {first: 2}, "version": 0}) for c in clients[6:]]
    responses = at_once(calls)
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    keys = list(XBlockState.objects.filter(user_id=person.student_id).values_list("scope", "scope_id"))
    assert len(keys) == len(set(keys)), f"duplicate state rows: {keys}"
    assert person.get(keten, "results").status_code == 200
    assert person.post(keten, "submit", {"answers": all_answers()}).status_code == 200


def test_a_handler_on_state_read_before_a_submit_sees_the_submit(keten):
    """The LMS reads a participant's state before the handler runs; a draft sent
    just before a submit (in another tab) arrives with that stale state. It must
    be refused, and the result must stay visible."""
    import json

    from webob import Request

    person = Participant("stale-" + uuid.uuid4().hex[:8])
    first = shipped_instrument(INSTRUMENT).items[0].key
    stale = person.block(keten)
    stale.render("student_view")  # the state is read (and cached) here, as the LMS prefetches it
    assert person.post(keten, "submit", {"answers": all_answers()}).status_code == 200
    request = Request.blank("/", method="POST", body=json.dumps({"answers": {first: 5}, "version": 0}).encode(),
                            content_type="application/json")
    response = stale.runtime.handle(stale, "save_draft", request)
    assert response.status_code == 409, response.body[:300]
    assert json.loads(response.body)["error"]["code"] == "already_submitted"
    assert records_of(person.student_id, keten) == [1]
    assert_not_stuck(person, keten)


def test_the_demo_store_keeps_one_row_per_key(keten):
    """Two first requests that both miss a state row both create one (xblock-sdk's
    get_or_create, no unique key); then every request of that participant 500s
    with MultipleObjectsReturned. The store must refuse the second row, so that
    get_or_create finds the first one instead."""
    from django.db import IntegrityError, transaction

    person = Participant("dup-" + uuid.uuid4().hex[:8])
    assert person.post(keten, "submit", {"answers": all_answers()}).status_code == 200  # writes user state
    rows = list(XBlockState.objects.filter(user_id=person.student_id))
    assert rows
    # Every kind of row: a block's user state, and a user's field of no single block
    # (Scope.user_info, stored with a NULL scope id).
    for row in rows:
        try:
            with transaction.atomic():
                XBlockState.objects.create(scope=row.scope, scope_id=row.scope_id, user_id=row.user_id,
                                           scenario=row.scenario, tag=row.tag)
        except IntegrityError:
            pass
        assert XBlockState.objects.filter(user_id=person.student_id, scope=row.scope,
                                          scope_id=row.scope_id).count() == 1, row.scope
    assert person.post(keten, "start_retake", {}).status_code == 200
    assert person.post(keten, "submit", {"answers": all_answers()}).status_code == 200
