"""Broken YAML imported into a block (OLX, or pasted in Studio's editor): the notice
names the line and the key the author wrote there, in a sentence in the author's
language, not PyYAML's own words (issue 21). One case per kind of syntax error, for
each block that has authored YAML: the case tracker's sessions and the trust scan's
own instrument."""
import re
import uuid
from xml.sax.saxutils import escape

import pytest
from django.utils import translation
from workbench.scenarios import add_xml_scenario, get_scenarios

from leergang_xblocks.trust_scan.scenarios import CUSTOM_EXAMPLE
from tests.support.case import new_case_course
from tests.support.workbench import Participant

SESSIONS = "- number: 1\n  date: 2026-09-16\n  theme: Start\n- number: 2\n  theme: Twee\n"
# (what is broken, the broken text, the line an author must look at, the key on it)
BROKEN_SESSIONS = [
    ("colon in a value", SESSIONS.replace("theme: Start", "theme: Start: de kennismaking"), 3, "theme"),
    ("indentation", SESSIONS.replace("- number: 2", " - number: 2"), 4, "number"),
    ("quotation mark not closed", SESSIONS.replace("theme: Start", 'theme: "Start'), 3, "theme"),
    ("bracket not closed", SESSIONS.replace("theme: Start", "theme: [Start"), 3, "theme"),
    ("tab", SESSIONS.replace("  theme: Twee", "\ttheme: Twee"), 5, "theme"),
]
BROKEN_INSTRUMENTS = [
    ("colon in a value", CUSTOM_EXAMPLE.replace("points: 5", "points: 5: 7"), 4, "points"),
    ("bracket not closed", CUSTOM_EXAMPLE.replace('en: "Mini scan"}', 'en: "Mini scan"'), 2, "title"),
    ("quotation mark not closed", CUSTOM_EXAMPLE.replace('{nl: "Mini-scan"', '{nl: "Mini-scan'), 2, "title"),
    # "points" one space in: PyYAML stumbles on the next key, which no longer lines up with it.
    ("indentation", CUSTOM_EXAMPLE.replace("  points: 5", "   points: 5"), 5, "labels"),
]
# PyYAML's own wording, and a column count, are what an author should not have to read.
PARSER_WORDS = re.compile(r"mapping values|could not find|expected|scanning|block end|block mapping|"
                          r"found character|flow|column|kolom|<|\^", re.IGNORECASE)


def trust_scan_with(text):
    tag = uuid.uuid4().hex[:10]
    scenario = f"yamlnotice.{tag}"
    get_scenarios()
    add_xml_scenario(scenario, f"yaml notice {tag}", (
        '<vertical_demo><leergang_trust_scan instrument_key="custom" min_cohort_size="3">'
        '<option:custom_instrument_yaml xmlns:option="http://code.edx.org/xblock/option">'
        f"{escape(text)}</option:custom_instrument_yaml></leergang_trust_scan></vertical_demo>"))
    from workbench.runtime import WorkbenchRuntime
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    return str(root.children[0])


def case_with(text):
    _scenario, (usage,) = new_case_course(sessions=escape(text))
    return usage


def notices(usage, language):
    with translation.override(language):
        block = Participant("staff_reader_" + uuid.uuid4().hex[:6], language=language).block(usage)
        return [message.text for message in block.validate().messages]


def assert_names_line_and_key(texts, line, key):
    assert len(texts) == 1, texts
    text = texts[0]
    assert re.search(rf"\b{line}\b", text), (text, line)
    assert f"“{key}”" in text, (text, key)
    assert not PARSER_WORDS.search(text), text


@pytest.mark.parametrize("kind,text,line,key", BROKEN_SESSIONS, ids=[b[0] for b in BROKEN_SESSIONS])
def test_broken_sessions_yaml_names_its_line_and_key_in_a_sentence(kind, text, line, key):
    usage = case_with(text)
    english, dutch = notices(usage, "en"), notices(usage, "nl")
    assert_names_line_and_key(english, line, key)
    assert_names_line_and_key(dutch, line, key)
    assert english != dutch
    assert dutch[0].startswith("Bijeenkomsten: regel ")


@pytest.mark.parametrize("kind,text,line,key", BROKEN_INSTRUMENTS, ids=[b[0] for b in BROKEN_INSTRUMENTS])
def test_a_broken_custom_instrument_names_its_line_and_key_in_a_sentence(kind, text, line, key):
    usage = trust_scan_with(text)
    english, dutch = notices(usage, "en"), notices(usage, "nl")
    assert_names_line_and_key(english, line, key)
    assert_names_line_and_key(dutch, line, key)
    assert english != dutch


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_editor_says_the_same_at_the_field_when_broken_yaml_is_pasted(language):
    usage = trust_scan_with(CUSTOM_EXAMPLE)
    author = Participant("staff_author_" + uuid.uuid4().hex[:6], language=language, path="studio")
    broken = CUSTOM_EXAMPLE.replace("points: 5", "points: 5: 7")
    response = author.post(usage, "submit_studio_edits", {"values": {"custom_instrument_yaml": broken}, "defaults": []})
    assert response.status_code == 400
    messages = response.json()["error"]["messages"]
    assert [m["path"] for m in messages] == ["custom_instrument_yaml"]
    assert_names_line_and_key([m["text"] for m in messages], 4, "points")
    assert author.block(usage).custom_instrument_yaml == CUSTOM_EXAMPLE
