"""One action list per participant (issue 22): where the course has a case tracker, a
feedback round opens with the participant's open case actions, the participant follows
them up from the round, and new actions agreed in the round land in the case with a
real due date. What the group sees of someone's case actions follows the case's
sharing choice, and the round's notice says so."""
import json
import re
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.cost import query_log
from leergang_xblocks.core import platform
from tests.support.case import SESSIONS
from tests.support.groups import arrange, visit
from tests.support.regions import assert_answer_matches_page
from tests.support.workbench import Participant

STAFF = "staff_round_actions"


def code(response):
    return json.loads(response.content)["error"]["code"]


def people(n):
    tag = uuid.uuid4().hex[:5]
    return [f"ra{tag}_{i}" for i in range(n)]


def course(round_attributes=""):
    """A course with a case tracker and a feedback round on the same group set;
    returns (scenario, case usage, round usage)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"roundcase.{tag}"
    get_scenarios()
    xml = ('<vertical_demo>'
           '<leergang_case group_set_name="rc"><option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">'
           f'{SESSIONS}</option:sessions_yaml></leergang_case>'
           f'<leergang_feedback_round group_set_name="rc" round_kind="both" {round_attributes}/>'
           '</vertical_demo>')
    add_xml_scenario(scenario, f"round and case {tag}", xml)
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    case, round_ = (str(child) for child in root.children)
    return scenario, case, round_


def define_with_action(student, case, action_text, due="2099-01-15"):
    who = Participant(student)
    assert who.post(case, "save_case", {"fields": {"title": f"Casus van {student}"}}).status_code == 200
    body = {"session": 1, "parts": {}, "reflection": {"action": "Begonnen"}, "actions": [{"text": action_text,
                                                                                       "due": due}],
            "carried": {}, "seen": 0}
    saved = who.post(case, "log_entry", body)
    assert saved.status_code == 200, saved.content[:300]


def round_state(student, usage):
    response = Participant(student).get(usage, "round_state")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_round_opens_with_the_participants_open_case_actions():
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Gesprek met de controller")
    mine = round_state(anna, usage)["case_actions"]
    assert mine["linked"] is True
    assert [(a["text"], a["due"]) for a in mine["open"]] == [("Gesprek met de controller", "2099-01-15")]
    html = round_state(anna, usage)["html"]
    assert html.index("fr-follow-up") < html.index("fr-my-update")   # the round opens with the follow-up


def test_actions_agreed_in_the_round_land_in_the_case_with_a_date():
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Eerste actie")
    saved = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Wethouder bellen",
                                                                         "due": "2099-02-01"}], "seen": 0})
    assert saved.status_code == 200, saved.content[:300]
    case_html = Participant(anna).get(case, "case_view").json()["html"]
    assert "Wethouder bellen" in case_html and "1 February 2099" in case_html  # core/dates.py
    view = round_state(anna, usage)
    assert [a["text"] for a in view["case_actions"]["agreed_here"]] == ["Wethouder bellen"]
    assert {a["text"] for a in view["case_actions"]["open"]} == {"Eerste actie", "Wethouder bellen"}
    # The same save again, from a page that had not seen the first: refused, nothing doubled.
    again = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Wethouder bellen",
                                                                         "due": "2099-02-01"}], "seen": 0})
    assert again.status_code == 409 and code(again) == "stale_actions"
    case_html = Participant(anna).get(case, "case_view").json()["html"]
    assert case_html.count('<span class="case-action-text">Wethouder bellen</span>') == 1


def test_a_due_date_is_a_real_date():
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Eerste actie")
    before = Participant(anna).get(case, "case_view").json()["html"]
    for due in ("", "15 december", "2099-02-30", "2099-2-1"):
        refused = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Iets", "due": due}],
                                                                  "seen": 0})
        assert refused.status_code == 400 and code(refused) == "bad_date", due
    refused = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Iets", "when": "morgen"}]})
    assert refused.status_code == 400
    # Said at the date input of the row that is wrong (its place in the list sent).
    refused = Participant(anna).post(usage, "save_actions", {"actions": [
        {"text": "Goed", "due": "2099-02-01"}, {"text": "Fout", "due": "2099-02-30"}], "seen": 0})
    assert [(p["field"], p["code"]) for p in refused.json()["error"]["problems"]] == [("actions[1].due", "bad_date")]
    assert Participant(anna).get(case, "case_view").json()["html"] == before


def test_the_participant_follows_up_a_case_action_from_the_round():
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Notitie schrijven")
    action = round_state(anna, usage)["case_actions"]["open"][0]["id"]
    done = Participant(anna).post(usage, "follow_up_action", {"action": action, "status": "done",
                                                              "note": "Besproken in het MT"})
    assert done.status_code == 200, done.content[:300]
    assert round_state(anna, usage)["case_actions"]["open"] == []
    assert "case-action-done" in Participant(anna).get(case, "case_view").json()["html"]
    missing = Participant(anna).post(usage, "follow_up_action", {"action": "nietsbestaand", "status": "done"})
    assert missing.status_code == 404 and code(missing) == "no_such_action"
    # Someone else's action id is no action of the asker's case.
    define_with_action(bram, case, "Actie van Bram")
    brams = round_state(bram, usage)["case_actions"]["open"][0]["id"]
    refused = Participant(anna).post(usage, "follow_up_action", {"action": brams, "status": "done"})
    assert refused.status_code == 404
    assert round_state(bram, usage)["case_actions"]["open"][0]["status"] == "open"


def test_the_group_sees_a_members_case_actions_only_once_the_case_is_shared():
    scenario, case, usage = course()
    anna, bram, zoe = people(3)
    arrange(usage, {"Noord": [anna, bram], "Zuid": [zoe]})
    token = f"ACTIE-{uuid.uuid4().hex[:8]}"
    define_with_action(anna, case, token)
    assert token not in json.dumps(round_state(bram, usage))
    assert Participant(anna).post(case, "share", {"shared": True}).status_code == 200
    seen = round_state(bram, usage)
    assert token in json.dumps(seen)
    follow = next(m for m in seen["case_actions"]["group"] if m["name"] == anna)
    assert [a["text"] for a in follow["open"]] == [token]
    assert token not in json.dumps(round_state(zoe, usage))
    assert Participant(anna).post(case, "share", {"shared": False}).status_code == 200
    assert token not in json.dumps(round_state(bram, usage))


def test_the_case_actions_notice_names_everyone_who_reads_them():
    scenario, case, usage = course()
    author, peer, outsider, mentor = people(4)
    for person in (author, peer, outsider, mentor):
        visit(scenario, person)
    groups = arrange(usage, {"Noord": [author, peer], "Zuid": [outsider]})
    staff = Participant(STAFF)
    version = staff.get(usage, "groups_overview").json()["version"]
    assert staff.post(usage, "assign_mentors", {"version": version, "mentors_version": 0,
                                                "text": f"{mentor},Noord"}).status_code == 200
    token = f"ACTIE-{uuid.uuid4().hex[:8]}"
    define_with_action(author, case, token)
    owner = platform.workbench_anonymous_id(author)
    noord = next(g.id for g in groups.groups if g.name == "Noord")

    def reads():
        return {who for who, text in {
            "group": Participant(peer).get(usage, "round_state").text,
            "outsider": Participant(outsider).get(usage, "round_state").text,
            "mentor": Participant(mentor).get(case, "staff_case", f"participant={owner}").text
            + Participant(mentor).get(usage, "round_state").text,
            "staff": Participant(STAFF).get(case, "staff_case", f"participant={owner}").text
            + Participant(STAFF).get(usage, "staff_group", f"group={noord}").text,
        }.items() if token in text}

    page = round_state(author, usage)["html"]
    match = re.search(r'<p[^>]*class="[^"]*fr-case-actions-readers[^"]*"[^>]*data-readers="([^"]*)"', page)
    assert match, "the follow-up section declares who reads the case actions"
    declared = set(match.group(1).split())
    always = {r for r in declared if not r.endswith(":shared")}
    assert always == reads()
    assert Participant(author).post(case, "share", {"shared": True}).status_code == 200
    assert always | {r.split(":")[0] for r in declared if r.endswith(":shared")} == reads()


def test_without_a_case_the_round_keeps_its_own_actions_with_a_date():
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    saved = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Lezen", "due": "2099-03-01"}]})
    assert saved.status_code == 200, saved.content[:300]
    reload = round_state(anna, usage)
    assert reload["actions"] == [{"text": "Lezen", "due": "2099-03-01"}]
    assert reload["case_actions"]["linked"] is False
    assert_answer_matches_page(saved.json(), reload["html"])
    # Staff read the date as every other view writes it (core/dates.py), not as ISO.
    group_id = next(g["id"] for g in Participant("staff_dates").get(usage, "staff_overview").json()["groups"]
                    if g["name"] == "Noord")
    staff_html = Participant("staff_dates").get(usage, "staff_group", f"group={group_id}").json()["html"]
    assert "Lezen" in staff_html and "1 March 2099" in staff_html and "2099-03-01" not in staff_html


def test_reading_the_case_actions_costs_the_same_for_a_larger_course():
    """The lookup reads the asker's own case (and, for the group, each member's): a
    second course with more participants outside the group costs the same queries."""
    counts = []
    for extra in (0, 30):
        scenario, case, usage = course()
        anna, bram, *others = people(2 + extra)
        arrange(usage, {"Noord": [anna, bram], **({"Rest": others} if others else {})})
        for student in [anna, bram] + others[:extra]:
            define_with_action(student, case, f"Actie {student}")
        Participant(anna).post(case, "share", {"shared": True})
        with query_log() as captured:
            assert Participant(bram).get(usage, "round_state").status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_a_note_on_a_still_open_action_is_kept_and_shown_in_the_round_and_the_case():
    """"Still open, because ..." is a follow-up too: the note is kept, not dropped because
    the status did not change, and both the round and the case show it."""
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Wethouder spreken")
    action = round_state(anna, usage)["case_actions"]["open"][0]["id"]
    note = f"Wacht op een afspraak {uuid.uuid4().hex[:6]}"
    kept = Participant(anna).post(usage, "follow_up_action", {"action": action, "status": "open", "note": note})
    assert kept.status_code == 200, kept.content[:300]
    (shown,) = round_state(anna, usage)["case_actions"]["open"]
    assert (shown["status"], shown["note"]) == ("open", note)
    assert note in Participant(anna).get(case, "case_view").json()["html"]
    # In the case tracker itself as well; the same status without a note changes nothing.
    later = f"Afspraak staat {uuid.uuid4().hex[:6]}"
    assert Participant(anna).post(case, "set_action_status", {"action": action, "status": "open", "note": later}
                                  ).status_code == 200
    html = Participant(anna).get(case, "case_view").json()["html"]
    assert later in html and note not in html
    before = Participant(anna).get(case, "my_data").json()["data"]["own_records"]
    assert Participant(anna).post(case, "set_action_status", {"action": action, "status": "open"}).status_code == 200
    assert Participant(anna).get(case, "my_data").json()["data"]["own_records"] == before


def _overview_row(case, student):
    rows = Participant("staff_round_actions").get(case, "staff_overview").json()["rows"]
    return next(r for r in rows if r["id"] == student or r["name"] == student)


def test_a_case_write_from_the_round_answers_with_what_a_reload_shows():
    """A follow-up and new actions go into the case and the answer shows the case as the
    write left it, without reading it again (issue 19): the same round a reload shows,
    and the same overview row in the case tracker as a read of the case gives."""
    scenario, case, usage = course()
    anna, bram = people(2)
    arrange(usage, {"Noord": [anna, bram]})
    define_with_action(anna, case, "Notitie schrijven")
    action = round_state(anna, usage)["case_actions"]["open"][0]["id"]
    done = Participant(anna).post(usage, "follow_up_action", {"action": action, "status": "done", "note": "Klaar"})
    assert done.status_code == 200, done.content[:300]
    reload = round_state(anna, usage)
    assert reload["case_actions"]["linked"] and list(done.json()["regions"]) == ["follow-up"]
    assert_answer_matches_page(done.json(), reload["html"])
    assert _overview_row(case, anna)["open_actions"] == 0
    saved = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Wethouder bellen",
                                                                         "due": "2099-02-01"}], "seen": 0})
    assert saved.status_code == 200, saved.content[:300]
    reload = round_state(anna, usage)
    assert [a["text"] for a in reload["case_actions"]["agreed_here"]] == ["Wethouder bellen"]
    assert sorted(saved.json()["regions"]) == ["actions", "follow-up"]
    assert_answer_matches_page(saved.json(), reload["html"])
    assert _overview_row(case, anna)["open_actions"] == 1
