"""The Dutch follows docs/glossary.md: words the glossary marks "Never (nl)" and
known translation-speak appear in no Dutch string of the package (catalog and
instruments), and the reviewed key phrases stay as reviewed (issue 9)."""
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

# Sentences built word by word from English, found in review; never again.
TRANSLATION_SPEAK = [
    "Je laagste score is op",
    "om opnieuw te doen",
    "Er is nog geen uitkomst",
]


def never_words():
    """The 'Never (nl)' column of every glossary table."""
    words = []
    for table in re.split(r"\n\s*\n", (ROOT / "docs" / "glossary.md").read_text("utf-8")):
        lines = [line for line in table.splitlines() if line.startswith("|")]
        if not lines or "Never (nl)" not in lines[0]:
            continue
        column = [cell.strip() for cell in lines[0].strip("|").split("|")].index("Never (nl)")
        for line in lines[2:]:
            cell = line.strip("|").split("|")[column]
            words += [w.strip() for w in cell.split(",") if w.strip()]
    return words


def dutch_strings():
    for msgid, entry in i18n.read_po(i18n.po_path("nl")).items():
        for text in entry["msgstr"]:
            yield f"text.po {msgid!r}", text
    for path in sorted((ROOT / "leergang_xblocks").rglob("instruments/*.yaml")):
        yield from ((f"{path.name} {where}", text) for where, text in _nl_values(yaml.safe_load(path.read_text("utf-8"))))


def _nl_values(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl" and isinstance(value, str):
                yield where, value
            else:
                yield from _nl_values(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nl_values(value, f"{where}/{index}")


def test_the_glossary_names_words_to_avoid():
    assert {"inleveren", "cursist", "docent"} <= set(never_words())


def test_no_dutch_string_uses_a_word_the_glossary_forbids():
    words = never_words()
    found = [(where, word, text) for where, text in dutch_strings() for word in words
             if re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE)]
    found += [(where, phrase, text) for where, text in dutch_strings() for phrase in TRANSLATION_SPEAK
              if phrase.lower() in text.lower()]
    assert not found, "\n".join(f"{where}: '{word}' in {text!r}" for where, word, text in found)


def test_reviewed_phrases():
    nl = {msgid: entry["msgstr"] for msgid, entry in i18n.read_po(i18n.po_path("nl")).items()}
    assert nl["Send and see my scores"] == ["Versturen en mijn scores bekijken"]
    assert any(s.startswith("Je scoort het laagst op") for m, v in nl.items() if m.startswith("Your lowest score is on")
               for s in v)
    assert "1 (laag) tot %(points)s (hoog)" in nl[
        "Scores run from 1 (low) to %(points)s (high). The texts are prompts for reflection, not norms or judgements."][0]
    assert nl["submitted at (%(timezone)s)"] == ["verstuurd op (%(timezone)s)"]  # the CSV column


def test_a_count_chooses_the_form_never_brackets():
    """'bijeenkomst(en)', 'session(s)': Dutch and English both have a form for one and
    for more; the catalogue has both (ngettext / blocktrans count), never a bracket."""
    entries = i18n.read_po(i18n.po_path("nl"))
    bracketed = [(msgid, text) for msgid, entry in entries.items() for text in [msgid] + entry["msgstr"]
                 if re.search(r"[a-z]\((s|en|n)\)", text)]
    assert not bracketed, bracketed
    positions = entries["%(n)s of the %(k)s positions needed is in. The spread and the reasons open when %(k)s are in; "
                        "this page checks by itself."]["msgstr"]
    assert positions[0].startswith("%(n)s van de %(k)s benodigde standpunten is binnen")
    assert positions[1].startswith("%(n)s van de %(k)s benodigde standpunten zijn binnen")


def test_reviewed_phrases_of_the_case_rounds_and_dialogue():
    """Issue 21's review: the Dutch names of methods, no singular 'they' turned into 'zij/hun'."""
    nl = {msgid: entry["msgstr"] for msgid, entry in i18n.read_po(i18n.po_path("nl")).items()}
    assert not [m for m, v in nl.items() for s in v if "Theory U" in s]
    for msgid in ("If you were in their place, what would you try?", "What they understand of your view",
                  "Their question to you", "Write what you understand of their view.", "Write your question to them."):
        assert "de ander" in nl[msgid][0], (msgid, nl[msgid])
    assert not [m for m, v in nl.items() for s in v if re.search(r"\bburgers?\b", s, re.I)]  # "inwoners", as everywhere
