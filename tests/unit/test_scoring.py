import pytest

from leergang_xblocks.trust_scan import scoring
from tests.support.instruments import two_dimensions


@pytest.fixture
def instrument():
    return two_dimensions()


def test_reverse_items_are_inverted(instrument):
    scores = scoring.score_answers(instrument, {"r1": 5, "r2": 1, "r3": 4, "r4": 2, "f1": 2, "f2": 5})
    # r2 reversed: 6 - 1 = 5 -> (5 + 5 + 4 + 2) / 4 = 4.0; f2 reversed: 6 - 5 = 1 -> (2 + 1) / 2
    assert scores["ruimte"].score == 4.0
    assert scores["fouten"].score == 1.5


def test_dont_know_and_missing_are_left_out_of_the_mean(instrument):
    scores = scoring.score_answers(instrument, {"r1": 4, "r2": 0, "r3": 2})
    # r2 "don't know", r4 missing: only 2 of 4 answered, which is not "most".
    assert scores["ruimte"].score is None
    assert scores["ruimte"].answered == 2
    scores = scoring.score_answers(instrument, {"r1": 4, "r2": 0, "r3": 2, "r4": 3})
    assert scores["ruimte"].score == 3.0  # (4 + 2 + 3) / 3


def test_a_dimension_needs_more_than_half_its_items(instrument):
    assert scoring.score_answers(instrument, {"f1": 4})["fouten"].score is None  # 1 of 2
    assert scoring.score_answers(instrument, {"f1": 4, "f2": 2})["fouten"].score == 4.0


@pytest.mark.parametrize("answers, item, problem", [
    ({"zz": 3}, "zz", "unknown item"),
    ({"r1": 6}, "r1", "outside the scale"),
    ({"r1": -1}, "r1", "outside the scale"),
    ({"r1": True}, "r1", "not a whole number"),
    ({"r1": "3"}, "r1", "not a whole number"),
])
def test_bad_answers_are_refused_with_the_item_named(instrument, answers, item, problem):
    with pytest.raises(scoring.AnswerError) as refused:
        scoring.check_answers(instrument, answers)
    assert refused.value.item == item
    assert str(refused.value) == problem


def test_dont_know_is_refused_where_the_scale_has_none():
    from leergang_xblocks.trust_scan.instrument import parse_instrument
    from tests.support.instruments import TWO_DIMENSIONS
    without = parse_instrument(TWO_DIMENSIONS.replace('  dont_know: {nl: "Weet niet", en: "Don\'t know"}\n', ""))
    with pytest.raises(scoring.AnswerError):
        scoring.check_answers(without, {"r1": 0})


def test_unanswered_null_is_dropped(instrument):
    assert scoring.check_answers(instrument, {"r1": None, "r2": 3}) == {"r2": 3}


def test_pre_post_changes():
    assert scoring.changes({"a": 2.5, "b": 3.0, "c": None}, {"a": 3.25, "b": 2.0, "c": 4.0}) == {"a": 0.75, "b": -1.0}


def test_bands_and_lowest(instrument):
    dimension = instrument.dimension("ruimte")
    assert scoring.band_for(dimension, 2.5).text["en"] == "Little room"
    assert scoring.band_for(dimension, 3.0).text["nl"] == "Veel ruimte"
    assert scoring.band_for(dimension, None) is None
    scores = scoring.score_answers(instrument, {"r1": 5, "r2": 1, "r3": 5, "r4": 5, "f1": 1, "f2": 5})
    assert scoring.lowest_dimension(scores) == "fouten"


def test_cronbach_alpha_matches_a_hand_computation():
    rows = [[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5], [5, 5, 4]]
    # item variances 2.5, 1.8, 1.3; totals 5, 7, 10, 13, 14 -> variance 14.7
    expected = round(3 / 2 * (1 - (2.5 + 1.8 + 1.3) / 14.7), 3)
    assert expected == 0.929
    assert scoring.cronbach_alpha(rows) == expected
    assert scoring.cronbach_alpha(rows[:2]) is None
    assert scoring.cronbach_alpha([[3, 3], [3, 3], [3, 3]]) is None


def test_standard_deviation():
    assert scoring.standard_deviation([2, 4, 4, 4, 5, 5, 7, 9]) == pytest.approx(2.138, abs=1e-3)
    assert scoring.standard_deviation([3]) is None
