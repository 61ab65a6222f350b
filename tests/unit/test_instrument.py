import pytest

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.instrument import parse_instrument, shipped_instrument, shipped_instrument_keys
from tests.support.instruments import TWO_DIMENSIONS


def refusal(text):
    with pytest.raises(AuthoredDataError) as refused:
        parse_instrument(text)
    return refused.value


def test_the_test_instrument_parses():
    instrument = parse_instrument(TWO_DIMENSIONS)
    assert [d.key for d in instrument.dimensions] == ["ruimte", "fouten"]
    assert instrument.items[1].reverse is True
    assert instrument.items[0].text == {"nl": "R1", "en": "R1"}


@pytest.mark.parametrize("change, line, words", [
    (("  - {key: f2, dimension: fouten,", "  - {key: f2, dimension: onbekend,"), 21, "items[5].dimension: item 'f2' names an unknown dimension 'onbekend'"),
    (("  points: 5", "  points: 6"), 4, "scale.points: must be 5 or 7"),
    (("  - {key: r3,", "  - {key: r1,"), 18, "items[2].key: item 'r1' is defined twice"),
    (("      - {min: 3, max: 5,", "      - {min: 2, max: 5,"), 12, "dimensions[0].bands[1]: bands must be in order and must not overlap"),
    (("      - {min: 3, max: 5,", "      - {min: 3, max: 9,"), 12, "dimensions[0].bands[1]: a band needs 1 <= min <= max <= 5"),
    (('  - {key: r2, dimension: ruimte, text: "R2", reverse: true}', '  - {key: r2, dimension: ruimte, text: "R2", reverse: yes please}'), 17, "items[1].reverse: must be true or false"),
    (('title: {nl: "Testscan", en: "Test scan"}', 'title: {nl: "Testscan"}'), 2, "title.en: is required"),
    (("  - key: fouten", "  - key: Fouten!"), 13, "dimensions[1].key: must be 1-40 characters"),
    (('  labels: ["1", "2", "3", "4", "5"]', '  labels: ["1", "2", "3"]'), 5, "scale.labels: must list exactly 5 labels"),
])
def test_invalid_instruments_name_the_line_and_the_problem(change, line, words):
    old, new = change
    assert old in TWO_DIMENSIONS
    error = refusal(TWO_DIMENSIONS.replace(old, new))
    assert error.line == line, str(error)
    assert words in error.message
    assert str(error).startswith(f"line {line}: ")


def test_a_dimension_without_items_is_refused():
    text = TWO_DIMENSIONS.replace('  - {key: f1, dimension: fouten, text: "F1"}\n', "").replace(
        '  - {key: f2, dimension: fouten, text: "F2", reverse: true}\n', "")
    assert "dimension 'fouten' has no items" in refusal(text).message


def test_broken_yaml_names_its_line_and_key():
    error = refusal("key: x\ntitle: [unclosed\nscale: 1\n")
    (problem,) = error.problems
    assert (problem.code, problem.line, problem.params) == ("yaml_bracket_not_closed", 2, {"key": "title"})


@pytest.mark.parametrize("text", ["", "\x08", "just a string", "- a\n- list", "a: &x [1]\nb: *x\n", "k: " + "[" * 50 + "]" * 50])
def test_junk_is_refused_cleanly(text):
    refusal(text)


def test_every_shipped_instrument_is_valid_and_fits_the_brief():
    keys = shipped_instrument_keys()
    assert "sturen_vanuit_vertrouwen" in keys
    for key in keys:
        instrument = shipped_instrument(key)
        assert instrument.key == key
        for item in instrument.items:
            assert item.text["nl"] != item.text["en"]
    default = shipped_instrument("sturen_vanuit_vertrouwen")
    assert len(default.dimensions) >= 5
    assert default.allows_dont_know
    for dimension in default.dimensions:
        items = default.items_of(dimension.key)
        assert len(items) >= 4
        assert dimension.bands, dimension.key
    assert any(item.reverse for item in default.items)
