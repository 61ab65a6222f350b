"""Downloads: CSV for staff (opens correctly in Excel, formula-safe) and a
participant's own data as JSON (AVG/GDPR right of access).

Excel reads a CSV with the separators of the computer's regional settings: with
Dutch settings it expects `;` between cells and a decimal comma, and a file with
`,` opens as one column per line. So a CSV is written in one of two formats
(`CSV_FORMATS`): `nl` for Dutch Excel and `en` for the international one; the
caller picks by the downloader's language unless they chose one (`csv_format`).
Times are written in the course's time zone (core/dates.py) without microseconds, in a
form Excel recognises as a date and time in both formats.
"""
import csv
import datetime
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass

from webob import Response

from . import dates
from .dates import DEFAULT_TIME_ZONE

# The default zone's name (CSV legends name the course's zone: `dates.zone_label`).
LOCAL_TIMEZONE_NAME = DEFAULT_TIME_ZONE


@dataclass(frozen=True)
class CsvFormat:
    key: str
    delimiter: str
    decimal: str
    not_applicable: str  # what a "don't know / not applicable" answer shows


CSV_FORMATS = {
    "nl": CsvFormat("nl", ";", ",", "n.v.t."),
    "en": CsvFormat("en", ",", ".", "n/a"),
}


def csv_format(choice, language):
    """The format asked for (`nl` or `en`), else the one of the downloader's language."""
    return CSV_FORMATS.get(choice or "") or CSV_FORMATS["nl" if language == "nl" else "en"]


# --- The formula guard --------------------------------------------------------------
# A cell whose first visible character is one of these runs as a formula in a
# spreadsheet program. Excel and LibreOffice skip leading blanks (spaces, no-break
# spaces, line breaks) first, and read the full-width and small forms (＝＋－＠,
# ﹦﹢﹣﹫) and the minus sign like their ASCII twins; NFKC folds those to ASCII.
_FORMULA_CHARACTERS = frozenset("=+-@\u2212")
# Unicode categories a spreadsheet may skip before the first visible character:
# separators (spaces, no-break spaces), control characters (tab, line breaks) and
# format characters (zero-width space, byte-order mark).
_SKIPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def neutralise_formula(value):
    """Prefix text that a spreadsheet would evaluate with `'`, so it shows as text."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "\t\r":
        return "'" + value
    for character in value:
        if character.isspace() or unicodedata.category(character) in _SKIPPED_CATEGORIES:
            continue
        folded = unicodedata.normalize("NFKC", character)[:1]
        if character in _FORMULA_CHARACTERS or folded in _FORMULA_CHARACTERS:
            return "'" + value
        break
    return value


# --- Cells --------------------------------------------------------------------------

def local_time(moment, zone_name=DEFAULT_TIME_ZONE):
    """`moment` in the course's time zone (core/dates.py), to the second: '2026-03-30 14:05:09'.

    A naive datetime is taken to be UTC (the platform stores UTC). Without the
    time-zone database (no system tzdata, no `tzdata` package) the time stays UTC
    and says so, rather than pretending to be local.
    """
    text = dates.csv_moment(moment, zone_name)
    if dates.zone(zone_name) is None and len(text) > 10:
        return text + " UTC"
    return text


def format_cell(value, fmt, zone_name=DEFAULT_TIME_ZONE):
    """One cell in `fmt`: numbers with its decimal sign, times local, None empty,
    text formula-safe. Whole numbers and None go to the csv writer as they are
    (it writes them as Excel expects); this runs for every cell of a large export."""
    kind = type(value)
    if value is None or kind is int:
        return value
    if kind is float:
        if not math.isfinite(value):
            return ""
        text = repr(round(value, 6)) if value != int(value) else str(int(value))
        return text.replace(".", fmt.decimal) if fmt.decimal != "." else text
    if kind is str:
        return neutralise_formula(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return format_cell(float(value), fmt)
    if isinstance(value, datetime.datetime):
        return local_time(value, zone_name)
    return neutralise_formula(str(value))


_UNSAFE_IN_FILENAME = re.compile(r"[^a-z0-9]+")


def filename_part(text, fallback="scan", max_length=60):
    """ASCII, lower case, dashes: 'Vertrouwensscan: beginmeting' -> 'vertrouwensscan-beginmeting'."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE_IN_FILENAME.sub("-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return slug or fallback


def local_date(moment=None, zone_name=DEFAULT_TIME_ZONE):
    """Today (or `moment`) as YYYY-MM-DD in the course's time zone, for file names."""
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    return local_time(moment, zone_name)[:10]


# --- Responses ----------------------------------------------------------------------

def csv_response(filename, header, rows, fmt=None, appendix=None, zone_name=DEFAULT_TIME_ZONE):
    """A CSV download: UTF-8 with a byte-order mark, so Excel reads the text right.

    `rows` may be a generator. `appendix` is an optional second table (its first
    row is its header) written after one empty row, below the data: for example
    the statement behind each column. Excel and pivot tables stop a table at an
    empty row, so the data table stays a clean table.
    """
    fmt = fmt or CSV_FORMATS["en"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator="\r\n")
    writer.writerow([format_cell(h, fmt, zone_name) for h in header])
    for row in rows:
        writer.writerow([format_cell(v, fmt, zone_name) for v in row])
    if appendix:
        writer.writerow([])
        for row in appendix:
            writer.writerow([format_cell(v, fmt, zone_name) for v in row])
    return Response(
        body=("\ufeff" + buffer.getvalue()).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        content_disposition=f'attachment; filename="{filename}"',
    )


def json_download(filename, payload):
    return Response(
        body=json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
        content_type="application/json",
        charset="utf-8",
        content_disposition=f'attachment; filename="{filename}"',
    )


# --- Markdown downloads -----------------------------------------------------------------

# What people wrote goes into a Markdown download as text, never as markup: a
# colleague's `<img onerror=...>` or `<svg onload=...>` would run in any viewer
# that renders the file (python-markdown and markdown-it both pass raw HTML), and
# `*name*` or `## heading` would forge the document's own attribution lines.
# Entities are used where python-markdown knows no backslash escape (<, >, &, =, |, ~);
# both renderers decode them back to the character.
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "=": "&#61;", "|": "&#124;", "~": "&#126;"}
_MARKDOWN_BACKSLASHED = frozenset("\\`*_{}[]#")
_LIST_MARKER = re.compile(r"^(\d+)([.)])")


def markdown_text(text):
    """`text` as literal Markdown text: every line shows exactly what was written.

    Indentation is dropped (four spaces would start a code block, inside which
    the escapes would show); a line that would start a list or a rule gets its
    marker escaped."""
    lines = []
    for line in str(text or "").split("\n"):
        line = line.strip()
        escaped = "".join(_MARKDOWN_ENTITIES.get(c) or ("\\" + c if c in _MARKDOWN_BACKSLASHED else c)
                          for c in line)
        escaped = _LIST_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1)
        if escaped[:1] in ("-", "+"):
            escaped = "\\" + escaped
        lines.append(escaped)
    return "\n".join(lines)


def markdown_paragraphs(text):
    """One Markdown paragraph per written line (as the HTML downloads have), each literal."""
    return [markdown_text(line) + "\n" for line in str(text or "").split("\n") if line.strip()]
