"""The case tracker's writes answer only the parts of the body they changed (`regions`,
case/case_body.py), each as the page loaded right after the write shows it, in English and
Dutch, with learner text that must stay escaped; and each write reads only the settings it
uses: one it reads, broken, refuses it with nothing stored; one it does not read, broken,
lets it through while the page still says the block is not set up."""
import datetime
import json
import uuid

import pytest
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.case import block as case_block
from tests.support.case import arrange, new_case_course
from tests.support.regions import assert_answer_matches_page, regions_of
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)
HOSTILE = "Tom & Jerry <script>alert(1)</script>"
ESCAPED = "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def person():
    return f"r{uuid.uuid4().hex[:8]}"


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def entry(session, text=HOSTILE, actions=(("Bel " + HOSTILE, "2026-04-01"),), carried=None, seen=0):
    return {"session": session, "parts": {}, "reflection": {"action": text},
            "actions": [{"text": t, "due": d} for t, d in actions], "carried": carried or {}, "seen": seen}


def page(participant, scenario):
    response = participant.page(scenario)
    assert response.status_code == 200
    return response.content.decode()


def assert_escaped(answer):
    html = "".join(answer["regions"].values()) + answer.get("saved_note", "")
    assert "<script>" not in html


def stored(participant, usage):
    return ok(participant.get(usage, "my_data"))["data"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_write_answers_the_regions_it_changed_as_a_fresh_page_shows_them(language):
    scenario, (usage,) = new_case_course()
    anna = Participant(person(), language=language)
    page(anna, scenario)

    # The first description: the parts a described case adds below it come along.
    first = ok(anna.post(usage, "save_case", {"fields": {"title": HOSTILE, "purpose": HOSTILE}}))
    assert set(first["regions"]) == {"definition", "entry", "paper", "presentation", "share"}
    assert_answer_matches_page(first, page(anna, scenario))
    assert ESCAPED in first["regions"]["definition"]
    assert_escaped(first)

    # A revision: the description only.
    revised = ok(anna.post(usage, "save_case", {"fields": {"title": HOSTILE + " 2"}}))
    assert set(revised["regions"]) == {"definition"}
    assert_answer_matches_page(revised, page(anna, scenario))

    logged = ok(anna.post(usage, "log_entry", entry(1)))
    assert set(logged["regions"]) == {"entry", "timeline", "actions", "entries"}
    fresh = page(anna, scenario)
    assert_answer_matches_page(logged, fresh)
    assert ESCAPED in logged["regions"]["entries"] and ESCAPED in logged["regions"]["actions"]
    assert_escaped(logged)
    # The confirmation is the answer's alone, beside the form's button; the page has none.
    assert 'data-code="entry_saved"' in logged["saved_note"] and logged["entry"] in logged["saved_note"]
    assert "entry_saved" not in regions_of(fresh)["entry"]

    action = stored(anna, usage)["own_records"][-1]["data"]["actions"][0]["id"]
    status = ok(anna.post(usage, "set_action_status", {"action": action, "status": "done", "note": HOSTILE}))
    assert set(status["regions"]) == {"actions", "entry"}
    assert_answer_matches_page(status, page(anna, scenario))
    assert_escaped(status)

    presented = ok(anna.post(usage, "save_presentation", {"title": HOSTILE, "date": "2026-10-14",
                                                          "slides": "https://example.org/a&b"}))
    assert set(presented["regions"]) == {"presentation"}
    assert_answer_matches_page(presented, page(anna, scenario))
    assert_escaped(presented)

    shared = ok(anna.post(usage, "share", {"shared": True}))
    assert set(shared["regions"]) == {"share"} and shared["shared"] is True
    assert_answer_matches_page(shared, page(anna, scenario))

    paper = ok(anna.post(usage, "submit_paper", {"text": HOSTILE, "reflection": HOSTILE}))
    assert set(paper["regions"]) == {"paper", "outcome"}
    assert_answer_matches_page(paper, page(anna, scenario))
    assert ESCAPED in paper["regions"]["paper"]
    assert_escaped(paper)


def test_learning_wishes_answer_the_group_section_too():
    scenario, (usage,) = new_case_course(extra='case_fields="title,learning_wishes"')
    anna, bram = Participant(person()), Participant(person())
    for someone in (anna, bram):
        page(someone, scenario)
    arrange(usage, {"g1": [anna.student_id, bram.student_id]})
    ok(anna.post(usage, "save_case", {"fields": {"title": "Casus", "learning_wishes": "Beter luisteren"}}))
    ok(bram.post(usage, "follow_up_wish", {"owner": _anonymous(anna), "text": "Ik help " + HOSTILE}))
    again = ok(anna.post(usage, "save_case", {"fields": {"learning_wishes": "Beter luisteren & vragen"}}))
    assert set(again["regions"]) == {"definition", "group"}
    assert_answer_matches_page(again, page(anna, scenario))
    assert_escaped(again)


def _anonymous(participant):
    from leergang_xblocks.core import platform
    return platform.workbench_anonymous_id(participant.student_id)


def test_a_team_case_answers_regions_that_equal_the_members_page():
    scenario, (usage,) = new_case_course(extra='case_mode="team"')
    anna, bram = Participant(person()), Participant(person())
    for someone in (anna, bram):
        page(someone, scenario)
    arrange(usage, {"t1": [anna.student_id, bram.student_id]})
    first = ok(anna.post(usage, "save_case", {"fields": {"title": HOSTILE}}))
    assert_answer_matches_page(first, page(anna, scenario))
    logged = ok(bram.post(usage, "log_entry", entry(1)))
    assert_answer_matches_page(logged, page(bram, scenario))
    assert "case-share-section" not in page(bram, scenario)   # a team case is not shared per member


def test_the_conflict_reload_still_answers_the_whole_body():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}}))
    ok(anna.post(usage, "log_entry", entry(1)))
    stale = anna.post(usage, "log_entry", entry(1, seen=0))
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_entry"
    body = ok(anna.get(usage, "case_view"))
    assert "regions" not in body
    on_page = regions_of(page(anna, scenario))
    for name, html in regions_of(body["html"]).items():
        assert " ".join(html.split()) == " ".join(on_page[name].split()), name


# --- Which settings each write reads ------------------------------------------------------

BROKEN_SESSIONS = "- number: x\n  date: not a date\n"


def set_setting(usage, **values):
    block = WorkbenchRuntime("author").get_block(usage)
    for name, value in values.items():
        setattr(block, name, value)
    block.save()


def test_a_revision_reads_no_sessions_so_a_broken_list_does_not_refuse_it():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}}))
    set_setting(usage, sessions_yaml=BROKEN_SESSIONS)
    revised = ok(anna.post(usage, "save_case", {"fields": {"title": "Casus, versie 2"}}))
    assert set(revised["regions"]) == {"definition"} and "versie 2" in revised["regions"]["definition"]
    # The page still says the block is not set up, as before.
    assert "case-body" not in page(anna, scenario) and 'class="leergang-notice' in page(anna, scenario)


@pytest.mark.parametrize("write", ["first save_case", "log_entry", "set_action_status"])
def test_a_write_that_shows_the_sessions_refuses_a_broken_list_and_stores_nothing(write):
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    if write != "first save_case":
        ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}}))
        ok(anna.post(usage, "log_entry", entry(1)))
    before = stored(anna, usage)
    action = next((r["data"]["actions"][0]["id"] for r in before["own_records"] if r["data"]["kind"] == "entry"),
                  None)
    set_setting(usage, sessions_yaml=BROKEN_SESSIONS)
    body = {"first save_case": {"fields": {"title": "Casus"}}, "log_entry": entry(2, seen=0),
            "set_action_status": {"action": action, "status": "done"}}[write]
    refused = anna.post(usage, write.split()[-1], body)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_configured"
    after = stored(anna, usage)
    assert after["own_records"] == before["own_records"] and after["overview_rows"] == before["overview_rows"]


def test_no_participant_write_reads_the_paper_rubric():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}}))
    set_setting(usage, paper_rubric="- this: [is, not, a rubric")
    assert "entries" in ok(anna.post(usage, "log_entry", entry(1)))["regions"]
    assert "paper" in ok(anna.post(usage, "submit_paper", {"text": "Mijn paper", "reflection": ""}))["regions"]
    kinds = [r["data"]["kind"] for r in stored(anna, usage)["own_records"]]
    assert kinds[-2:] == ["entry", "paper"]


def test_share_and_presentation_read_neither_sessions_nor_the_rule():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}}))
    set_setting(usage, sessions_yaml=BROKEN_SESSIONS)
    assert set(ok(anna.post(usage, "share", {"shared": True}))["regions"]) == {"share"}
    assert set(ok(anna.post(usage, "save_presentation", {"title": "Slot", "date": "", "slides": ""}))["regions"]) \
        == {"presentation"}
    records = [r["data"]["kind"] for r in stored(anna, usage)["own_records"]]
    assert records[-2:] == ["share", "presentation"]


def test_no_answer_carries_the_whole_body_any_more():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    page(anna, scenario)
    answers = [ok(anna.post(usage, "save_case", {"fields": {"title": "Casus"}})),
               ok(anna.post(usage, "log_entry", entry(1)))]
    for answer in answers:
        assert "html" not in answer and json.dumps(answer).count("case-downloads") == 0
