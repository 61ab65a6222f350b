"""The dialogue exercise's rules at their boundaries: reveal threshold, distribution,
shift, minority detection with ties, and the tally against a recount."""
import random
from types import SimpleNamespace

import pytest

from leergang_xblocks.dialogue import exercise


# --- Reveal threshold --------------------------------------------------------------

@pytest.mark.parametrize("minimum, group_size, positions, revealed", [
    (3, None, 2, False), (3, None, 3, True), (3, None, 4, True),
    (5, None, 4, False), (5, None, 5, True),
    # a group smaller than the minimum opens when all have voted
    (5, 4, 3, False), (5, 4, 4, True), (3, 3, 3, True), (3, 8, 2, False), (3, 8, 3, True),
    # never with fewer than two, whatever the settings or the group
    (1, None, 1, False), (1, None, 2, True), (3, 1, 1, False), (3, 2, 2, True),
    (None, None, 2, False), (None, None, 3, True),
])
def test_reveal_threshold(minimum, group_size, positions, revealed):
    assert exercise.is_revealed(positions, minimum, group_size) is revealed


def test_reveal_threshold_is_the_smaller_of_minimum_and_group():
    assert exercise.reveal_threshold(3) == 3
    assert exercise.reveal_threshold(6, 4) == 4
    assert exercise.reveal_threshold(2, 10) == 2
    assert exercise.reveal_threshold(0) == 3  # unset: the default


# --- Distribution, shift and minority ------------------------------------------------

def test_distribution_counts_every_option_including_zero():
    assert exercise.distribution(("a", "b", "c"), ["a", "c", "a"]) == {"a": 2, "b": 0, "c": 1}
    assert exercise.distribution(("a", "b"), []) == {"a": 0, "b": 0}
    # an option that no longer exists is not counted under another
    assert exercise.distribution(("a", "b"), ["a", "z"]) == {"a": 1, "b": 0}


@pytest.mark.parametrize("counts, minority", [
    ({"a": 3, "b": 1}, {"b"}),
    ({"a": 3, "b": 1, "c": 1}, {"b", "c"}),      # two smallest tied: both minority
    ({"a": 2, "b": 2}, set()),                    # a tie at the top: no minority
    ({"a": 2, "b": 2, "c": 1}, {"c"}),            # tie at the top, one below
    ({"a": 3, "b": 2, "c": 1}, {"b", "c"}),       # everyone below the largest
    ({"a": 5, "b": 0}, set()),                    # unanimous: no minority
    ({"a": 0, "b": 0}, set()),
    ({}, set()),
    ({"a": 1, "b": 1, "c": 1, "d": 1}, set()),
])
def test_minority_options_with_ties(counts, minority):
    assert exercise.minority_options(counts) == minority


def test_shift_counts_movers_stayers_and_moves():
    first = {"p1": "a", "p2": "a", "p3": "b", "p4": "c"}
    final = {"p1": "b", "p2": "a", "p3": "a", "p4": "c"}
    assert exercise.shift(first, final) == {"moved": 2, "stayed": 2, "moves": {"a>b": 1, "b>a": 1}}
    # someone who only re-voted (no first vote) or has no re-vote yet is not counted
    assert exercise.shift({"p1": "a"}, {}) == {"moved": 0, "stayed": 0, "moves": {}}


def test_scale_movement_is_signed():
    assert exercise.scale_movement("2", "4") == 2
    assert exercise.scale_movement("5", "1") == -4
    assert exercise.scale_movement("a", "b") is None


# --- The tally -----------------------------------------------------------------------

def test_fold_keeps_each_latest_position_and_the_moves():
    tally = exercise.empty_tally(1)
    tally = exercise.fold(tally, {"kind": "position", "round": 1, "option": "a",
                                  "values": {"keys": ["v1"], "own": ["Moed"]}})
    tally = exercise.fold(tally, {"kind": "position", "round": 1, "option": "b", "values": {"keys": [], "own": []}})
    tally = exercise.fold(tally, {"kind": "revote", "round": 1, "option": "b", "from": "a"})
    assert tally["first"] == {"a": 1, "b": 1}
    assert tally["final"] == {"b": 2}
    assert tally["moves"] == {"a>b": 1}
    assert tally["values"] == {"v1": 1} and tally["own_values"] == {"moed": 1}
    # taking a record out again restores the earlier tally exactly
    back = exercise.fold(tally, {"kind": "revote", "round": 1, "option": "b", "from": "a"}, sign=-1)
    assert back["final"] == {"a": 1, "b": 1} and back["moves"] == {} and back["revotes"] == 0


def test_a_replaced_reflection_counts_once():
    records = [{"kind": "position", "round": 1, "option": "a"},
               {"kind": "reflection", "round": 1, "values": {"keys": ["v2"], "own": []}, "listening": "factual"},
               {"kind": "reflection", "round": 1, "values": {"keys": ["v3"], "own": []}, "listening": "empathic"}]
    tally = exercise.recount({"p": records}, 1)
    assert tally["reflections"] == 1 and tally["listening"] == {"empathic": 1} and tally["values"] == {"v3": 1}


def test_fold_in_any_order_equals_the_recount():
    rng = random.Random(14)
    people = {}
    for index in range(200):
        option = rng.choice("abc")
        records = [{"kind": "position", "round": 1, "option": option,
                    "values": {"keys": rng.sample(["v1", "v2", "v3"], rng.randint(0, 2)), "own": []}}]
        if rng.random() < 0.6:
            records.append({"kind": "revote", "round": 1, "option": rng.choice("abc"), "from": option})
        if rng.random() < 0.3:
            records.append({"kind": "response", "round": 1})
        people[f"p{index}"] = records
    events = [record for records in people.values() for record in records]
    # positions always before their own re-vote, otherwise any interleaving
    rng.shuffle(events)
    events.sort(key=lambda r: r["kind"] == "revote")
    tally = exercise.empty_tally(1)
    for record in events:
        tally = exercise.fold(tally, record)
    recount = exercise.recount(people, 1)
    assert exercise.comparable(tally) == exercise.comparable(recount)
    assert sum(tally["final"].values()) == 200 == tally["positions"]


def test_recount_counts_only_its_round():
    people = {"p": [{"kind": "position", "round": 1, "option": "a"}, {"kind": "position", "round": 2, "option": "b"}]}
    assert exercise.recount(people, 2)["first"] == {"b": 1}


def test_own_value_words_are_capped_and_counted_together_beyond():
    tally = exercise.empty_tally(1)
    for index in range(exercise.MAX_OWN_VALUE_WORDS + 5):
        tally = exercise.fold(tally, {"kind": "position", "round": 1, "option": "a",
                                      "values": {"keys": [], "own": [f"word {index}"]}})
    assert len(tally["own_values"]) == exercise.MAX_OWN_VALUE_WORDS and tally["own_other"] == 5


# --- Settings ------------------------------------------------------------------------

def settings(**changes):
    base = dict(kind="options", case_nl="Casus", case_en="", options_nl="Ja\nNee", options_en="Yes\nNo",
                variations_nl="", variations_en="", values_nl="gelijkheid", values_en="equality", scope="cohort",
                min_positions=3, step_reveal=True, step_respond=True, step_revote=True, step_minority=True,
                step_reflection=True)
    base.update(changes)
    return SimpleNamespace(**base)


def fields_with_problems(**changes):
    return {name for name, _message, _params in exercise.settings_problems(settings(**changes))}


def test_good_settings_have_no_problems():
    assert fields_with_problems() == set()
    assert fields_with_problems(kind="scale", options_nl="", options_en="") == set()


def test_settings_problems_name_their_field():
    assert "options_nl" in fields_with_problems(options_nl="Ja", options_en="Yes")             # one option
    assert "options_nl" in fields_with_problems(options_nl="1\n2\n3\n4\n5", options_en="")    # five
    assert "options_en" in fields_with_problems(options_en="Yes")                              # lines differ
    assert "options_nl" in fields_with_problems(options_nl="Ja\nja", options_en="")            # twice
    assert "case_nl" in fields_with_problems(case_nl=" ", case_en="")
    assert "min_positions" in fields_with_problems(min_positions=1)
    assert "step_reveal" in fields_with_problems(step_reveal=False)
    assert "step_minority" in fields_with_problems(step_revote=False)
    assert "scope" in fields_with_problems(scope="everyone")


def test_a_write_refuses_on_every_setting_problem_but_the_case_text():
    """A write checks what it reads (exercise.write_problems): every problem the page and
    Studio name, but the case text, which no write reads (the page says it is not ready)."""
    broken = [dict(options_nl="Ja", options_en="Yes"), dict(options_en="Yes"), dict(options_nl="Ja\nja", options_en=""),
              dict(min_positions=1), dict(step_reveal=False), dict(step_revote=False), dict(scope="everyone"),
              dict(kind="grid"), dict(values_nl="a\nA", values_en=""), dict(variations_nl="x" * 401),
              dict(case_nl=" ", case_en=""), dict(case_nl="x" * 6001)]
    for changes in broken:
        found = {name for name, _message, _params in exercise.settings_problems(settings(**changes))}
        for_writes = {name for name, _message, _params in exercise.write_problems(settings(**changes))}
        assert found and for_writes == found - {"case_nl", "case_en"}, changes
    assert exercise.write_problems(settings(case_nl="", case_en="")) == []


def test_dilemma_pairs_languages_and_fills_an_empty_one():
    dilemma = exercise.dilemma_from(settings(options_en="", values_en=""))
    assert [o.label for o in dilemma.options] == [{"nl": "Ja", "en": "Ja"}, {"nl": "Nee", "en": "Nee"}]
    assert dilemma.option_keys == ("a", "b")
    assert dilemma.values == (("v1", {"nl": "gelijkheid", "en": "gelijkheid"}),)
    scale = exercise.dilemma_from(settings(kind="scale"))
    assert scale.option_keys == ("1", "2", "3", "4", "5")


# --- Mentors and moves (issue 20) ------------------------------------------------------

def test_a_mentors_records_are_never_counted_and_a_recount_agrees():
    mentor = [{"kind": "position", "round": 1, "option": "a", "role": "mentor", "values": {"keys": ["v1"], "own": []}},
              {"kind": "revote", "round": 1, "option": "b", "from": "a", "role": "mentor"},
              {"kind": "reflection", "round": 1, "values": {"keys": [], "own": []}, "listening": "factual",
               "role": "mentor"}]
    member = [{"kind": "position", "round": 1, "option": "b", "values": {"keys": [], "own": []}}]
    tally = exercise.empty_tally(1)
    for record in mentor + member:
        tally = exercise.fold(tally, record)
    assert tally["positions"] == 1 and tally["first"] == {"b": 1} and tally["final"] == {"b": 1}
    assert tally["revotes"] == 0 and tally["values"] == {} and tally["listening"] == {}
    assert exercise.comparable(exercise.recount({"m": mentor, "p": member}, 1)) == exercise.comparable(tally)


def test_mine_holds_only_what_was_written_in_the_current_group():
    from leergang_xblocks.dialogue.room import mine_from
    rows = [{"kind": "seen"},
            {"kind": "position", "round": 1, "option": "a", "rid": "1" * 32, "group_id": "g1"},
            {"kind": "revote", "round": 1, "option": "b", "from": "a"},          # older record: no group_id
            {"kind": "position", "round": 1, "option": "c", "rid": "2" * 32, "group_id": "g2"},
            {"kind": "response", "round": 1, "to": "3" * 32, "group_id": "g2", "understand": "u", "question": "q"}]
    history = [SimpleNamespace(data=row) for row in rows]
    old = mine_from(history, 1, "g1")
    assert old.position["option"] == "a" and old.revote["option"] == "b" and old.response is None
    new = mine_from(history, 1, "g2")
    assert new.position["option"] == "c" and new.revote is None and new.response is not None
    assert mine_from(history, 1, "g3").position is None
    assert len(mine_from(history, 1).records) == 4   # cohort scope: every record of the round


def test_a_write_checks_only_the_settings_it_names():
    """`write_problems(settings, reads)`: the problems of the settings `reads` names, and
    only those (each write names what it reads: dialogue/participant_writes.py)."""
    def found(reads, **changes):
        return {name for name, _message, _params in exercise.write_problems(settings(**changes), reads)}
    assert found(("values",), values_nl="a\nA", values_en="") == {"values_nl"}
    assert found(("options", "scope"), values_nl="a\nA", values_en="") == set()
    assert found(("options",), options_en="Yes") == {"options_en"}
    assert found(("values",), options_en="Yes") == set()
    assert found(("variations",), variations_nl="x" * 401) == {"variations_nl"}
    assert found(("respond",), step_reveal=False) == {"step_reveal"}
    assert found(("options",), step_reveal=False) == set()
    assert found(("minority",), step_revote=False, step_minority=True) == {"step_minority"}
    assert found(("revote",), step_revote=False, step_minority=True) == set()
    # A statement's scale has no options to read: broken option lines do not stop its writes.
    assert found(("options",), kind="scale", options_en="Yes") == set()
    assert found(("options",), kind="grid") == {"kind"}
