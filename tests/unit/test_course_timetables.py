"""One timetable and one award per course, checked against what the outline cites from its seed (issue 22).

Each outline states its sessions once (`timetable`) with the seed's own words per
session (`cites`: the heading, the date as the seed writes it) and its award with the
words it rests on (`award.cites`). These tests compare the timetable and the award
with those words; the builder puts the timetable into every case block and refuses
blocks that disagree about the timetable or the award.
"""
import datetime
import re

import pytest

from leergang_xblocks.case import config as case_config
from leergang_xblocks.case.block import CaseBlock
from leergang_xblocks.core.authored_yaml import AuthoredDataError
from sample_courses import award_rule, build

MONTHS = {name: number for number, name in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
     "november", "december"], start=1)}
DUTCH_DATE = re.compile(r"(\d{1,2})(?:/\d{1,2})?\s+(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?", re.IGNORECASE)
NUMBER_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}
HEADING_NUMBER = re.compile(r"\b(?:bijeenkomst|dagdeel|dag)\s+(\d+)\b", re.IGNORECASE)

OUTLINES = {path.stem: path for path in build.outline_paths()}


def outline_of(stem):
    return build.load_outline(OUTLINES[stem])


def case_blocks(outline):
    return [b for ch in outline["chapters"] for u in ch["units"] for b in u["blocks"] if b["type"] == "case"]


def cited_date(text, course):
    """The date the seed's words give; a year the seed leaves out is the course's."""
    match = DUTCH_DATE.search(text)
    assert match, f"no date in the cited words {text!r}"
    day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], match.group(3)
    if year:
        return datetime.date(int(year), month, day)
    candidates = [datetime.date(y, month, day) for y in (course["start"].year, course["end"].year)]
    return next(d for d in candidates if course["start"] <= d <= course["end"])


@pytest.mark.parametrize("stem", sorted(OUTLINES))
def test_every_case_block_uses_the_course_timetable(stem):
    outline = outline_of(stem)
    timetable = outline["timetable"]
    assert case_blocks(outline), stem
    for block in case_blocks(outline):
        assert block["settings"]["sessions_yaml"] == timetable["yaml"]
    assert case_config.parse_sessions(timetable["yaml"]) == timetable["parsed"]


@pytest.mark.parametrize("stem", sorted(OUTLINES))
def test_the_timetable_says_what_its_seed_says(stem):
    outline = outline_of(stem)
    course, timetable = outline["course"], outline["timetable"]
    assert timetable["follows"] in course["seeds"]
    if len(course["seeds"]) > 1:
        assert timetable["seeds_differ"]
    for authored, session in zip(timetable["sessions"], timetable["parsed"]):
        cites = authored.get("cites", {})
        assert cites, f"{stem}: session {session.number} cites nothing from the seed"
        if "date" in cites:
            assert session.day == cited_date(cites["date"], course), (stem, session.number)
        else:
            assert timetable.get("example_dates"), f"{stem}: session {session.number} has a date the seed lacks"
        if "heading" in cites:
            number = HEADING_NUMBER.search(cites["heading"])
            if number:
                assert int(number.group(1)) == session.number, (stem, session.number)
            if session.theme:
                assert session.theme["nl"].casefold() in " ".join(cites["heading"].split()).casefold(), \
                    (stem, session.number)
    dated = [s.day for s in timetable["parsed"] if s.day]
    assert dated[0] == course["start"] and dated[-1] == course["end"]


@pytest.mark.parametrize("stem", sorted(OUTLINES))
def test_the_award_says_what_its_seed_says(stem):
    outline = outline_of(stem)
    award, sessions = outline["course"]["award"], outline["timetable"]["parsed"]
    blocks = case_blocks(outline)
    assert "beschrijving" not in award["statement"]        # the statement speaks of the programme
    if award["kind"] == "none":
        assert "rule" not in award and "cites" not in award   # the seed names no award
        assert all(b["settings"]["show_outcome"] is False and b["settings"]["attendance_required"] == 0
                   for b in blocks)
        return
    rule, [cited, *_rest] = award["rule"], award["cites"]
    wanted, of = re.search(r"(\w+) van de (\w+) inhoudelijke bijeenkomsten", cited).groups()
    assert rule["attendance"] == NUMBER_WORDS[wanted]
    assert sum(1 for s in sessions if s.counts) == NUMBER_WORDS[of]
    assert rule["paper"] and rule["assessment"] == ("voldoende" in cited)
    assert rule["presentation"] == ("gepresenteerd" in cited)
    for block in blocks:
        settings = block["settings"]
        assert [settings.get(name, award_rule.BLOCK_DEFAULTS[name]) for name in award_rule.RULE_SETTINGS.values()] \
            == [rule[key] for key in award_rule.RULE_SETTINGS]


def test_the_builder_knows_the_case_blocks_defaults():
    assert {name: getattr(CaseBlock, name).default for name in award_rule.BLOCK_DEFAULTS} == award_rule.BLOCK_DEFAULTS


def test_the_vu_course_has_a_place_for_each_sessions_entry_in_that_session():
    outline = outline_of("vu_sturen_vanuit_vertrouwen")
    sessions = {s.number: s for s in outline["timetable"]["parsed"]}
    for number, chapter in enumerate(outline["chapters"], start=1):
        focus = [b["settings"].get("focus_session", 0) for u in chapter["units"] for b in u["blocks"]
                 if b["type"] == "case"]
        if sessions[number].log_entry:
            assert number in focus or (number == 1 and 0 in focus), chapter["title"]
    # The timetable follows 000's order: session 3 is good practice, 4 the dialogue and dilemmas.
    assert "praktijken" in sessions[3].theme["nl"] and "interpersoonlijk" in sessions[4].theme["nl"]


def refused(tmp_path, stem, old, new):
    text = OUTLINES[stem].read_text("utf-8")
    assert old in text, old
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(AuthoredDataError) as raised:
        build.load_outline(path)
    return raised.value.message


def test_a_case_block_with_a_timetable_of_its_own_is_refused(tmp_path):
    message = refused(tmp_path, "vu_sturen_vanuit_vertrouwen", "              focus_session: 4\n",
                      "              focus_session: 4\n              sessions_yaml: \"- number: 1\"\n")
    assert "timetable" in message and "sessions_yaml" in message


def test_case_blocks_that_disagree_about_the_award_are_refused(tmp_path):
    message = refused(tmp_path, "vu_sturen_vanuit_vertrouwen", "              focus_session: 4\n",
                      "              focus_session: 4\n              attendance_required: 4\n")
    assert "disagrees with the course's award" in message
    message = refused(tmp_path, "zet_samenspel_met_lef", "show_outcome: false", "show_outcome: true")
    assert "awards nothing" in message


def test_an_outline_with_case_blocks_needs_a_timetable(tmp_path):
    text = OUTLINES["zet_samenspel_met_lef"].read_text("utf-8")
    start, end = text.index("\ntimetable:"), text.index("\nchapters:")
    path = tmp_path / "zet.yaml"
    path.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(AuthoredDataError, match="needs a 'timetable'"):
        build.load_outline(path)
