"""The case tracker through the workbench's real request path: defining and revising
a case, log entries with carried-over actions, the timeline, drafts, staff records
(attendance, presentation, comments, assessment) and what the participant then sees,
authorization, refusals that change nothing, team cases and a second block of the same case."""
import datetime
import json
import threading
import uuid

import pytest
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.case import block as case_block
from leergang_xblocks.case.sharing import shared_case_summary
from leergang_xblocks.core import platform
from tests.support.case import arrange, case_store_of, new_case_course
from tests.support.platform_scores import SubmissionsScoreReceiver
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def person(prefix="p"):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def code(response):
    return json.loads(response.content)["error"]["code"]


def my_data(participant, usage):
    response = participant.get(usage, "my_data")
    assert response.status_code == 200
    return json.loads(response.content)["data"]


def define(participant, usage, **fields):
    fields = fields or {"title": "Minder verantwoording in de jeugdhulp", "purpose": "Ruimte voor de professional",
                        "problem": "Elke beschikking vraagt drie handtekeningen"}
    response = participant.post(usage, "save_case", {"fields": fields})
    assert response.status_code == 200, response.content
    return response.json()


def answered(answer):
    """The parts of the body a write answered with (its `regions`), as one text."""
    return "".join(answer["regions"].values())


def entry(session, actions=(), carried=None, seen=0, done=None):
    """A log entry body in the default (Korthagen) template, which asks no parts: `done`
    is its first step. `seen`: the writer's entries of this session their page showed."""
    return {"session": session, "parts": {},
            "reflection": {"action": done or f"Gewerkt aan sessie {session}",
                           "looking_back": "Ik heb het gesprek gevoerd."},
            "actions": [{"text": text, "due": due} for text, due in actions], "carried": carried or {},
            "seen": seen}


def test_a_participant_defines_revises_and_keeps_the_first_version():
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    assert anna.page(scenario).status_code == 200
    define(anna, usage)
    second = define(anna, usage, title="Minder verantwoording, meer vertrouwen")
    assert "Version 2" in answered(second) and "First version" in answered(second)
    records = [r["data"] for r in my_data(anna, usage)["own_records"] if r["data"]["kind"] == "definition"]
    assert [r["fields"]["title"] for r in records] == ["Minder verantwoording in de jeugdhulp",
                                                       "Minder verantwoording, meer vertrouwen"]
    assert records[1]["fields"]["problem"] == "Elke beschikking vraagt drie handtekeningen"
    # Saving the same text again adds no revision.
    assert define(anna, usage, title="Minder verantwoording, meer vertrouwen")["saved"] is False


def test_two_entries_carry_over_open_actions_and_the_timeline_shows_them():
    scenario, (usage,) = new_case_course()
    bram = Participant(person())
    define(bram, usage)
    first = bram.post(usage, "log_entry", entry(1, [("Gesprek met de wethouder", "2026-02-01"),
                                                    ("Werksessie met het team", "2026-04-15")]))
    assert first.status_code == 200, first.content
    html = answered(first.json())
    assert "Your open actions from earlier entries" in html and "Gesprek met de wethouder" in html
    actions = {a["text"]: a["id"] for r in my_data(bram, usage)["own_records"] if r["data"]["kind"] == "entry"
               for a in r["data"]["actions"]}
    second = bram.post(usage, "log_entry", entry(2, [("Evaluatie plannen", "")],
                                                 carried={actions["Gesprek met de wethouder"]: "done"}))
    assert second.status_code == 200, second.content
    html = answered(second.json())
    carried_part = html.split("Your open actions from earlier entries")[1].split("</fieldset>")[0]
    assert "Werksessie met het team" in carried_part and "Evaluatie plannen" in carried_part
    assert "Gesprek met de wethouder" not in carried_part
    timeline = html.split("<table class=\"case-timeline")[1].split("</table>")[0]
    assert timeline.count("entry written") == 2 and "entry due" in timeline   # session 3: 5 days ago
    assert "upcoming" in timeline


def test_an_entry_before_the_case_and_bad_entries_are_refused_and_change_nothing():
    scenario, (usage,) = new_case_course()
    chris = Participant(person())
    refused = chris.post(usage, "log_entry", entry(1))
    assert refused.status_code == 409 and code(refused) == "case_not_defined"
    define(chris, usage)
    before = my_data(chris, usage)
    for body, status, error in [
        (entry(7), 400, "no_such_session"),                          # the closing day asks no entry
        (entry(99), 400, "no_such_session"),
        ({**entry(1), "parts": {"bogus": "x"}}, 400, "unknown_part"),
        ({**entry(1), "parts": {"done": "x"}}, 400, "unknown_part"),   # Korthagen asks no parts
        ({**entry(1), "reflection": {"description": "x"}}, 400, "unknown_part"),   # a Gibbs step
        (entry(1, [("Actie", "1 maart")]), 400, "bad_date"),
        (entry(1, [("Actie", "2026-02-30")]), 400, "bad_date"),
        (entry(1, carried={"nope": "done"}), 404, "no_such_action"),
        ({"session": 1, "parts": {}, "reflection": {}, "actions": [], "seen": 0}, 400, "empty_entry"),
        ({**entry(1), "session": "1"}, 400, "invalid"),
        ({**entry(1), "reflection": {"action": "x" * 20_001}}, 400, "invalid"),
    ]:
        response = chris.post(usage, "log_entry", body)
        assert (response.status_code, code(response)) == (status, error), body
    # A wrong date is said at the date input of its row; an empty action at its text.
    for body, field in [(entry(1, [("Goed", "2026-04-01"), ("Fout", "2026-02-30")]), "actions[1].due"),
                        (entry(1, [("   ", "")]), "actions[0].text")]:
        problems = chris.post(usage, "log_entry", body).json()["error"]["problems"]
        assert [p["field"] for p in problems] == [field]
    too_big = chris.post(usage, "save_case", {"fields": {k: "é" * 19_000 for k in ("title", "purpose", "problem")}})
    assert too_big.status_code in (400, 413)
    assert my_data(chris, usage)["own_records"] == before["own_records"]


def test_learners_cannot_call_staff_handlers_or_read_another_case():
    scenario, (usage,) = new_case_course()
    dewi, emre = Participant(person()), Participant(person())
    define(dewi, usage)
    define(emre, usage, title="Emre's geheime casus")
    emre_id = platform.workbench_anonymous_id(emre.student_id)
    for handler, body in [("record_attendance", {"session": 1, "present": {emre_id: True}}),
                          ("record_presented", {"participant": emre_id, "presented": True}),
                          ("assess_paper", {"participant": emre_id, "paper": "x", "result": "sufficient"})]:
        response = dewi.post(usage, handler, body)
        assert response.status_code == 403 and code(response) == "staff_only"
    for handler in ("staff_overview", "export_csv"):
        assert dewi.get(usage, handler).status_code == 403
    peek = dewi.get(usage, "staff_case", f"participant={emre_id}")
    assert peek.status_code == 403 and "geheime" not in peek.content.decode()
    comment = dewi.post(usage, "comment", {"participant": emre_id, "text": "hoi"})
    assert comment.status_code == 403
    assert "geheime" not in dewi.page(scenario).content.decode()
    assert shared_case_summary(platform.course_id(dewi.block(usage)), emre_id) is None  # private by default


def test_staff_record_attendance_comment_and_assess_and_the_participant_sees_the_outcome(monkeypatch, request):
    published = []
    monkeypatch.setattr(WorkbenchRuntime, "publish", lambda self, block, kind, data: published.append((kind, data)),
                        raising=False)
    lms_grades = SubmissionsScoreReceiver().__enter__()
    request.addfinalizer(lambda: lms_grades.__exit__(None, None, None))
    scenario, (usage,) = new_case_course(extra='scored="true"')
    fleur = Participant(person())
    fleur.page(scenario)
    define(fleur, usage)
    paper = fleur.post(usage, "submit_paper", {"text": "Mijn paper over vertrouwen en controle.",
                                               "reflection": "Ik leerde loslaten."})
    assert paper.status_code == 200 and paper.json()["words"] == 9
    fleur_id = platform.workbench_anonymous_id(fleur.student_id)
    staff = Participant("staff_" + person())
    for session in (1, 2, 3, 4, 5):
        recorded = staff.post(usage, "record_attendance", {"session": session, "present": {fleur_id: True}})
        assert recorded.status_code == 200, recorded.content
    assert staff.post(usage, "record_attendance", {"session": 6, "present": {fleur_id: False}}).status_code == 200
    assert staff.post(usage, "record_presented", {"participant": fleur_id, "presented": True}).status_code == 200
    case = staff.get(usage, "staff_case", f"participant={fleur_id}")
    assert case.status_code == 200 and "Mijn paper over vertrouwen" in case.json()["html"]
    paper_id = next(r["data"]["id"] for r in my_data(fleur, usage)["own_records"] if r["data"]["kind"] == "paper")
    insufficient = staff.post(usage, "assess_paper", {"participant": fleur_id, "paper": paper_id,
                                                      "result": "insufficient"})
    assert insufficient.status_code == 400 and code(insufficient) == "feedback_required"
    stale = staff.post(usage, "assess_paper", {"participant": fleur_id, "paper": "old", "result": "sufficient"})
    assert stale.status_code == 409 and code(stale) == "stale_paper"
    assessed = staff.post(usage, "assess_paper", {"participant": fleur_id, "paper": paper_id, "result": "sufficient",
                                                  "feedback": "Helder betoog <b>goed</b>"})
    assert assessed.status_code == 200, assessed.content
    commented = staff.post(usage, "comment", {"participant": fleur_id, "text": "Mooie stap <script>x</script>"})
    assert commented.status_code == 200
    page = fleur.page(scenario).content.decode()
    assert "Diploma" in page and "Mooie stap &lt;script&gt;" in page and "<script>x</script>" not in page
    assert "Helder betoog &lt;b&gt;goed&lt;/b&gt;" in page
    rows = staff.get(usage, "staff_overview").json()["rows"]
    row = next(r for r in rows if r["id"] == fleur_id)
    assert row["status"] == "diploma" and row["attended"] == 5 and row["paper_status"] == "sufficient"
    csv = staff.get(usage, "export_csv", "format=en").content.decode("utf-8-sig")
    assert fleur_id in csv and "Diploma" in csv and fleur.student_id not in csv
    # The diploma's score reaches the participant through edx-submissions (tests/workbench/test_case_scores.py).
    assert lms_grades.of(fleur_id) == [(1, 1)]
    assert not [data for kind, data in published if kind == "grade"]


def test_drafts_are_autosaved_with_a_version_check():
    scenario, (usage,) = new_case_course()
    gijs = Participant(person())
    saved = gijs.post(usage, "save_draft", {"key": "definition", "data": {"title": "Half af"}, "version": 0})
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = gijs.post(usage, "save_draft", {"key": "definition", "data": {"title": "Ander tabblad"}, "version": 0})
    assert stale.status_code == 409 and code(stale) == "stale_version"
    assert 'value="Half af"' in gijs.page(scenario).content.decode()
    define(gijs, usage, title="Af")
    assert 'value="Af"' in gijs.page(scenario).content.decode()   # the draft is cleared by the save


def test_sharing_with_the_group_feeds_shared_case_summary():
    scenario, (usage,) = new_case_course()
    hanna, ilse = Participant(person()), Participant(person())
    for p in (hanna, ilse):
        p.page(scenario)
    arrange(usage, {"Groep Oost": [hanna.student_id, ilse.student_id]})
    define(hanna, usage)
    hanna.post(usage, "log_entry", entry(1, [("Gesprek plannen", "2026-04-01")]))
    course = platform.course_id(hanna.block(usage))
    hanna_id = platform.workbench_anonymous_id(hanna.student_id)
    assert shared_case_summary(course, hanna_id) is None
    assert "Minder verantwoording" not in ilse.page(scenario).content.decode()
    assert hanna.post(usage, "share", {"shared": True}).status_code == 200
    summary = shared_case_summary(course, hanna_id)
    assert summary["title"] == "Minder verantwoording in de jeugdhulp"
    assert summary["latest_entry"]["session"] == 1 and summary["latest_entry"]["actions"] == ["Gesprek plannen"]
    assert "Ruimte voor de professional" in summary["summary"] and summary["shared_at"]
    assert "Minder verantwoording in de jeugdhulp" in ilse.page(scenario).content.decode()
    hanna.post(usage, "share", {"shared": False})
    assert shared_case_summary(course, hanna_id) is None


def test_a_second_block_with_the_same_key_shows_the_same_case():
    scenario, (first, second) = new_case_course(blocks=2)
    jan = Participant(person())
    define(jan, first)
    response = jan.post(second, "log_entry", entry(1, [("Vervolg", "")]))
    assert response.status_code == 200, response.content
    assert "Gewerkt aan sessie 1" in jan.page(scenario).content.decode()
    assert my_data(jan, first)["own_records"] == my_data(jan, second)["own_records"]


def test_team_members_writing_at_the_same_moment_are_both_kept():
    scenario, (usage,) = new_case_course(extra='case_mode="team"')
    members = [Participant(person()) for _ in range(3)]
    for p in members:
        p.page(scenario)
    arrange(usage, {"Gemeente Zwolle": [p.student_id for p in members]})
    define(members[0], usage, title="Zwolle: werken volgens de bedoeling")
    barrier = threading.Barrier(2)
    results = []

    def write(p, text):
        barrier.wait()
        results.append(p.post(usage, "log_entry", entry(1, done=text)).status_code)

    threads = [threading.Thread(target=write, args=(members[i], f"Stap van lid {i}")) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200]
    page = members[0].page(scenario).content.decode()
    assert "Stap van lid 1" in page and "Stap van lid 2" in page and "Zwolle: werken volgens" in page
    outsider = Participant(person())
    outsider.page(scenario)
    assert code(outsider.post(usage, "log_entry", entry(1))) == "no_group"


def test_downloads_hold_everything_written_and_escape_it():
    scenario, (usage,) = new_case_course()
    kim = Participant(person())
    define(kim, usage, title="Casus <img src=x onerror=alert(1)>")
    kim.post(usage, "log_entry", entry(1, [("Bellen", "2026-04-01")], done="Gebeld met de ketenpartner"))
    page = kim.get(usage, "download", "format=html")
    body = page.content.decode()
    assert page.status_code == 200 and "attachment" in page.headers["Content-Disposition"]
    assert "&lt;img src=x" in body and "<img" not in body and "Gebeld met de ketenpartner" in body
    markdown = kim.get(usage, "download", "format=md").content.decode()
    assert "Bellen" in markdown and "Gebeld met de ketenpartner" in markdown
    assert Participant("none").get(usage, "download").status_code == 403


def test_studio_names_every_problem_in_the_settings_and_keeps_the_old_ones():
    scenario, (usage,) = new_case_course()
    author = Participant("staff_author", path="studio")
    bad_yaml = "- number: 1\n  theme: Start\n- number: 1\n  theme: [Start]\n"
    response = author.post(usage, "submit_studio_edits", {"values": {
        "sessions_yaml": bad_yaml, "case_fields": "title, bogus", "attendance_required": 9,
        "reflection_template": "freud", "case_key": "Met Spaties", "focus_session": 42}, "defaults": []})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_settings"
    paths = {m["path"] for m in error["messages"]}
    assert {"case_fields", "reflection_template", "case_key"} <= paths
    assert any(p.startswith("sessions_yaml") for p in paths)
    texts = " ".join(m["text"] for m in error["messages"])
    assert "line 4" in texts and "bogus" in texts
    assert author.block(usage).case_key == "case"
    # The attendance threshold cannot exceed the sessions that count.
    response = author.post(usage, "submit_studio_edits", {"values": {"attendance_required": 7}, "defaults": []})
    assert response.status_code == 400 and "6 sessions" in response.json()["error"]["message"]
    ok = author.post(usage, "submit_studio_edits", {"values": {
        "attendance_required": 4, "case_fields": "title, learning_wishes", "reflection_template": "gibbs",
        "focus_session": 3}, "defaults": []})
    assert ok.status_code == 200, ok.content
    assert author.block(usage).reflection_template == "gibbs"
    learner = Participant("learner_x", path="studio")
    assert learner.post(usage, "submit_studio_edits", {"values": {"scored": True}, "defaults": []}).status_code == 403


def test_a_focus_block_shows_that_sessions_step_of_the_same_case():
    scenario, (usage,) = new_case_course(extra='focus_session="3"')
    lotte = Participant(person())
    define(lotte, usage)
    html = answered(lotte.post(usage, "log_entry", entry(3)).json())
    options = html.split('name="session"')[1].split("</select>")[0]
    assert options.count("<option") == 1 and 'value="3"' in options


def assign_mentors(usage, text):
    staff = Participant("staff_mentors")
    overview = staff.get(usage, "groups_overview").json()
    response = staff.post(usage, "assign_mentors", {"version": overview["version"],
                                                    "mentors_version": overview["mentors_version"], "text": text})
    assert response.status_code == 200, response.content


def test_a_mentor_reads_and_comments_on_their_teams_case_and_nothing_else():
    scenario, (usage,) = new_case_course(extra='case_mode="team"')
    a1, a2, b1, mentor = (Participant(person()) for _ in range(4))
    for p in (a1, a2, b1, mentor):
        p.page(scenario)
    arrange(usage, {"Team Noord": [a1.student_id, a2.student_id], "Team Zuid": [b1.student_id]})
    assign_mentors(usage, f"{mentor.student_id},Team Noord")
    define(a1, usage, title="Noord: de buurtmoestuin")
    define(b1, usage, title="Zuid: het energiecollectief")
    a2_id, b1_id = (platform.workbench_anonymous_id(p.student_id) for p in (a2, b1))
    page = mentor.page(scenario).content.decode()
    assert "The groups you mentor" in page and "Noord: de buurtmoestuin" not in page.split("case-mentor-panel")[0]
    groups = mentor.get(usage, "mentor_groups").json()["groups"]
    assert [g["name"] for g in groups] == ["Team Noord"] and groups[0]["team_title"] == "Noord: de buurtmoestuin"
    read = mentor.get(usage, "staff_case", f"participant={a2_id}")
    assert read.status_code == 200 and read.json()["role"] == "mentor" and "buurtmoestuin" in read.json()["html"]
    assert "assess_paper" not in read.json()["html"]               # assessing is for staff
    other = mentor.get(usage, "staff_case", f"participant={b1_id}")
    assert other.status_code == 403 and code(other) == "not_your_mentee" and "energie" not in other.content.decode()
    assert code(mentor.post(usage, "comment", {"participant": b1_id, "text": "x"})) == "not_your_mentee"
    commented = mentor.post(usage, "comment", {"participant": a2_id, "text": "Mooi begin, neem de initiatiefnemer mee"})
    assert commented.status_code == 200
    for member in (a1, a2):   # a team case: every member sees the mentor's comment
        assert "neem de initiatiefnemer mee" in member.page(scenario).content.decode()
    assert "neem de initiatiefnemer mee" not in b1.page(scenario).content.decode()
    assert code(a1.get(usage, "mentor_groups")) == "not_a_mentor"
    assert a1.post(usage, "assess_paper", {"participant": a2_id, "paper": "x", "result": "sufficient"}).status_code == 403


def test_bulk_attendance_for_a_cohort_is_stored_in_one_step_and_capped():
    scenario, (usage,) = new_case_course()
    staff = Participant("staff_" + person())
    people = [f"bulk_{i}_{uuid.uuid4().hex[:4]}" for i in range(300)]
    roster = case_store_of(usage)
    for name in people:  # as if each had opened a block of the course's group set
        roster.register(platform.workbench_anonymous_id(name), name, name)
    cohort = {platform.workbench_anonymous_id(name): i % 2 == 0 for i, name in enumerate(people)}
    saved = staff.post(usage, "record_attendance", {"session": 2, "present": cohort})
    assert saved.status_code == 200 and saved.json()["recorded"] == 300
    rows = {r["id"]: r for r in staff.get(usage, "staff_overview", "names=0").json()["rows"]}
    assert all(rows[aid]["attendance"]["2"] is present for aid, present in cohort.items())
    too_many = {f"anon-{i}": True for i in range(5001)}
    refused = staff.post(usage, "record_attendance", {"session": 2, "present": too_many})
    assert refused.status_code in (400, 413)


def test_the_demo_shows_anna_a_case_in_progress():
    from workbench.scenarios import get_scenarios
    get_scenarios()
    page = Participant("anna").page("leergang_case.0").content.decode()
    assert "Minder verantwoordingslast in de Wmo-toegang" in page
    assert "Voorstel voor de proef schrijven" in page            # the open action carries over
    assert page.count("class=\"case-badge case-badge-done") == 2   # each links to its entry


def test_learning_wishes_are_followed_up_by_the_group_and_the_manifestatie_is_written_together():
    scenario, (usage,) = new_case_course(extra='case_fields="title, learning_wishes" group_page="true"')
    mila, noor, outsider = (Participant(person()) for _ in range(3))
    for p in (mila, noor, outsider):
        p.page(scenario)
    arrange(usage, {"Leergroep": [mila.student_id, noor.student_id], "Anders": [outsider.student_id]})
    define(mila, usage, title="Eigen regie in HR", learning_wishes="Leren loslaten in gesprekken <i>met</i> managers")
    mila_id = platform.workbench_anonymous_id(mila.student_id)
    page = noor.page(scenario).content.decode()
    assert "Leren loslaten in gesprekken &lt;i&gt;met&lt;/i&gt; managers" in page    # wishes are visible to the group
    assert "Leren loslaten" not in outsider.page(scenario).content.decode()
    followed = noor.post(usage, "follow_up_wish", {"owner": mila_id, "text": "Probeer het in je volgende 1-op-1"})
    assert followed.status_code == 200 and "volgende 1-op-1" in followed.json()["html"]
    assert "volgende 1-op-1" in mila.page(scenario).content.decode()
    assert code(outsider.post(usage, "follow_up_wish", {"owner": mila_id, "text": "x"})) == "not_in_group"
    # Two members write their own part of the page at once: both kept, each the newest version of its author.
    for who, text, seen in ((mila, "Wat ik meeneem", 0), (noor, "Wat wij anderen willen meegeven", 0),
                            (mila, "Wat ik meeneem, herzien", 1)):
        assert who.post(usage, "save_group_page", {"heading": "Oogst", "text": text, "seen": seen}).status_code == 200
    document = noor.get(usage, "group_page_download", "format=html").content.decode()
    assert "Wat ik meeneem, herzien" in document and "Wat wij anderen willen meegeven" in document
    assert "Wat ik meeneem</p>" not in document
    # Another group's download is their own (empty) page, never this one.
    assert "Wat wij anderen" not in outsider.get(usage, "group_page_download").content.decode()


def test_staff_cannot_make_up_participants_whom_the_course_does_not_know():
    """A mistyped id would become an overview row and a CSV line of its own (audit, P2)."""
    scenario, (usage,) = new_case_course()
    staff = Participant("staff_" + person())
    ghost = "anon-doesnotexist"
    before = staff.get(usage, "staff_overview", "names=0").json()["rows"]
    for handler, body in [("record_attendance", {"session": 1, "present": {ghost: True}}),
                          ("record_presented", {"participant": ghost, "presented": True}),
                          ("comment", {"participant": ghost, "target": "case", "text": "Hallo"})]:
        refused = staff.post(usage, handler, body)
        assert refused.status_code == 404 and code(refused) == "no_such_participant", (handler, refused.content)
    refused = staff.get(usage, "staff_case", f"participant={ghost}")
    assert refused.status_code == 404 and code(refused) == "no_such_participant"
    assert staff.get(usage, "staff_overview", "names=0").json()["rows"] == before
    # Someone who wrote in their case is known, in a bulk save as on their own.
    writer = Participant(person())
    define(writer, usage)
    known = platform.workbench_anonymous_id(writer.student_id)
    assert staff.post(usage, "record_attendance", {"session": 1, "present": {known: True}}).status_code == 200
    mixed = staff.post(usage, "record_attendance", {"session": 2, "present": {known: True, ghost: False}})
    assert mixed.status_code == 404


def test_two_tabs_writing_the_same_entry_store_it_once_and_the_later_gets_409():
    """Issue 20: two log_entry calls for one session at once stored two entries."""
    scenario, (usage,) = new_case_course()
    ella = Participant(person())
    ella.page(scenario)
    define(ella, usage)
    barrier = threading.Barrier(2)
    results = []

    def write(text):
        barrier.wait()
        results.append(ella.post(usage, "log_entry", entry(1, done=text)))

    threads = [threading.Thread(target=write, args=(f"Tab {i}",)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in results) == [200, 409]
    assert code(next(r for r in results if r.status_code == 409)) == "stale_entry"
    stored = [r["data"] for r in my_data(ella, usage)["own_records"] if r["data"]["kind"] == "entry"]
    assert [e["reflection"]["action"] for e in stored] in (["Tab 1"], ["Tab 2"])
    # The page reloads what is stored; a deliberate second entry for the session, written
    # against the page that shows the first, is kept.
    reloaded = ella.get(usage, "case_view").json()
    assert 'data-seen="1"' in reloaded["html"]
    assert ella.post(usage, "log_entry", entry(1, seen=1, done="Aanvulling")).status_code == 200


def test_a_second_tab_cannot_silently_replace_ones_part_of_the_manifestatie():
    scenario, (usage,) = new_case_course(extra='case_fields="title" group_page="true"')
    mila, noor = Participant(person()), Participant(person())
    for p in (mila, noor):
        p.page(scenario)
    arrange(usage, {"Leergroep": [mila.student_id, noor.student_id]})
    first_tab = {"heading": "Oogst", "text": "Versie uit tab 1", "seen": 0}
    second_tab = {"heading": "Oogst", "text": "Versie uit tab 2", "seen": 0}
    assert mila.post(usage, "save_group_page", first_tab).status_code == 200
    later = mila.post(usage, "save_group_page", second_tab)
    assert later.status_code == 409 and code(later) == "stale_part"
    section = mila.get(usage, "group_view").json()["html"]
    assert "Versie uit tab 1" in section and 'data-seen="1"' in section
    document = noor.get(usage, "group_page_download", "format=html").content.decode()
    assert "Versie uit tab 1" in document and "Versie uit tab 2" not in document


def test_the_manifestatie_is_the_members_a_mentor_reads_it_but_writes_no_part():
    """Issue 20: a mentor could write a part of the group's manifestatie, which the
    download then attributed to them as if they were a member."""
    scenario, (usage,) = new_case_course(extra='case_fields="title, learning_wishes" group_page="true"')
    mila, noor, mentor = Participant(person()), Participant(person()), Participant(person("mentor"))
    for p in (mila, noor, mentor):
        p.page(scenario)
    arrange(usage, {"Leergroep": [mila.student_id, noor.student_id]})
    staff = Participant("staff_manifest")
    version = staff.get(usage, "groups_overview").json()["version"]
    assert staff.post(usage, "assign_mentors", {"version": version, "mentors_version": 0,
                                                "text": f"{mentor.student_id},Leergroep"}).status_code == 200
    assert mila.post(usage, "save_group_page", {"heading": "Oogst", "text": "Van Mila", "seen": 0}).status_code == 200
    refused = mentor.post(usage, "save_group_page", {"heading": "Van de mentor", "text": "Mijn deel", "seen": 0})
    assert refused.status_code == 403 and code(refused) == "members_only"
    document = noor.get(usage, "group_page_download", "format=md").content.decode()
    assert "Van Mila" in document and "Mijn deel" not in document
