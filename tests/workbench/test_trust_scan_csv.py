"""The staff CSV as Excel with Dutch regional settings reads it (issue 9, "Staff"):
`;` and a decimal comma for a Dutch download (or on request), "n.v.t.", local time
to the second, the statements behind the columns, and a file name per scan and date."""
import csv
import datetime
import io
import re
import uuid
from zoneinfo import ZoneInfo

import pytest

from leergang_xblocks.core.export import CSV_FORMATS, csv_format, filename_part, format_cell, local_time
from leergang_xblocks.trust_scan.instrument import DONT_KNOW, shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids


@pytest.fixture
def pre_post():
    ids = [u for u in scenario_usage_ids("leergang_trust_scan") if "pre-post" in u or "prepost" in u]
    assert len(ids) == 2
    return sorted(ids)


def submit_mixed(usage_id):
    """Answers that give a score with decimals and one "don't know" per dimension."""
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    answers = {}
    for dimension in instrument.dimensions:
        items = instrument.items_of(dimension.key)
        for index, item in enumerate(items):
            answers[item.key] = DONT_KNOW if index == 0 else (4 if index % 2 else 5)
    person = Participant("csv-" + uuid.uuid4().hex[:8])
    response = person.post(usage_id, "submit", {"answers": answers})
    assert response.status_code == 200, response.content
    return person, answers, response.json()


def tables(download, delimiter):
    """The data table and the column legend below it."""
    text = download.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    gap = rows.index([])
    return rows[:gap], rows[gap + 1:]


def row_of(data, name):
    return next(row for row in data[1:] if row[0] == name)


def test_a_dutch_download_opens_in_dutch_excel(pre_post):
    usage_id = pre_post[0]
    person, answers, result = submit_mixed(usage_id)
    anonymous_id = person.block(usage_id).identity.anonymous_id
    download = Participant("staff_nl", language="nl").get(usage_id, "export_csv")
    assert download.status_code == 200
    assert download.content.startswith("\ufeff".encode("utf-8"))
    data, legend = tables(download, ";")
    header, row = data[0], row_of(data, anonymous_id)
    assert len(row) == len(header) > 30
    # Decimal comma in scores: 4 and 5 alternate, so at least one score is not whole.
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    scores = {d["key"]: d["score"] for d in result["dimensions"]}
    for dimension in instrument.dimensions:
        cell = row[header.index(next(h for h in header if h.endswith(": " + dimension.key)))]
        assert cell == format_cell(scores[dimension.key], CSV_FORMATS["nl"])
        assert "." not in cell
    assert any("," in cell for cell in row[3:3 + len(instrument.dimensions)])
    # "Weet niet / n.v.t." is "n.v.t.", never "n/a".
    first_item = instrument.items_of(instrument.dimensions[0].key)[0]
    assert row[header.index(next(h for h in header if h.endswith(": " + first_item.key)))] == "n.v.t."
    assert "n/a" not in download.content.decode("utf-8-sig")
    # Local time to the second.
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[2]), row[2]
    stored = datetime.datetime.fromisoformat(result["submitted_at"])
    assert row[2] == stored.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d %H:%M:%S")
    assert "Europe/Amsterdam" in header[2]
    # The legend names every column with its statement, in Dutch.
    described = {line[0]: line for line in legend[1:]}
    for item in instrument.items:
        column = next(h for h in header if h.endswith(": " + item.key))
        assert described[column][3] == item.text["nl"]
        assert described[column][2] == ("ja" if item.reverse else "nee")
    for dimension in instrument.dimensions:
        column = next(h for h in header if h.endswith(": " + dimension.key))
        assert described[column][1] == dimension.name["nl"]


def test_an_english_download_keeps_commas_and_points(pre_post):
    usage_id = pre_post[0]
    person, _, _ = submit_mixed(usage_id)
    anonymous_id = person.block(usage_id).identity.anonymous_id
    download = Participant("staff_en", language="en").get(usage_id, "export_csv")
    data, legend = tables(download, ",")
    row = row_of(data, anonymous_id)
    assert "n/a" in row and "n.v.t." not in row
    assert any("." in cell for cell in row[3:9])
    assert legend[0][0] == "column"


def test_the_format_can_be_chosen_whatever_the_language(pre_post):
    usage_id = pre_post[0]
    person, _, _ = submit_mixed(usage_id)
    anonymous_id = person.block(usage_id).identity.anonymous_id
    download = Participant("staff_choice", language="en").get(usage_id, "export_csv", "format=nl")
    data, _ = tables(download, ";")
    assert "n.v.t." in row_of(data, anonymous_id)
    refused = Participant("staff_choice", language="en").get(usage_id, "export_csv", "format=xlsx")
    assert refused.status_code == 400


def test_each_scan_of_a_series_downloads_under_its_own_name_and_date(pre_post):
    staff = Participant("staff_names")
    names = []
    for usage_id in pre_post:
        disposition = staff.get(usage_id, "export_csv")["Content-Disposition"]
        name = re.search(r'filename="([^"]+)"', disposition).group(1)
        assert re.fullmatch(r"[a-z0-9_-]+\.csv", name), name
        today = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d")
        assert name.endswith(f"_{today}.csv")
        assert staff.block(usage_id).instrument.key in name
        assert filename_part(staff.block(usage_id).display_name) in name
        names.append(name)
    assert names[0] != names[1]


def test_cells_and_names_helpers():
    nl, en = CSV_FORMATS["nl"], CSV_FORMATS["en"]
    assert csv_format(None, "nl") is nl and csv_format(None, "en") is en and csv_format("en", "nl") is en
    assert format_cell(3.25, nl) == "3,25" and format_cell(3.25, en) == "3.25"
    assert format_cell(-0.5, nl) == "-0,5"  # a negative change stays a number
    assert format_cell(4.0, nl) == "4" and format_cell(7, nl) == 7  # the csv writer writes ints
    assert format_cell(float("nan"), nl) == "" and format_cell(None, nl) is None
    assert format_cell("=1+1", nl) == "'=1+1"
    # Winter and summer time; microseconds dropped.
    winter = datetime.datetime(2026, 1, 15, 12, 0, 5, 123456, tzinfo=datetime.timezone.utc)
    summer = datetime.datetime(2026, 7, 15, 12, 0, 5, 987654, tzinfo=datetime.timezone.utc)
    assert local_time(winter) == "2026-01-15 13:00:05"
    assert local_time(summer) == "2026-07-15 14:00:05"
    assert local_time("2026-07-15T12:00:05.5+00:00") == "2026-07-15 14:00:05"
    assert filename_part("Vertrouwensscan: béginmeting!") == "vertrouwensscan-beginmeting"
    assert filename_part("«»", "trust-scan") == "trust-scan"


SERIES = """<vertical_demo>
  <leergang_trust_scan display_name="Voormeting" series="voor-na" series_position="1" min_cohort_size="3"/>
  <leergang_trust_scan display_name="Nameting" series="voor-na" series_position="2" min_cohort_size="3"/>
</vertical_demo>"""


def new_series():
    """Two scans of one series in a scenario (course) of their own."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import add_xml_scenario, get_scenarios

    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    scenario = "csv-series-" + uuid.uuid4().hex[:10]
    add_xml_scenario(scenario, scenario, SERIES)
    runtime = WorkbenchRuntime("loader")
    blocks = [runtime.get_block(child) for child in runtime.get_block(get_scenarios()[scenario].usage_id).children]
    for block in blocks:  # the workbench creates storage rows on first read
        for name in block.editable_fields:
            getattr(block, name)
    return [str(block.scope_ids.usage_id) for block in blocks]


def test_the_later_scan_of_a_series_shows_the_earlier_score_and_the_change():
    first, later = new_series()
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")

    def all_answers(value):
        return {item.key: (instrument.points + 1 - value if item.reverse else value) for item in instrument.items}

    # Taken in the wrong order on purpose: the series order is the author's.
    person = Participant("series-" + uuid.uuid4().hex[:8])
    assert person.post(later, "submit", {"answers": all_answers(4)}).status_code == 200
    assert person.post(first, "submit", {"answers": all_answers(2)}).status_code == 200
    anonymous_id = person.block(later).identity.anonymous_id
    staff = Participant("staff_series", language="nl")

    data, legend = tables(staff.get(later, "export_csv"), ";")
    header, row = data[0], row_of(data, anonymous_id)
    dimension = instrument.dimensions[0].key
    assert row[header.index(f"score: {dimension}")] == "4"
    assert row[header.index(f"eerdere scan: {dimension}")] == "2"
    assert row[header.index(f"verschil: {dimension}")] == "2"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[header.index(
        "eerdere scan verstuurd op (Europe/Amsterdam)")])
    assert row[header.index("versie van het instrument")] == instrument.fingerprint
    assert any(line[0] == f"verschil: {dimension}" for line in legend)

    data, _ = tables(staff.get(first, "export_csv"), ";")
    header, row = data[0], row_of(data, anonymous_id)
    assert row[header.index(f"score: {dimension}")] == "2"
    assert row[header.index(f"eerdere scan: {dimension}")] == ""  # nothing before the first scan
    assert row[header.index(f"verschil: {dimension}")] == ""


def test_a_scan_outside_a_series_has_no_earlier_columns():
    usage_id = next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)
    data, _ = tables(Participant("staff_single").get(usage_id, "export_csv"), ",")
    assert not any(column.startswith(("earlier scan", "change")) for column in data[0])
