"""The programme overview through the workbench's request path: it finds the course's
blocks itself, shows one row per participant and per group, refuses participants,
shows a mentor only their groups, and exports a CSV for Dutch Excel."""
import csv
import io
import uuid

from leergang_xblocks.core import platform
from leergang_xblocks.stores.api import mentors as mentors_api
from tests.support.programme import arrange, new_programme
from tests.support.workbench import Participant

STAFF = Participant("staff_programme")


def _course():
    scenario, ids = new_programme()
    people = {"Noord": ["pa_anna", "pa_bram"], "Zuid": ["pa_chris", "pa_dewi"]}
    groups = arrange(ids["leergang_case"][0], people)
    return scenario, ids, groups


def _overview(person=STAFF, usage=None):
    response = person.get(usage, "overview")
    return response


def test_it_finds_every_block_of_its_course_and_lists_each_participant():
    scenario, ids, groups = _course()
    bram = Participant("pa_bram")
    assert bram.post(ids["leergang_feedback_round"][0], "post_update", {"text": "Mijn stand van zaken"}).status_code == 200
    response = STAFF.get(ids["leergang_programme"][0], "overview")
    assert response.status_code == 200, response.content[:400]
    data = response.json()
    assert len(data["rounds"]) == 1 and len(data["dialogues"]) == 1 and len(data["scans"]) == 2
    assert [s["number"] for s in data["sessions"]] == [1, 2, 3, 4, 5, 6, 7]
    by_id = {r["id"]: r for r in data["participants"]}
    bram_row = by_id[platform.workbench_anonymous_id("pa_bram")]
    assert bram_row["group"] == "Noord" and bram_row["posted"] == 1
    assert {g["name"]: g["size"] for g in data["groups"]} == {"Noord": 2, "Zuid": 2}
    assert next(g for g in data["groups"] if g["name"] == "Noord")["posted"] == 1


def test_a_participant_is_refused_before_anything_is_read():
    scenario, ids, groups = _course()
    response = Participant("pa_anna").get(ids["leergang_programme"][0], "overview")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_mentor"
    assert Participant("pa_anna").get(ids["leergang_programme"][0], "export_csv").status_code == 403


def test_a_mentor_sees_only_the_groups_they_mentor_and_no_dilemmas_or_scans():
    scenario, ids, groups = _course()
    block = Participant("x").block(ids["leergang_case"][0])
    mentor = Participant("pa_mentor")
    mentor_id = platform.workbench_anonymous_id("pa_mentor")
    mentors_api.save(platform.course_id(block), f"set:{block.group_set_name}", 0, {groups["Noord"]: [mentor_id]},
                     "test")
    data = mentor.get(ids["leergang_programme"][0], "overview").json()
    assert data["role"] == "mentor"
    assert {r["group"] for r in data["participants"]} == {"Noord"}
    assert data["dialogues"] == [] and data["scans"] == []
    dewi = platform.workbench_anonymous_id("pa_dewi")
    refused = mentor.get(ids["leergang_programme"][0], "participant", f"participant={dewi}")
    assert refused.status_code == 404
    assert mentor.get(ids["leergang_programme"][0], "export_csv").status_code == 403


def test_the_detail_of_one_participant_opens_with_their_row():
    scenario, ids, groups = _course()
    anna = platform.workbench_anonymous_id("pa_anna")
    response = STAFF.get(ids["leergang_programme"][0], "participant", f"participant={anna}")
    assert response.status_code == 200, response.content[:300]
    assert response.json()["participant"]["id"] == anna
    missing = STAFF.get(ids["leergang_programme"][0], "participant", "participant=nobody")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_such_participant"


def test_the_csv_is_for_dutch_excel_with_anonymous_ids_unless_staff_opt_in():
    scenario, ids, groups = _course()
    usage = ids["leergang_programme"][0]
    response = STAFF.get(usage, "export_csv", "format=nl")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    ids_in_file = {row[0] for row in rows[1:] if row and row[0].startswith("anon-")}
    assert platform.workbench_anonymous_id("pa_anna") in ids_in_file
    assert "pa_anna" not in text
    named = STAFF.get(usage, "export_csv", "format=en&names=1").content.decode("utf-8-sig")
    assert "pa_anna" in named and platform.workbench_anonymous_id("pa_anna") not in named


def test_the_page_renders_for_staff_and_says_no_to_a_participant():
    scenario, ids, groups = _course()
    page = STAFF.page(scenario)
    assert page.status_code == 200
    assert b"programme-people" in page.content
    assert b"programme-refusal" in Participant("pa_anna").page(scenario).content


def test_generate_report_data_gives_a_row_per_participant():
    scenario, ids, groups = _course()
    block = STAFF.block(ids["leergang_programme"][0])
    rows = list(block.generate_report_data(iter(())))
    names = {name for name, _report in rows}
    assert {"pa_anna", "pa_bram", "pa_chris", "pa_dewi"} <= names
    assert all("behind in" in report for _name, report in rows)
    assert len(list(block.generate_report_data(iter(()), limit_responses=2))) == 2


def test_the_demos_programme_shows_work_in_every_block():
    from tests.support.workbench import scenario_usage_ids
    usage = scenario_usage_ids("leergang_programme")[0]
    data = STAFF.get(usage, "overview").json()
    rows = data["participants"]
    assert len(rows) >= 9 and {g["name"] for g in data["groups"]} >= {"Groep Noord", "Groep Midden", "Groep Zuid"}
    assert sum(1 for r in rows if r["case_title"]) >= 6
    assert any(r["attendance"]["1"] is False for r in rows) and any(r["attendance"]["1"] for r in rows)
    assert sum(r["posted"] for r in rows) >= 6
    assert sum(len(r["dilemmas"]) for r in rows) >= 6
    assert sum(1 for r in rows if r["scans_done"] == 2) >= 3
    assert any(r["behind"] for r in rows) and any(not r["behind"] for r in rows)


def _two_case_course():
    """A course with a personal case and a team case (two case keys), as a programme that
    has participants work on their own case and on their team's."""
    from tests.support.case import SESSIONS
    option = 'xmlns:option="http://code.edx.org/xblock/option"'
    scenario, ids = new_programme(
        '<vertical_demo>'
        f'<leergang_case display_name="Eigen casus" case_key="eigen" group_set_name="leergang">'
        f'<option:sessions_yaml {option}>{SESSIONS}</option:sessions_yaml></leergang_case>'
        f'<leergang_case display_name="Teamcasus" case_key="team" case_mode="team" group_set_name="leergang">'
        f'<option:sessions_yaml {option}>{SESSIONS}</option:sessions_yaml></leergang_case>'
        '<leergang_programme display_name="Overzicht"/></vertical_demo>')
    groups = arrange(ids["leergang_case"][0], {"Noord": ["pa2_anna", "pa2_bram"]})
    anna = Participant("pa2_anna")
    own, team = ids["leergang_case"]
    assert anna.post(own, "save_case", {"fields": {"title": "Mijn eigen casus"}}).status_code == 200
    assert anna.post(team, "save_case", {"fields": {"title": "Onze teamcasus"}}).status_code == 200
    return scenario, ids, groups


def test_a_course_with_two_case_keys_shows_one_set_of_case_columns_per_case():
    scenario, ids, groups = _two_case_course()
    usage = ids["leergang_programme"][0]
    data = STAFF.get(usage, "overview").json()
    assert [(c["key"], c["title"]) for c in data["cases"]] == [("eigen", "Eigen casus"), ("team", "Teamcasus")]
    anna = next(r for r in data["participants"] if r["id"] == platform.workbench_anonymous_id("pa2_anna"))
    assert [c["case_title"] for c in anna["cases"]] == ["Mijn eigen casus", "Onze teamcasus"]
    bram = next(r for r in data["participants"] if r["id"] == platform.workbench_anonymous_id("pa2_bram"))
    assert [c["case_title"] for c in bram["cases"]] == ["", "Onze teamcasus"]

    noord = next(g for g in data["groups"] if g["name"] == "Noord")
    assert len(noord["cases"]) == 2 and noord["cases"][1]["entry_total"] == noord["entry_total"] == 0
    detail = STAFF.get(usage, "participant", f"participant={anna['id']}").json()["html"]
    assert "Mijn eigen casus" in detail and "Onze teamcasus" in detail

    page = STAFF.page(scenario).content.decode()
    assert "Mijn eigen casus" in page and "Onze teamcasus" in page
    assert page.count('class="programme-case-heading"') == 2

    text = STAFF.get(usage, "export_csv", "format=en").content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert any(h.startswith("Eigen casus: ") for h in header) and any(h.startswith("Teamcasus: ") for h in header)
    assert all(h in header for h in ("Eigen casus: case title", "Teamcasus: case title"))
    anna_row = next(r for r in rows if r and r[0] == platform.workbench_anonymous_id("pa2_anna"))
    assert anna_row[header.index("Teamcasus: case title")] == "Onze teamcasus"

    report = dict(STAFF.block(usage).generate_report_data(iter(())))
    assert report["pa2_anna"]["Teamcasus: case title"] == "Onze teamcasus"
    assert report["pa2_anna"]["Eigen casus: case title"] == "Mijn eigen casus"


def test_each_participants_detail_is_their_row_in_the_overview_read_for_them_alone():
    from tests.support.workbench import scenario_usage_ids
    usage = scenario_usage_ids("leergang_programme")[0]
    rows = STAFF.get(usage, "overview").json()["participants"]
    assert len(rows) >= 9
    for row in rows:
        detail = STAFF.get(usage, "participant", f"participant={row['id']}")
        assert detail.status_code == 200, detail.content[:300]
        assert detail.json()["participant"] == row


def test_a_mentors_detail_of_a_mentee_is_their_row_in_the_mentors_overview():
    scenario, ids, groups = _course()
    block = Participant("x").block(ids["leergang_case"][0])
    mentor = Participant("pa_mentor2")
    mentor.page(scenario)   # on the roster: known to the blocks, still no participant of the overview
    mentor_id = platform.workbench_anonymous_id("pa_mentor2")
    mentors_api.save(platform.course_id(block), f"set:{block.group_set_name}", 0, {groups["Zuid"]: [mentor_id]},
                     "test")
    usage = ids["leergang_programme"][0]
    rows = mentor.get(usage, "overview").json()["participants"]
    assert {r["group"] for r in rows} == {"Zuid"}
    for row in rows:
        assert mentor.get(usage, "participant", f"participant={row['id']}").json()["participant"] == row
    # A mentor is no participant of the overview, not even to staff.
    assert STAFF.get(usage, "participant", f"participant={mentor_id}").status_code == 404


def test_a_whole_round_with_ratings_gives_each_detail_the_figures_of_the_overview():
    """The overview reads a few parts of every round record (kind, to, feedback, helpful),
    the detail one group's whole records: the same figures, ratings and nulls included."""
    from workbench.runtime import WorkbenchRuntime

    from benchmarks.programme_bench import seeded_programme
    from leergang_xblocks.feedback_round.round_view import KIND_FEEDBACK, KIND_REPLY

    scenario, ids, students = seeded_programme(8, f"pr_{uuid.uuid4().hex[:6]}_")
    round_block = WorkbenchRuntime("seeder").get_block(ids["leergang_feedback_round"][0])
    records = round_block._records()
    for n, student in enumerate(students[:3]):
        me = platform.Identity(platform.workbench_anonymous_id(student), None, "", False)
        group = records.visible_group(me)
        received = [r for r in records.of_group(group)
                    if r.data.get("kind") == KIND_FEEDBACK and r.data.get("to") == me.anonymous_id]
        records.append(me, {"kind": KIND_REPLY, "feedback": received[0].id, "helpful": n + 2, "answer": "Dank"},
                       group=group)
        records.append(me, {"kind": KIND_REPLY, "feedback": received[1].id, "helpful": None, "answer": "Hm"},
                       group=group)
    usage = ids["leergang_programme"][0]
    rows = STAFF.get(usage, "overview").json()["participants"]
    assert sorted(r["helpfulness"] for r in rows if r["helpfulness"] is not None) == [2, 3, 4]
    assert all(r["gave"] == 3 and r["received"] == 3 for r in rows)
    for row in rows:
        assert STAFF.get(usage, "participant", f"participant={row['id']}").json()["participant"] == row
