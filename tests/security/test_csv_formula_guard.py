"""The CSV formula guard (issue 8): a spreadsheet must never run a cell as a formula.

Excel and LibreOffice skip leading blanks (spaces, no-break spaces, line breaks)
before deciding that a cell is a formula, and they read the full-width forms
＝＋－＠ (as typed with a Japanese or Chinese input method) like their ASCII
twins. Each case below passed unguarded through the first version of the guard.
"""
import pytest

from leergang_xblocks.core.export import neutralise_formula

DANGEROUS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    " =HYPERLINK(\"http://x\")",
    "   +cmd|' /C calc'!A0",
    "\u00a0=1+1",              # no-break space
    "\u202f=1+1",              # narrow no-break space
    "\u3000=1+1",              # ideographic space
    "\n=1+1",
    "\r\n@SUM(A1)",
    " \n\t-1+1",
    "\ufeff=1+1",              # a byte-order mark or zero-width no-break space
    "\u200b=1+1",              # zero-width space
    "\uff1d1+1",               # full-width equals sign
    "\uff0b1+1",               # full-width plus sign
    "\uff0d1+1",               # full-width hyphen-minus
    "\uff20SUM(A1)",           # full-width commercial at
    " \uff1d1+1",
    "\u00a0\uff20SUM(A1)",
    "\ufe661+1",               # small equals sign
    "\u22121+1",               # minus sign
]

HARMLESS = [
    "gewoon",
    "  gewoon met spaties",
    "\u00a0tekst",
    "a=b",
    "100",
    "e-mail",
    "",
]


@pytest.mark.parametrize("value", DANGEROUS, ids=[repr(v) for v in DANGEROUS])
def test_formula_starts_behind_blanks_and_full_width_forms_are_neutralised(value):
    guarded = neutralise_formula(value)
    assert guarded == "'" + value  # shown as text, nothing of the value lost


@pytest.mark.parametrize("value", HARMLESS, ids=[repr(v) for v in HARMLESS])
def test_ordinary_text_is_left_alone(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("value", [-1.5, 0, 3, None])
def test_numbers_and_empty_cells_stay_what_they_are(value):
    assert neutralise_formula(value) == value
