"""Issue 21: every date people read goes through core/dates.py (one format per language,
in the course's time zone). A template's own `|date` filter or a sliced ISO text would
bring back "2026-09-16" beside "16 september 2026", in Django's TIME_ZONE or in UTC."""
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "leergang_xblocks"
HELPERS = {PACKAGE / "core" / "dates.py", PACKAGE / "core" / "export.py"}

TEMPLATE_DATE = re.compile(r"\|\s*(date|time|naturalday|naturaltime)\b|\|slice:\"?:1[0-9]\b")
SLICED_MOMENT = re.compile(r"(local_time\([^)]*\)|isoformat\(\)|_at\b[^\n]{0,12})\[:1[0-9]\]|strftime\(")


def test_templates_show_no_date_of_their_own():
    found = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()[:80]}"
             for path in PACKAGE.rglob("*.html") for n, line in enumerate(path.read_text().splitlines(), 1)
             if TEMPLATE_DATE.search(line)]
    assert not found, "format dates with block.date_text / moment_text (core/dates.py):\n" + "\n".join(found)


def test_python_slices_no_moment_into_a_date_for_people():
    found = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()[:80]}"
             for path in PACKAGE.rglob("*.py") if path not in HELPERS
             for n, line in enumerate(path.read_text().splitlines(), 1) if SLICED_MOMENT.search(line)]
    assert not found, "format dates with block.date_text / moment_text (core/dates.py):\n" + "\n".join(found)


def test_the_guards_find_what_they_are_for():
    assert TEMPLATE_DATE.search('{{ en.at|date:"Y-m-d" }}') and TEMPLATE_DATE.search('date=r.cohort_as_of|slice:":10"')
    assert SLICED_MOMENT.search('"at": local_time(f.flagged_at)[:16]') and SLICED_MOMENT.search("row['last_entry_at'][:10]")
    assert not SLICED_MOMENT.search("hexdigest()[:16]")
