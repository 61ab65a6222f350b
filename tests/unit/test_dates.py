"""core/dates.py: one date format per language, in the course's time zone (issue 21), and
where that zone comes from (platform.course_time_zone: the platform's XBLOCK_SETTINGS
through the `settings` service, else Europe/Amsterdam)."""
import datetime

import pytest

from leergang_xblocks.core import dates, platform

UTC = datetime.timezone.utc


@pytest.mark.parametrize("value, nl, en", [
    ("2026-09-16", "16 september 2026", "16 September 2026"),
    (datetime.date(2030, 1, 31), "31 januari 2030", "31 January 2030"),
    # Late in the evening in UTC is the next day in Amsterdam (winter and summer time).
    (datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "7 december 2026", "7 December 2026"),
    (datetime.datetime(2026, 7, 15, 22, 30), "16 juli 2026", "16 July 2026"),   # naive: UTC
    ("2026-03-29T23:30:00+00:00", "30 maart 2026", "30 March 2026"),
    ("", "", ""),
    (None, "", ""),
])
def test_a_date_reads_the_same_way_per_language(value, nl, en):
    assert dates.date_text(value, "nl") == nl and dates.date_text(value, "en") == en


def test_a_moment_has_its_local_time_and_a_date_alone_is_never_moved():
    due = datetime.datetime(2030, 1, 31, 16, 0, tzinfo=UTC)
    assert dates.moment_text(due, "nl") == "31 januari 2030, 17:00"
    assert dates.moment_text(due, "en") == "31 January 2030, 17:00"
    assert dates.moment_text(due, "en", "UTC") == "31 January 2030, 16:00"
    assert dates.date_text("2026-09-16", "en", "Pacific/Auckland") == "16 September 2026"
    assert dates.local_day(datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "UTC") == datetime.date(2026, 12, 6)
    assert dates.today("Europe/Amsterdam", now=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC)) == \
        datetime.date(2026, 12, 7)


def test_csv_cells_stay_sortable_and_text_that_is_no_date_is_shown_as_written():
    assert dates.csv_moment("2026-03-29T23:30:00+00:00") == "2026-03-30 01:30:00"
    assert dates.csv_moment("2026-03-29") == "2026-03-29"
    assert dates.date_text("next week", "nl") == "next week"
    assert dates.zone_label("Europe/Amsterdam") == "Europe/Amsterdam" and dates.zone_label("Mars/Olympus") == "UTC"


class _Settings:
    """The platform's SettingsService, as far as a block reads it.

    Mirrors openedx/edx-platform@09e1197053121f809c1efab1254f7e26db27deec xmodule/services.py SettingsService
    (the bucket is XBLOCK_SETTINGS[block.block_settings_key], else the default given)."""

    def __init__(self, xblock_settings):
        self.xblock_settings = xblock_settings

    def get_settings_bucket(self, block, default=None):
        return self.xblock_settings.get(block.block_settings_key, default if default is not None else {})


class _Runtime:
    def __init__(self, service):
        self._service = service

    def service(self, block, name):
        return self._service if name == "settings" else None


class _Block:
    block_settings_key = platform.SETTINGS_BUCKET

    def __init__(self, service):
        self.runtime = _Runtime(service)


@pytest.mark.parametrize("xblock_settings, expected", [
    ({"leergang_xblocks": {"TIME_ZONE": "America/Curacao"}}, "America/Curacao"),
    ({"leergang_xblocks": {"TIME_ZONE": "Mars/Olympus"}}, "Europe/Amsterdam"),
    ({"leergang_xblocks": "not a mapping"}, "Europe/Amsterdam"),
    ({}, "Europe/Amsterdam"),
])
def test_the_course_time_zone_comes_from_the_platforms_xblock_settings(xblock_settings, expected):
    assert platform.course_time_zone(_Block(_Settings(xblock_settings))) == expected


def test_without_a_settings_service_the_default_zone_holds():
    assert platform.course_time_zone(_Block(None)) == dates.DEFAULT_TIME_ZONE
