"""The shipped instruments as content (issue 9, "The instruments"): one statement per
item, wording that fits every participant the programmes admit, a don't-know
option where respondents may not know, and the two instruments for the HRM
network (seed 004) and Zet (seed 003).

Whether a statement asks one thing is a judgement, so it was made by hand; the
tests below pin that review down. Every item whose text joins words with
"en/of" ("and/or") must be listed in REVIEWED_CONJUNCTIONS with the reason it
still asks one thing, so a new or edited item cannot slip through unread.
"""
import re

import pytest

from leergang_xblocks.trust_scan import scoring
from leergang_xblocks.trust_scan.instrument import shipped_instrument, shipped_instrument_keys

NEW_INSTRUMENTS = ("eigen_regie_en_vertrouwen", "samenspel_met_lef")
CONJUNCTIONS = {"nl": re.compile(r"\b(en|of)\b"), "en": re.compile(r"\b(and|or)\b")}

# (instrument, item) -> why the conjunction does not make it ask two things.
REVIEWED_CONJUNCTIONS = {
    ("samenwerking_in_de_keten", "dp2"): "'inwoner of cliënt' names one person, as each side calls them",
    ("samenwerking_in_de_keten", "ba4"): "'inwoners en cliënten': the people whose data it is, one group",
    ("samenwerking_in_de_keten", "os1"): "'inwoner of cliënt' names one person, as each side calls them",
    ("sturen_vanuit_vertrouwen", "pc2"): "'regel of controlestap': either is the same reflex (more control)",
    ("sturen_vanuit_vertrouwen", "pr8"): "'eerst ..., en pas daarna': one order of reasoning",
    ("sturen_vanuit_vertrouwen", "vi3"): "'eerst ..., en pas daarna': one order of looking",
    ("eigen_regie_en_vertrouwen", "hi3"): "'tussen medewerker en leidinggevende' names one conversation",
    ("samenspel_met_lef", "ro3"): "en: 'political or executive leadership' renders one Dutch word, 'bestuur'",
}

# Items a manager-only or municipality-only wording would exclude (seed 001 admits
# professionals without staff, in municipalities and other (semi-)public bodies).
ROLE_BOUND_WORDS = {
    "nl": ("mijn medewerkers", "leidinggeef", "gemeenteraad", "de opdrachtgever", "worden beoordeeld"),
    "en": ("my staff", "the way i lead", "council", "commissioning body", "we are assessed"),
}

# Items split or rewritten because they asked two things: old key -> new keys.
RETIRED = {
    "samenwerking_in_de_keten": {"dp3": ("dp8", "dp9"), "ba2": ("ba5", "ba7")},
    "sturen_vanuit_vertrouwen": {"pr4": ("pr6",), "vi4": ("vi6",)},
}
# Items rewritten so that each dimension speaks of one subject, or because two were
# near duplicates (issue 22; tests/unit/test_instrument_perspective.py): old -> new.
# dp3's halves dp5 and dp6 became dp8 and dp9; ba2's second half ba6 became ba7.
REWRITTEN = {
    "samenwerking_in_de_keten": {"dp1": "dp7", "dp5": "dp8", "dp6": "dp9", "ba6": "ba7"},
    "sturen_vanuit_vertrouwen": {"vm4": "vm6", "pc5": "pc6", "pr1": "pr7", "pr2": "pr8", "pr5": "pr9",
                                 "of1": "of6", "of2": "of7", "do3": "do6", "do5": "do7"},
    "samenspel_met_lef": {"ls2": "ls6", "ls4": "ls7", "ls5": "ls8", "ro1": "ro6", "ro5": "ro7"},
}


def every_item():
    for key in shipped_instrument_keys():
        instrument = shipped_instrument(key)
        for item in instrument.items:
            yield key, instrument, item


def test_the_new_instruments_are_shipped():
    keys = shipped_instrument_keys()
    for key in NEW_INSTRUMENTS + ("sturen_vanuit_vertrouwen", "samenwerking_in_de_keten"):
        assert key in keys


@pytest.mark.parametrize("key", shipped_instrument_keys())
def test_each_instrument_is_complete_in_both_languages(key):
    instrument = shipped_instrument(key)
    assert instrument.key == key
    for text in (instrument.title, instrument.description):
        assert text["nl"].strip() and text["en"].strip() and text["nl"] != text["en"]
    for dimension in instrument.dimensions:
        for text in (dimension.name, dimension.description, dimension.reflection):
            assert text["nl"].strip() and text["en"].strip() and text["nl"] != text["en"], dimension.key
        # Bands and reflection prompts ask, they do not judge.
        for band in dimension.bands:
            assert "?" in band.text["nl"] and "?" in band.text["en"], dimension.key
        assert "?" in dimension.reflection["nl"] and "?" in dimension.reflection["en"], dimension.key
        # They must not promise a next meeting: the scan may be the last of a series.
        for text in [dimension.reflection] + [band.text for band in dimension.bands]:
            assert "volgende bijeenkomst" not in text["nl"] and "next session" not in text["en"]
    for item in instrument.items:
        assert item.text["nl"] != item.text["en"]


@pytest.mark.parametrize("key", shipped_instrument_keys())
def test_every_dimension_can_be_scored_and_interpreted(key):
    instrument = shipped_instrument(key)
    assert 4 <= len(instrument.dimensions) <= 8
    for dimension in instrument.dimensions:
        items = instrument.items_of(dimension.key)
        # Four or more items: one "don't know" still leaves most of them answered.
        assert len(items) >= 4, dimension.key
        # Bands cover the whole scale without gaps wider than the score's rounding.
        bands = dimension.bands
        assert bands and bands[0].minimum == 1 and bands[-1].maximum == instrument.points, dimension.key
        for lower, upper in zip(bands, bands[1:]):
            assert 0 < round(upper.minimum - lower.maximum, 2) <= 0.01, dimension.key
        answers = {item.key: 3 for item in items}
        answers[items[0].key] = 0 if instrument.allows_dont_know else 3
        assert scoring.score_answers(instrument, answers)[dimension.key].score is not None


@pytest.mark.parametrize("key", shipped_instrument_keys())
def test_reverse_items_are_mixed_in_sensibly(key):
    """Every dimension has both directions (acquiescence would otherwise inflate it),
    and reverse items stay a minority, as in the published scales (Edmondson: 3 of 7)."""
    instrument = shipped_instrument(key)
    for dimension in instrument.dimensions:
        directions = {item.reverse for item in instrument.items_of(dimension.key)}
        assert directions == {True, False}, dimension.key
    share = sum(item.reverse for item in instrument.items) / len(instrument.items)
    assert 0.2 <= share <= 0.5, share
    # A respondent who agrees with every positive and disagrees with every reversed
    # statement gets the top score everywhere.
    top = {item.key: (1 if item.reverse else instrument.points) for item in instrument.items}
    assert all(s.score == instrument.points for s in scoring.score_answers(instrument, top).values())


def test_each_item_is_one_statement():
    flagged = set()
    for key, _instrument, item in every_item():
        for language, text in item.text.items():
            # One sentence: no second sentence, no semicolon, no question.
            assert text.count(". ") == 0 and ";" not in text and "?" not in text, (key, item.key, text)
            assert text.endswith("."), (key, item.key, text)
            if CONJUNCTIONS[language].search(text):
                flagged.add((key, item.key))
    unreviewed = flagged - set(REVIEWED_CONJUNCTIONS)
    assert not unreviewed, f"read these by hand and list them with a reason: {sorted(unreviewed)}"
    stale = set(REVIEWED_CONJUNCTIONS) - flagged
    assert not stale, f"no longer joined by en/of, remove from the list: {sorted(stale)}"


def test_double_barrelled_items_were_split_with_new_keys():
    for key, retired in RETIRED.items():
        instrument = shipped_instrument(key)
        for old, new_keys in retired.items():
            assert old not in instrument.item_keys
            assert set(new_keys) <= instrument.item_keys
    for key, rewritten in REWRITTEN.items():
        instrument = shipped_instrument(key)
        for old, new in rewritten.items():
            assert old not in instrument.item_keys and new in instrument.item_keys, (key, old, new)
    sturen = shipped_instrument("sturen_vanuit_vertrouwen")
    of5 = next(item for item in sturen.items if item.key == "of5")
    assert "krant" not in of5.text["nl"] and "gemeenteraad" not in of5.text["nl"]


def test_items_fit_managers_and_professionals_in_any_public_body():
    for key, _instrument, item in every_item():
        for language, words in ROLE_BOUND_WORDS.items():
            text = item.text[language].lower()
            assert not any(word in text for word in words), (key, item.key, text)


def test_the_intros_say_who_the_items_are_for():
    sturen = shipped_instrument("sturen_vanuit_vertrouwen").description
    assert "zonder medewerkers" in sturen["nl"] and "without staff" in sturen["en"]
    keten = shipped_instrument("samenwerking_in_de_keten").description
    assert "opdrachtgever" in keten["nl"] and "aanbieder" in keten["nl"]


def test_every_shipped_instrument_has_dont_know():
    """Partners' capacity and habits, a new role, a first initiative: every scan has
    statements some respondents cannot judge."""
    for key in shipped_instrument_keys():
        assert shipped_instrument(key).allows_dont_know, key


@pytest.mark.parametrize("key", NEW_INSTRUMENTS)
def test_the_new_instruments_have_the_shape_of_the_others(key):
    instrument = shipped_instrument(key)
    assert instrument.points == 5
    assert len(instrument.dimensions) == 5
    assert all(len(instrument.items_of(d.key)) == 5 for d in instrument.dimensions)
    assert all(len(d.bands) == 3 for d in instrument.dimensions)


def trust_scan_instruments(outline_path):
    """The instrument key of every trust scan in a sample-course outline."""
    import yaml

    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("trust_scan", "leergang_trust_scan"):
                found.append((node.get("settings") or {}).get("instrument_key", "sturen_vanuit_vertrouwen"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    with open(outline_path, encoding="utf-8") as outline:
        walk(yaml.safe_load(outline))
    return found


@pytest.mark.parametrize("outline, key", [
    ("wiw_eigen_regie_en_vertrouwen.yaml", "eigen_regie_en_vertrouwen"),
    ("zet_samenspel_met_lef.yaml", "samenspel_met_lef"),
])
def test_the_sample_courses_use_the_scan_made_for_them(outline, key):
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[2] / "sample_courses" / outline
    instruments = trust_scan_instruments(path)
    assert instruments and set(instruments) == {key}


def test_a_dimension_may_carry_a_reflection_prompt():
    from leergang_xblocks.core.authored_yaml import AuthoredDataError
    from leergang_xblocks.trust_scan.instrument import parse_instrument
    from tests.support.instruments import TWO_DIMENSIONS

    anchor = '  - key: fouten\n    name: {nl: "Fouten", en: "Mistakes"}\n'
    assert anchor in TWO_DIMENSIONS
    with_prompt = TWO_DIMENSIONS.replace(anchor, anchor + '    reflection: {nl: "Wat leer je?", en: "What do you learn?"}\n')
    instrument = parse_instrument(with_prompt)
    assert instrument.dimension("fouten").reflection == {"nl": "Wat leer je?", "en": "What do you learn?"}
    assert instrument.dimension("ruimte").reflection == {"nl": "", "en": ""}
    with pytest.raises(AuthoredDataError) as refused:
        parse_instrument(TWO_DIMENSIONS.replace(anchor, anchor + "    reflection: [1, 2]\n"))
    assert "reflection" in str(refused.value)
    with pytest.raises(AuthoredDataError) as refused:
        parse_instrument(TWO_DIMENSIONS.replace(anchor, anchor + '    reflectie: "Wat leer je?"\n'))
    assert "reflectie" in str(refused.value)
