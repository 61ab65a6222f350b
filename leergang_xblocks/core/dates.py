"""Dates and times as people read them: one format per language, in the course's time zone.

Every view, e-mail-like text, download and CSV legend of every block goes through
here, so a participant and staff never see the same entry on two different days
(a UTC date in one place and a local one in another), and Dutch never reads
"2026-09-16" or "31-1-2030" beside "16 september 2026".

- `date_text(value, language, zone)`  -> "16 september 2026" / "16 September 2026"
- `moment_text(value, language, zone)` -> "16 september 2026, 17:00" / "16 September 2026, 17:00"
- `local_day(value, zone)`            -> the calendar day in the course's time zone
- `today(zone)`                       -> today in the course's time zone
- `csv_moment(value, zone)`           -> "2026-09-16 17:00:09": CSV cells stay a form
                                         Excel sorts as a date and time; the column's
                                         legend names the zone (`zone_label`)

`value` may be a date, an aware datetime, a naive datetime (taken as UTC: the
platform stores UTC), an ISO text ("2026-09-16", "2026-09-16T22:30:00+00:00"),
or empty. A date alone is a calendar day and is never moved between zones.

Which zone is the course's: `platform.course_time_zone(block)` (the admin's
`XBLOCK_SETTINGS`, else `DEFAULT_TIME_ZONE`); blocks call the block mixin's
`date_text` / `moment_text`, which pass the block's language and zone.
"""
import datetime
import functools
import re

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # pragma: no cover - Python < 3.9 is not supported anyway
    ZoneInfo = None
    ZoneInfoNotFoundError = KeyError

# The programmes run in the Netherlands; a course elsewhere sets its own (docs/platform.md).
DEFAULT_TIME_ZONE = "Europe/Amsterdam"

# Month names are data, not sentences: Dutch writes them in lower case.
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


@functools.lru_cache(maxsize=32)
def zone(name):
    """The tzinfo for an IANA name; None when the name is unknown or no time-zone
    database is installed (then times stay UTC and `zone_label` says so)."""
    if ZoneInfo is None or not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def valid_zone_name(name):
    return zone(name) is not None


def zone_label(name):
    """The zone as a CSV legend names it: the IANA name, or UTC when it cannot be used."""
    return name if zone(name) is not None else "UTC"


def _as_moment_or_day(value):
    """A datetime (aware), a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                return None
        try:
            value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, datetime.date):
        return value
    return None


def _in_zone(moment, zone_name):
    return moment.astimezone(zone(zone_name) or datetime.timezone.utc)


def local_day(value, zone_name=DEFAULT_TIME_ZONE):
    """The calendar day `value` falls on in the zone, or None."""
    found = _as_moment_or_day(value)
    if isinstance(found, datetime.datetime):
        return _in_zone(found, zone_name).date()
    return found


def today(zone_name=DEFAULT_TIME_ZONE, now=None):
    """Today in the zone (`now`: an aware datetime, for tests)."""
    return _in_zone(now or datetime.datetime.now(datetime.timezone.utc), zone_name).date()


def _language(language):
    return language if language in MONTHS else "en"


def _day_text(day, language):
    return f"{day.day} {MONTHS[_language(language)][day.month - 1]} {day.year}"


def date_text(value, language="en", zone_name=DEFAULT_TIME_ZONE):
    """'16 september 2026' (nl) / '16 September 2026' (en); '' for no date; text that
    is no date comes back as it was (never hidden)."""
    day = local_day(value, zone_name)
    if day is None:
        return value if isinstance(value, str) else ""
    return _day_text(day, language)


def moment_text(value, language="en", zone_name=DEFAULT_TIME_ZONE):
    """'16 september 2026, 17:00' / '16 September 2026, 17:00' in the zone; a date alone
    gives the date."""
    found = _as_moment_or_day(value)
    if found is None:
        return value if isinstance(value, str) else ""
    if not isinstance(found, datetime.datetime):
        return _day_text(found, language)
    local = _in_zone(found, zone_name)
    return f"{_day_text(local.date(), language)}, {local:%H:%M}"


def csv_moment(value, zone_name=DEFAULT_TIME_ZONE):
    """A CSV cell: '2026-09-16 17:00:09' in the zone (to the second), a date alone as
    '2026-09-16'; Excel reads both as dates in its nl and en formats alike."""
    found = _as_moment_or_day(value)
    if found is None:
        return value if isinstance(value, str) else ""
    if not isinstance(found, datetime.datetime):
        return found.isoformat()
    return _in_zone(found, zone_name).strftime("%Y-%m-%d %H:%M:%S")


def sort_key(value):
    """An ISO text in UTC for sorting rows by a moment (the table shows `date_text`)."""
    found = _as_moment_or_day(value)
    if isinstance(found, datetime.datetime):
        return found.astimezone(datetime.timezone.utc).isoformat()
    return found.isoformat() if found is not None else ""


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def real_date(text):
    """True for a real calendar date written YYYY-MM-DD (what a date field of a form
    sends): the case tracker's actions, the round's agreed actions, Studio's due dates."""
    if not isinstance(text, str) or not DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
