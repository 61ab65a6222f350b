"""One rule for "is this text empty?", used by every block.

People paste text from mail and word processors, and phones insert characters
nobody sees: zero-width spaces and joiners, the word joiner, a byte-order mark,
direction marks (Unicode category Cf, "format"). Text made only of those and of
spaces of any kind (str.isspace: the no-break space, em space, newlines) shows
as nothing, so it is empty; `tidy` removes them from both ends of what is kept.
"""
import unicodedata


def _invisible(character):
    return character.isspace() or unicodedata.category(character) == "Cf"


def tidy(text):
    """`text` without spaces and invisible format characters at either end."""
    text = text or ""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def is_blank(text):
    """True when `text` shows nothing: only spaces and invisible characters."""
    return not tidy(text)


def ascii_digits(value):
    """True for a non-empty run of 0-9 only. str.isdigit() also says yes to "²" and
    "١", which int() then refuses or reads as another number."""
    return bool(value) and value.isascii() and value.isdigit()
