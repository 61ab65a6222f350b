"""The feedback round's pure rules: who reviews whom, rotating roles, release at the due date."""
import datetime
import itertools
from collections import Counter

import pytest

from leergang_xblocks.core import groups
from leergang_xblocks.feedback_round import methods, rules

UTC = datetime.timezone.utc


def ids(n):
    return [f"anon-{i:03d}" for i in range(n)]


@pytest.mark.parametrize("count", range(1, 40))
@pytest.mark.parametrize("size", [2, 3, 4, 5, 8])
def test_balanced_groups_for_rounds_differ_by_at_most_one_and_nobody_is_alone(count, size):
    """The groups a round runs in (core's assign_balanced, as staff make them here)."""
    made = groups.assign_balanced([groups.Member(a, a) for a in ids(count)], size, "name")
    sizes = [len(g) for g in made]
    assert sum(sizes) == count
    assert max(sizes) - min(sizes) <= 1
    if count > 1:
        assert min(sizes) >= 2, sizes
    assert sorted(m.anonymous_id for g in made for m in g) == ids(count)


@pytest.mark.parametrize("n", range(1, 12))
@pytest.mark.parametrize("k", [0, 1, 2, 3, 5, 20])
def test_each_member_gives_and_receives_the_same_number_and_never_to_themselves(n, k):
    members = ids(n)
    expected = (n - 1) if k == 0 else min(k, n - 1)
    received = Counter()
    for giver in members:
        peers = rules.peers_of(giver, members, k, "block-1", "group-a")
        assert len(peers) == expected == len(set(peers))
        assert giver not in peers and set(peers) <= set(members)
        received.update(peers)
        # reviewers_of is the inverse of peers_of
        for peer in peers:
            assert giver in rules.reviewers_of(peer, members, k, "block-1", "group-a")
    assert all(received[m] == expected for m in members)


def test_the_assignment_is_deterministic_and_not_alphabetical():
    members = ids(8)
    first = [rules.peers_of(m, members, 2, "block-1", "g") for m in members]
    again = [rules.peers_of(m, list(reversed(members)), 2, "block-1", "g") for m in members]
    assert first == again
    other_block = [rules.peers_of(m, members, 2, "block-2", "g") for m in members]
    assert first != other_block          # another round mixes the pairs differently
    assert rules.ring(members, "block-1", "g") != sorted(members)


def test_a_non_member_has_no_peers():
    assert rules.peers_of("stranger", ids(4), 2, "b", "g") == []


@pytest.mark.parametrize("method", methods.METHOD_KEYS)
@pytest.mark.parametrize("n", range(1, 10))
def test_places_rotate_so_everyone_takes_each_place_once_in_n_rounds(method, n):
    members = ids(n)
    places = methods.METHODS[method].slots(n)
    for start in (1, 4):
        taken = Counter()
        for round_number in range(start, start + n):
            assigned = methods.roles_for_round(method, members, round_number, "group-x")
            # Every role of the group's places is taken in every round, by exactly one member.
            all_roles = list(itertools.chain.from_iterable(assigned.values()))
            assert sorted(all_roles) == sorted(itertools.chain.from_iterable(places))
            for member, roles in assigned.items():
                if roles:
                    taken[(member, tuple(roles))] += 1
        assert all(taken[(m, place)] == 1 for m in members for place in places), taken


@pytest.mark.parametrize("method", methods.METHOD_KEYS)
@pytest.mark.parametrize("n,rounds", [(3, 7), (5, 6), (6, 4), (8, 11)])
def test_over_any_number_of_rounds_role_counts_differ_by_at_most_one(method, n, rounds):
    members = ids(n)
    taken = Counter()
    for round_number in range(1, rounds + 1):
        for member, roles in methods.roles_for_round(method, members, round_number, "g").items():
            taken.update((member, role) for role in roles)
    for role in itertools.chain.from_iterable(methods.METHODS[method].slots(n)):
        counts = [taken[(m, role)] for m in members]
        assert max(counts) - min(counts) <= 1, (role, counts)
    for round_number in range(1, rounds + 1):
        assert all(len(r) <= 1 for r in methods.roles_for_round(method, members, round_number, "g").values()) \
            or n < 4


def test_roles_of_an_empty_group():
    assert methods.roles_for_round(rules.METHOD_INCIDENT, [], 3, "g") == {}



def test_due_dates_are_local_time_in_the_netherlands():
    due = rules.parse_due("2026-12-01 17:00")
    assert due.utcoffset() == datetime.timedelta(hours=1)      # winter time
    assert rules.parse_due("2026-07-01T17:00").utcoffset() == datetime.timedelta(hours=2)
    assert rules.parse_due("2026-12-01").hour == 23
    assert rules.parse_due("") is None
    for bad in ("1-12-2026", "2026-13-01", "morgen", "2026-12-01 25:00"):
        with pytest.raises(ValueError):
            rules.parse_due(bad)


def test_feedback_is_released_exactly_at_its_due_date():
    due = rules.parse_due("2026-12-08 17:00")
    just_before = due - datetime.timedelta(seconds=1)
    assert not rules.feedback_released(True, due, just_before)
    assert rules.feedback_released(True, due, due)
    assert rules.feedback_released(True, due, due + datetime.timedelta(days=3))
    # Without the setting, or without a due date, feedback reaches its receiver at once.
    assert rules.feedback_released(False, due, just_before)
    assert rules.feedback_released(True, None, just_before)
    assert rules.is_past(due, due) and not rules.is_past(due, just_before) and not rules.is_past(None, due)


def test_advice_is_dropped_where_the_method_asks_questions_only():
    assert "suggestion" not in rules.prompts_for(rules.METHOD_AIRTIME, "clarifying, suggestion")
    assert rules.prompts_for(rules.METHOD_AIRTIME, "") == ("clarifying", "deeper")
    assert "suggestion" in rules.prompts_for(rules.METHOD_INCIDENT, "")
    assert rules.prompts_for(rules.METHOD_FREE, "deeper;recognise") == ("deeper", "recognise")
    assert rules.parse_prompt_kinds("clarifying, advies, Deeper") == (("clarifying", "deeper"), ["advies"])
