"""With a second reader, the staff overviews (the case tracker's and the programme's)
say how far a paper's assessment is: how many of the two readers are in, or that the
two differ and a third reader decides; never only "to assess" (issue 23). In nl and en."""
import datetime
import re
import uuid

import pytest

from leergang_xblocks.case import block as case_block
from leergang_xblocks.case import paper_progress
from leergang_xblocks.core import platform
from tests.support.case import SESSIONS
from tests.support.programme import arrange, new_programme
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)
OPTION = 'xmlns:option="http://code.edx.org/xblock/option"'


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def course(rule="third_reader"):
    tag = uuid.uuid4().hex[:6]
    scenario, ids = new_programme(
        f'<vertical_demo><leergang_case display_name="Casus" group_set_name="leergang" second_reader="true" '
        f'reader_rule="{rule}"><option:sessions_yaml {OPTION}>{SESSIONS}</option:sessions_yaml></leergang_case>'
        '<leergang_programme display_name="Overzicht"/></vertical_demo>')
    anna = Participant(f"pr_anna_{tag}")
    arrange(ids["leergang_case"][0], {"Noord": [anna.student_id]})
    case = ids["leergang_case"][0]
    assert anna.post(case, "save_case", {"fields": {"title": "Minder regels"}}).status_code == 200
    assert anna.post(case, "submit_paper", {"text": "Mijn paper.", "reflection": "Geleerd"}).status_code == 200
    records = anna.get(case, "my_data").json()["data"]["own_records"]
    paper = [r["data"] for r in records if r["data"]["kind"] == "paper"][-1]["id"]
    return scenario, ids, platform.workbench_anonymous_id(anna.student_id), paper


def assess(staff, usage, who, paper, result):
    response = staff.post(usage, "assess_paper", {"participant": who, "paper": paper, "result": result,
                                                  "feedback": "" if result == "sufficient" else "Meer analyse"})
    assert response.status_code == 200, response.content
    return response


def case_paper_cell(staff, usage, who):
    html = staff.get(usage, "staff_overview").json()["html"]
    row = re.search(rf'<tr[^>]*data-id="{re.escape(who)}".*?</tr>', html, re.S).group(0)
    return re.search(r'data-label-key="paper"[^>]*>([^<]*)</td>', row).group(1)


def programme_paper_cell(staff, scenario, who):
    page = staff.page(scenario).content.decode()
    row = re.search(rf'<tr role="row" data-id="{re.escape(who)}".*?</tr>', page, re.S).group(0)
    return re.search(r'class="programme-cell-paper">([^<]*)</td>', row).group(1)



def test_one_of_two_readers_in_is_said_in_both_overviews_in_english_and_dutch():
    scenario, ids, anna, paper = course()
    case, programme = ids["leergang_case"][0], ids["leergang_programme"][0]
    first = Participant("staff_" + uuid.uuid4().hex[:8])
    staff_en, staff_nl = Participant("staff_en"), Participant("staff_nl", language="nl")
    to_assess = case_paper_cell(staff_en, case, anna)
    assert to_assess == paper_progress.READERS_IN % {"done": 0, "readers": 2}

    assess(first, case, anna, paper, "sufficient")
    row = next(r for r in staff_en.get(case, "staff_overview").json()["rows"] if r["id"] == anna)
    assert row["paper_status"] == "submitted" and row["readers_in"] == 1
    one_in = paper_progress.READERS_IN % {"done": 1, "readers": 2}
    assert case_paper_cell(staff_en, case, anna) == one_in
    dutch = case_paper_cell(staff_nl, case, anna)
    assert dutch != one_in and "1" in dutch and "2" in dutch

    data = staff_en.get(programme, "overview").json()
    cell = next(r for r in data["participants"] if r["id"] == anna)["cases"][0]
    assert cell["paper_status"] == "submitted" and cell["readers_in"] == 1
    assert programme_paper_cell(staff_en, scenario, anna) == one_in
    assert programme_paper_cell(staff_nl, scenario, anna) == dutch
    detail = staff_en.get(programme, "participant", f"participant={anna}").json()["html"]
    assert one_in in detail


def test_two_readers_who_differ_are_waiting_for_the_third_reader_and_a_verdict_ends_it():
    scenario, ids, anna, paper = course()
    case = ids["leergang_case"][0]
    first, second, third = (Participant("staff_" + uuid.uuid4().hex[:8]) for _ in range(3))
    assess(first, case, anna, paper, "sufficient")
    assess(second, case, anna, paper, "insufficient")
    assert case_paper_cell(first, case, anna) == paper_progress.READERS_DIFFER
    assert programme_paper_cell(first, scenario, anna) == paper_progress.READERS_DIFFER
    assess(third, case, anna, paper, "sufficient")
    row = next(r for r in first.get(case, "staff_overview").json()["rows"] if r["id"] == anna)
    assert row["paper_status"] == "sufficient" and row["readers_in"] is None
    assert case_paper_cell(first, case, anna) == "sufficient"


def test_without_a_second_reader_a_paper_is_to_assess_as_before():
    from tests.support.case import new_case_course
    scenario, (usage,) = new_case_course()
    anna = Participant("pr_" + uuid.uuid4().hex[:8])
    anna.page(scenario)
    assert anna.post(usage, "save_case", {"fields": {"title": "Minder regels"}}).status_code == 200
    assert anna.post(usage, "submit_paper", {"text": "Mijn paper.", "reflection": "Geleerd"}).status_code == 200
    who = platform.workbench_anonymous_id(anna.student_id)
    row = next(r for r in Participant("staff_x").get(usage, "staff_overview").json()["rows"] if r["id"] == who)
    assert row["readers_in"] is None
    assert case_paper_cell(Participant("staff_x"), usage, who) == "to assess"
