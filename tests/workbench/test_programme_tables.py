"""The programme overview's two tables (participants, groups) are defined once in the
template (issue 23: the markup of the header cells was written out twice), and in
each table every row has exactly the header's columns, each cell named after its
column (a phone shows that name before the cell), with one and with two case keys."""
import html
import re
from pathlib import Path

import leergang_xblocks
from tests.support.programme import arrange, new_programme
from tests.support.workbench import Participant
from tests.workbench.test_programme_overview import _two_case_course

TEMPLATE = Path(leergang_xblocks.__file__).parent / "programme" / "templates" / "programme.html"
STAFF = Participant("staff_programme_tables")


def test_the_template_defines_the_table_markup_once():
    source = TEMPLATE.read_text()
    assert source.count("<table") == 1 and source.count("<thead") == 1 and source.count("<tbody") == 1
    assert source.count('scope="col"') == 1          # one header cell definition for both tables


def _tables(page):
    return re.findall(r'<table class="(programme-\w+) programme-stacked".*?</table>', page, re.S), \
        re.findall(r'<table class="programme-\w+ programme-stacked".*?</table>', page, re.S)


def _check_columns(table):
    header_row = re.findall(r"<tr role=\"row\">(.*?)</tr>", table.split("</thead>")[0], re.S)[-1]
    headers = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
               for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', header_row, re.S)]
    spans = [int(n) for n in re.findall(r'colspan="(\d+)"', table.split("</thead>")[0])]
    if spans:
        assert sum(spans) == len(headers)
    body = table.split("</thead>")[1]
    rows = re.findall(r"<tr role=\"row\"[^>]*>(.*?)</tr>", body, re.S)
    assert rows
    for row in rows:
        labels = [html.unescape(label) for label in re.findall(r'<td role="cell" data-label="([^"]*)"', row)]
        assert len(labels) + 1 == len(headers)        # the row header, then one cell per column
        for label, header in zip(labels, headers[1:]):
            assert label.endswith(header) or header in label, (label, header)


def test_every_row_of_both_tables_has_the_headers_columns_with_one_case():
    scenario, ids = new_programme()
    arrange(ids["leergang_case"][0], {"Noord": ["pt_anna", "pt_bram"]})
    page = STAFF.page(scenario).content.decode()
    kinds, tables = _tables(page)
    assert kinds == ["programme-people", "programme-groups"]
    for table in tables:
        _check_columns(table)


def test_every_row_of_both_tables_has_the_headers_columns_with_two_cases():
    scenario, ids, groups = _two_case_course()
    page = STAFF.page(scenario).content.decode()
    kinds, tables = _tables(page)
    assert kinds == ["programme-people", "programme-groups"]
    for table in tables:
        _check_columns(table)
    assert page.count('class="programme-case-heading"') == 2
    assert page.count('class="programme-case-heading-group"') == 2
