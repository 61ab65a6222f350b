"""Each feedback-round method as groups practise it (issue 22): its steps in order,
who has the turn in each, and which roles a group of its size takes."""
from collections import Counter

import pytest

from leergang_xblocks.feedback_round import methods, rules

MEMBERS = [f"m{i}" for i in range(6)]


def keys(plan):
    return [step["key"] for step in plan]


def test_the_incident_method_has_its_steps_in_order():
    roles = methods.roles_for_round(rules.METHOD_INCIDENT, MEMBERS[:4], 1, "g")
    plan = methods.plan(rules.METHOD_INCIDENT, MEMBERS[:4], roles, with_actions=True)
    assert keys(plan) == ["follow_up", "incident", "information_questions", "what_would_you_do",
                          "choice", "lessons", "actions"]
    bringer = next(aid for aid, held in roles.items() if "case_bringer" in held)
    by_key = {step["key"]: step for step in plan}
    assert by_key["incident"]["turn"] == [bringer]
    assert by_key["choice"]["turn"] == [bringer]
    assert bringer not in by_key["information_questions"]["turn"]
    assert sorted(by_key["what_would_you_do"]["turn"]) == sorted(m for m in MEMBERS[:4] if m != bringer)
    assert all(step["minutes"] > 0 for step in plan)


def test_an_airtime_round_gives_every_member_airtime_and_has_no_single_case_bringer():
    group = MEMBERS[:5]
    roles = methods.roles_for_round(rules.METHOD_AIRTIME, group, 2, "g")
    assert not any("case_bringer" in held for held in roles.values())
    plan = methods.plan(rules.METHOD_AIRTIME, group, roles, with_actions=True)
    presenters = [step["presenter"] for step in plan if step["key"] == "present"]
    assert sorted(presenters) == sorted(group)
    # Per presenter: present, clarifying questions, deeper questions (no advice), summary, their actions.
    first = presenters[0]
    own = [step["key"] for step in plan if step.get("presenter") == first]
    assert own == ["present", "clarifying_questions", "deeper_questions", "summary", "own_actions"]
    questions = next(s for s in plan if s["key"] == "clarifying_questions" and s["presenter"] == first)
    assert first not in questions["turn"]
    assert keys(plan)[0] == "follow_up" and "actions" not in keys(plan)   # each presenter names their own
    without = methods.plan(rules.METHOD_AIRTIME, group, roles, with_actions=False)
    assert "own_actions" not in keys(without)


@pytest.mark.parametrize("method", methods.METHOD_KEYS)
@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7])
def test_a_group_takes_no_more_roles_than_it_can_hold(method, size):
    group = MEMBERS[:size] if size <= len(MEMBERS) else [f"x{i}" for i in range(size)]
    for round_number in range(1, 2 * size + 1):
        roles = methods.roles_for_round(method, group, round_number, "g")
        holders = [aid for aid, held in roles.items() if held]
        assert len(holders) <= size
        if size <= 3:
            assert len(set(r for held in roles.values() for r in held)) <= size + 1
        # The case-bringer only brings the case.
        for held in roles.values():
            assert "case_bringer" not in held or held == ["case_bringer"]


def test_a_trio_does_not_get_four_separate_roles():
    trio = MEMBERS[:3]
    roles = methods.roles_for_round(rules.METHOD_INCIDENT, trio, 1, "g")
    assert sum(1 for held in roles.values() if held) == 3
    assert sorted(r for held in roles.values() for r in held) == sorted(
        ["case_bringer", "facilitator", "timekeeper", "note_taker"])
    combined = next(held for held in roles.values() if len(held) > 1)
    assert combined == ["facilitator", "timekeeper"]


def test_roles_rotate_so_that_each_member_takes_each_place_once_in_n_rounds():
    group = MEMBERS[:4]
    taken = Counter()
    for round_number in range(1, 5):
        for aid, held in methods.roles_for_round(rules.METHOD_INCIDENT, group, round_number, "g").items():
            taken.update((aid, role) for role in held)
    assert all(taken[(aid, "case_bringer")] == 1 for aid in group)


def test_every_step_and_role_has_a_text():
    for method in methods.METHOD_KEYS:
        for step in methods.METHODS[method].steps_in_order():
            assert methods.STEP_TEXTS[step.key][0] and methods.STEP_TEXTS[step.key][1]
        for slot in methods.METHODS[method].slots(7):
            assert all(role in methods.ROLE_TEXTS for role in slot)
