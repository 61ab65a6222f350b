"""Each block tells the platform's completion API when a participant is done
(core/completion.py), from the participant's own request.

The LMS hands a block's `completion` event to the completion service for the
requesting user (xmodule/services.py, `EventPublishingService.publish`); a block
with `has_custom_completion` is never marked complete on view
(completion/services.py, `can_mark_block_complete_on_view`).
"""
import datetime
import uuid

import pytest
from workbench.runtime import WorkbenchRuntime
from xblock.completable import XBlockCompletionMode

from leergang_xblocks.case import block as case_block
from tests.support import dialogue as dialogue_support
from tests.support import feedback_round as round_support
from tests.support import groups as groups_support
from tests.support.case import new_case_course
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)
DONE = {"completion": 1.0}


@pytest.fixture
def completions(monkeypatch):
    """(workbench user, usage id) of every completion event, in order."""
    events = []

    def publish(self, block, kind, data):
        if kind == "completion":
            assert data == DONE
            events.append((getattr(self, "user_id", None), str(block.scope_ids.usage_id)))
    monkeypatch.setattr(WorkbenchRuntime, "publish", publish, raising=False)
    return events


def ok(response):
    assert response.status_code == 200, response.content[:400]
    return response.json()


def tag():
    return uuid.uuid4().hex[:6]


def can_mark_complete_on_view(block):
    """completion/services.py (openedx/completion adde3bed68397b27353e2703fd7d864603b0184c),
    `CompletionService.can_mark_block_complete_on_view`."""
    return (XBlockCompletionMode.get_mode(block) == XBlockCompletionMode.COMPLETABLE
            and not getattr(block, "has_custom_completion", False)
            and not getattr(block, "has_score", False))


def test_groups_a_member_is_done_when_their_introduction_is_posted(completions):
    scenario, usage = groups_support.new_course(set_name="c" + tag())
    a, b = f"ga{tag()}", f"gb{tag()}"
    for student in (a, b):
        groups_support.visit(scenario, student)
    groups_support.arrange(usage, {"Groep 1": [a, b]})
    assert completions == []
    assert not can_mark_complete_on_view(Participant(a).block(usage))
    ok(Participant(a).post(usage, "post_introduction", {"text": "Ik ben Anna."}))
    assert completions == [(a, usage)]


def test_groups_that_ask_for_no_introduction_are_complete_on_view():
    scenario, usage = groups_support.new_course(set_name="c" + tag(), extra='ask_introduction="false"')
    assert can_mark_complete_on_view(Participant("x" + tag()).block(usage))


def test_feedback_round_done_is_posted_and_gave_what_is_owed(completions):
    scenario, usage = round_support.new_round(set_name="r" + tag())
    a, b = round_support.people(2)
    for student in (a, b):
        Participant(student).page(scenario)
    round_support.arrange(usage, {"Groep 1": [a, b]})
    round_support.post_update(usage, a)
    assert completions == [(a, usage)]          # b has posted nothing: a owes nothing yet
    round_support.post_update(usage, b)
    assert completions == [(a, usage)]          # b owes feedback on a's update
    view = round_support.state(usage, b)
    receiver = next(p["name"] for p in view["to_review"])
    ok(round_support.give(usage, b, receiver, {p["key"]: "Goed gedaan." for p in view["prompts"]}))
    assert completions[-1] == (b, usage)


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def test_case_whole_journey_is_done_when_the_case_is_described(completions, fixed_today):
    scenario, (usage,) = new_case_course()
    anna = Participant("c" + tag())
    anna.page(scenario)
    assert completions == []
    ok(anna.post(usage, "save_case", {"fields": {"title": "Minder regels"}}))
    assert completions == [(anna.student_id, usage)]


def test_a_session_copy_is_done_when_that_sessions_entry_is_written_in_any_copy(completions, fixed_today):
    scenario, (journey, copy) = new_case_course(blocks=2)
    anna = Participant("c" + tag())
    staff = Participant("staff_" + tag())
    # The second block shows session 3's step of the same case.
    block = WorkbenchRuntime(staff.student_id).get_block(copy)
    block.focus_session = 3
    block.save()
    ok(anna.post(journey, "save_case", {"fields": {"title": "Minder regels"}}))
    entry = {"session": 2, "parts": {}, "reflection": {"action": "Gesprek"}, "actions": [], "carried": {}, "seen": 0}
    ok(anna.post(copy, "log_entry", entry))
    assert (anna.student_id, copy) not in completions       # session 2 is not this copy's session
    ok(anna.post(journey, "log_entry", {**entry, "session": 3}))
    assert (anna.student_id, copy) not in completions
    anna.page(scenario)                                       # the copy sees its session done
    assert (anna.student_id, copy) in completions
    staff.page(scenario)
    assert all(user != staff.student_id for user, _usage in completions)


def test_dialogue_done_is_a_position_and_the_reflection_it_asks_for(completions):
    scenario, usage = dialogue_support.new_dialogue()
    anna = Participant("d" + tag())
    ok(anna.post(usage, "take_position", dialogue_support.position()))
    assert completions == []                                  # the exercise asks for a reflection
    for other in ("b", "c"):                                  # which comes after the reveal (3 positions)
        ok(Participant("d" + tag()).post(usage, "take_position", dialogue_support.position(other)))
    assert completions == []
    ok(anna.post(usage, "reflect", {"values": {"keys": [], "own": []}, "changed": "Ik luister beter.",
                                    "listening": None, "note": ""}))
    assert completions == [(anna.student_id, usage)]


def test_dialogue_without_a_reflection_step_is_done_with_the_position(completions):
    scenario, usage = dialogue_support.new_dialogue(extra='step_reflection="false"')
    anna = Participant("d" + tag())
    ok(anna.post(usage, "take_position", dialogue_support.position()))
    assert completions == [(anna.student_id, usage)]



def test_trust_scan_done_is_submitted(completions):
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    from tests.support.workbench import scenario_usage_ids
    usage = [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]
    anna = Participant("t" + tag())
    instrument = shipped_instrument(anna.block(usage).instrument_key)
    ok(anna.post(usage, "save_draft", {"answers": {}, "version": 0}))
    assert completions == []
    ok(anna.post(usage, "submit", {"answers": {item.key: 4 for item in instrument.items}}))
    assert completions == [(anna.student_id, usage)]
