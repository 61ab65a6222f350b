"""core/text.py: the one "is this empty" rule and the ASCII-number check."""
import pytest

from leergang_xblocks.core.text import ascii_digits, is_blank, tidy


@pytest.mark.parametrize("text", ["", " ", "\u00a0", "\u200b", "\ufeff", "\u200d", "\u2060", "\u200e\u200f",
                                  "\n\t\u2003\u200b\u3000"])
def test_blank(text):
    assert is_blank(text) and tidy(text) == ""


@pytest.mark.parametrize("text, kept", [("a", "a"), ("\u200ba b\ufeff", "a b"), (" Hallo\n", "Hallo"),
                                        ("x\u200by", "x\u200by"), ("één", "één")])
def test_not_blank_and_only_the_edges_are_tidied(text, kept):
    assert not is_blank(text) and tidy(text) == kept


@pytest.mark.parametrize("value, expected", [("1", True), ("10000", True), ("", False), ("²", False),
                                             ("١", False), ("０", False), ("+1", False), ("1.0", False)])
def test_ascii_digits(value, expected):
    assert ascii_digits(value) is expected
