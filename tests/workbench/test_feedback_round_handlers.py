"""The feedback round through the workbench's real request path: the group boundary,
anonymity, the release rule, ratings, flags and hiding, and bad input."""
import json

from leergang_xblocks.core import platform
from tests.support.feedback_round import arrange, give, new_round, people, post_update, state, store_of
from tests.support.workbench import Participant


def code(response):
    return json.loads(response.content)["error"]["code"]


def three_in_a_group(**attributes):
    scenario, usage = new_round(**attributes)
    a, b, c, x, y = people(5)
    ids = arrange(usage, {"Noord": [a, b, c], "Zuid": [x, y]})
    return usage, (a, b, c), (x, y), ids


def test_members_post_read_their_groups_updates_and_give_feedback_by_name():
    usage, (a, b, c), (x, y), ids = three_in_a_group(round_kind="both", method="incident")
    post_update(usage, a, "ANNA-CASE: de wijkaanpak")
    post_update(usage, b, "BRAM-CASE: inkoop jeugdzorg")
    post_update(usage, x, "ZUID-SECRET")
    view = state(usage, c)
    texts = [u["text"] for u in view["updates"]]
    assert texts == ["ANNA-CASE: de wijkaanpak", "BRAM-CASE: inkoop jeugdzorg"] or sorted(texts) == sorted(
        ["ANNA-CASE: de wijkaanpak", "BRAM-CASE: inkoop jeugdzorg"])
    assert "ZUID" not in json.dumps(view)
    assert {p["name"] for p in view["to_review"]} == {a, b}
    sent = give(usage, c, a, {"clarifying": "Wie is je opdrachtgever?", "suggestion": "Begin klein."})
    assert sent.status_code == 200, sent.content
    received = state(usage, a)["received"]
    assert len(received) == 1 and received[0]["from"] == c
    assert [x["text"] for x in received[0]["answers"]] == ["Wie is je opdrachtgever?", "Begin klein."]
    # Raw ids never reach a learner: no anonymous ids, no record ids.
    raw = json.dumps(state(usage, a))
    assert platform.workbench_anonymous_id(c) not in raw and platform.workbench_anonymous_id(a) not in raw


def test_crafted_requests_for_another_group_or_a_non_member_are_403():
    usage, (a, b, c), (x, y), ids = three_in_a_group()
    post_update(usage, a)
    post_update(usage, x, "ZUID-SECRET")
    crafted = Participant(a).get(usage, "round_state", f"group={ids['Zuid']}")
    assert crafted.status_code == 403 and code(crafted) == "not_your_group" and "ZUID" not in crafted.content.decode()
    # A member reference of the other group (as its own members see it) is no peer here.
    other_ref = state(usage, y)["to_review"][0]["ref"]
    refused = Participant(a).post(usage, "give_feedback", {"to": other_ref, "answers": {"clarifying": "hoi"}})
    assert refused.status_code == 403 and code(refused) == "not_a_peer"
    made_up = Participant(a).post(usage, "give_feedback", {"to": platform.workbench_anonymous_id(x),
                                                          "answers": {"clarifying": "hoi"}})
    assert made_up.status_code == 403
    # A participant in no group gets 409; not signed in 403; staff read any group with names.
    outsider = people(1)[0]
    assert code(Participant(outsider).get(usage, "round_state")) == "no_group"
    staff_view = Participant("staff_reader").get(usage, "round_state", f"group={ids['Zuid']}")
    assert staff_view.status_code == 200 and "ZUID-SECRET" in staff_view.content.decode()
    assert x in staff_view.json()["updates"][0]["author"]


def test_feedback_needs_an_update_and_is_refused_to_oneself_and_for_unknown_prompts():
    usage, (a, b, c), _other, _ids = three_in_a_group(method="airtime")
    post_update(usage, a)
    before = state(usage, b)
    ref_c = next(p["ref"] for p in before["to_review"] if p["name"] == c)
    ref_a = next(p["ref"] for p in before["to_review"] if p["name"] == a)
    no_update = Participant(b).post(usage, "give_feedback", {"to": ref_c, "answers": {"clarifying": "?"}})
    assert no_update.status_code == 409 and code(no_update) == "no_update_yet"
    advice = Participant(b).post(usage, "give_feedback", {"to": ref_a, "answers": {"suggestion": "Doe dit."}})
    assert advice.status_code == 400 and code(advice) == "unknown_prompt"
    empty = Participant(b).post(usage, "give_feedback", {"to": ref_a, "answers": {"clarifying": "  "}})
    assert empty.status_code == 400 and code(empty) == "empty_feedback"
    own_ref = next(m["ref"] for m in before["members"] if m["is_you"])
    own = Participant(b).post(usage, "give_feedback", {"to": own_ref, "answers": {"clarifying": "?"}})
    assert own.status_code == 400 and code(own) == "own_feedback"
    assert state(usage, a)["received"] == []


def test_anonymous_feedback_never_shows_who_gave_it():
    usage, (a, b, c), _other, _ids = three_in_a_group(anonymous_feedback="true", method="free")
    for person in (a, b, c):
        post_update(usage, person)
    assert give(usage, b, a, {"recognise": "FROM-B"}).status_code == 200
    assert give(usage, c, a, {"recognise": "FROM-C"}).status_code == 200
    view = state(usage, a)
    raw = json.dumps(view)
    assert {r["from"] for r in view["received"]} == {"Feedback 1", "Feedback 2"}
    for person in (b, c):
        anonymous_id = platform.workbench_anonymous_id(person)
        # Their names appear only as group members and update authors, never with the feedback.
        for item in view["received"]:
            assert person not in json.dumps(item) and anonymous_id not in json.dumps(item)
        assert anonymous_id not in raw
    assert all("from_mentor" not in item for item in view["received"])
    # The order does not follow who gave first: it is the order of the opaque ids.
    assert [r["id"] for r in view["received"]] == sorted(r["id"] for r in view["received"])
    html = view["html"]
    for item in view["received"]:
        assert item["id"] in html
    # Staff always see names.
    staff = Participant("staff_anon").get(usage, "staff_overview").json()
    assert any(m["name"] == b and m["gave"] == 1 for g in staff["groups"] for m in g["members"])


def test_release_after_the_due_date_holds_feedback_back():
    usage, (a, b, c), _other, _ids = three_in_a_group(feedback_due="2099-01-01 17:00", release_after_due="true")
    post_update(usage, a)
    assert give(usage, b, a, {"clarifying": "Eerste versie"}).status_code == 200
    # Before release the giver may still change it, the receiver sees nothing.
    assert give(usage, b, a, {"clarifying": "Tweede versie"}).status_code == 200
    view = state(usage, a)
    assert view["released"] is False and view["received"] == []
    assert "Tweede versie" not in json.dumps(view)


def test_after_release_feedback_is_final_and_can_be_rated_answered_and_flagged():
    usage, (a, b, c), _other, ids = three_in_a_group(method="incident")
    post_update(usage, a)
    assert give(usage, b, a, {"clarifying": "Wat wil je bereiken?"}).status_code == 200
    again = give(usage, b, a, {"clarifying": "Nog iets"})
    assert again.status_code == 409 and code(again) == "feedback_final"
    item = state(usage, a)["received"][0]
    rated = Participant(a).post(usage, "rate_feedback", {"feedback": item["id"], "helpful": 4, "answer": "Dank!"})
    assert rated.status_code == 200, rated.content
    assert list(rated.json()["regions"]) == ["received"]
    mine = state(usage, a)["received"][0]
    assert mine["helpful"] == 4 and mine["answer"] == "Dank!"
    # Only the receiver may rate it; others get the same 404 as for made-up ids.
    assert code(Participant(c).post(usage, "rate_feedback", {"feedback": item["id"], "helpful": 1})) == "no_such_feedback"
    assert code(Participant(a).post(usage, "rate_feedback", {"feedback": "0" * 20, "helpful": 1})) == "no_such_feedback"
    bad = Participant(a).post(usage, "rate_feedback", {"feedback": item["id"], "helpful": 9})
    assert bad.status_code == 400
    flagged = Participant(a).post(usage, "flag_feedback", {"feedback": item["id"], "reason": "Onaardig"})
    assert flagged.status_code == 200 and state(usage, a)["received"][0]["flagged"] is True
    twice = Participant(a).post(usage, "flag_feedback", {"feedback": item["id"], "reason": "nog eens"})
    assert twice.status_code == 200 and "already" in twice.json()["message"]
    staff = Participant("staff_mod")
    overview = staff.get(usage, "staff_overview").json()
    assert overview["totals"]["flags"] == 1 and len(overview["flags"]) == 1
    group = staff.get(usage, "staff_group", f"group={ids['Noord']}").json()
    record = group["feedback"][0]["record"]
    assert group["feedback"][0]["flags"] == ["Onaardig"]
    hidden = staff.post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": True, "reason": "x"})
    assert hidden.status_code == 200 and hidden.json()["feedback"][0]["hidden"] is True
    # Gone for the learner, kept for staff.
    assert state(usage, a)["received"] == []
    assert code(Participant(a).post(usage, "rate_feedback", {"feedback": item["id"], "helpful": 2})) == "no_such_feedback"
    assert "Wat wil je bereiken?" in staff.get(usage, "staff_group", f"group={ids['Noord']}").content.decode()
    # A learner cannot hide; an unknown record is 404.
    assert Participant(a).post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": False}).status_code == 403
    assert staff.post(usage, "hide_item", {"group": ids["Noord"], "record": 10**12, "hide": True}).status_code == 404
    shown = staff.post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": False})
    assert shown.status_code == 200 and len(state(usage, a)["received"]) == 1


def test_fewer_peers_than_the_group_gives_a_balanced_assignment():
    scenario, usage = new_round(peers_per_participant="2")
    members = people(5)
    arrange(usage, {"Groot": members})
    received = {m: 0 for m in members}
    for member in members:
        view = state(usage, member)
        assert len(view["to_review"]) == 2
        for peer in view["to_review"]:
            received[peer["name"]] += 1
    assert set(received.values()) == {2}
    post_update(usage, members[0])
    not_mine = next(m for m in members[1:] if members[0] not in [p["name"] for p in state(usage, m)["to_review"]])
    refs = state(usage, members[1])["members"]
    ref = next(m["ref"] for m in refs if m["name"] == members[0])
    refused = Participant(not_mine).post(usage, "give_feedback", {"to": ref, "answers": {"clarifying": "?"}})
    assert refused.status_code == 403 and code(refused) == "not_assigned"


def test_actions_are_saved_for_rounds_that_ask_for_them_only():
    usage, (a, b, c), _other, _ids = three_in_a_group(round_kind="agree_actions")
    saved = Participant(a).post(usage, "save_actions", {"actions": [{"text": "Gesprek met wethouder", "due": "2099-12-15"},
                                                                    {"text": "  ", "due": ""}]})
    assert saved.status_code == 200 and sorted(saved.json()["regions"]) == ["actions", "follow-up"]
    assert state(usage, a)["actions"] == [{"text": "Gesprek met wethouder", "due": "2099-12-15"}]
    assert code(Participant(a).post(usage, "save_actions", {"actions": []})) == "no_actions"
    usage2, (d, *_), _o, _i = three_in_a_group(round_kind="report_back")
    refused = Participant(d).post(usage2, "save_actions", {"actions": [{"text": "x", "due": "2099-01-01"}]})
    assert refused.status_code == 409 and code(refused) == "no_actions_step"


def test_bad_input_gets_4xx_and_changes_nothing():
    usage, (a, b, c), _other, _ids = three_in_a_group()
    before = Participant(a).get(usage, "my_data").content
    for handler, body in [("post_update", {"text": ""}), ("post_update", {"text": "x" * 5000}),
                          ("post_update", {"text": 5}), ("post_update", {}),
                          ("give_feedback", {"to": "", "answers": {}}),
                          ("give_feedback", {"to": "x", "answers": {"clarifying": "y" * 3000}}),
                          ("save_actions", {"actions": [{"text": "x", "due": "2099-01-01"}] * 11}),
                          ("save_actions", {"actions": [{"text": "x", "when": "morgen"}]}),
                          ("rate_feedback", {"feedback": "x", "helpful": "4"})]:
        response = Participant(a).post(usage, handler, body)
        assert 400 <= response.status_code < 500, (handler, body, response.status_code)
    assert json.loads(Participant(a).get(usage, "my_data").content)["data"] == json.loads(before)["data"]


def test_alone_and_empty_groups_and_late_joiners_are_shown_to_staff():
    scenario, usage = new_round()
    alone, late = people(2)
    arrange(usage, {"Solo": [alone], "Leeg": []})
    Participant(late).page(scenario)  # onto the roster, in no group
    view = state(usage, alone)
    assert view["group"]["alone"] and view["to_review"] == []
    assert "only member" in view["html"]
    overview = Participant("staff_alone").get(usage, "staff_overview").json()
    assert {(g["name"], g["alone"], g["empty"]) for g in overview["groups"]} == {("Solo", True, False), ("Leeg", False, True)}
    assert overview["problems"] == 2 and overview["ungrouped"] == [late]
    # Someone alone is not listed as behind on feedback they cannot give.
    assert overview["behind"] == []


def test_staff_overview_reminders_and_csv():
    usage, (a, b, c), (x, y), ids = three_in_a_group(update_due="2000-01-01", round_kind="report_back")
    post_update(usage, a)
    staff = Participant("staff_csv")
    overview = staff.get(usage, "staff_overview").json()
    behind = {r["name"]: r for r in overview["behind"]}
    # a posted and owes nothing yet (nobody else posted: only those who posted are reviewed);
    # b missed the update's due date and owes a feedback on a's update.
    assert a not in behind
    assert behind[b]["overdue"] and (behind[b]["late"], behind[b]["pending"]) == (["update_overdue"], ["feedback"])
    assert (behind[x]["late"], behind[x]["pending"]) == (["update_overdue"], [])
    csv = staff.get(usage, "export_csv", "format=en").content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("group,group size,anonymous id")
    assert len(lines) == 6 and platform.workbench_anonymous_id(a) in csv and a not in csv.replace(
        platform.workbench_anonymous_id(a), "")
    named = staff.get(usage, "export_csv", "names=1&format=nl").content.decode("utf-8-sig")
    assert named.splitlines()[0].startswith("group;group size;name;username")
    assert Participant(a).get(usage, "export_csv").status_code == 403
    assert Participant(a).get(usage, "staff_overview").status_code == 403


def test_rotating_roles_are_shown_and_a_participant_downloads_their_data():
    usage, (a, b, c), _other, _ids = three_in_a_group(round_number="2", method="incident")
    view = state(usage, a)
    roles = [r for m in view["members"] for r in m["roles"]]
    assert sorted(roles) == sorted(["case-bringer", "facilitator", "timekeeper", "note-taker"])
    assert all(m["roles"] for m in view["members"])   # a trio: three places, one of them two roles
    post_update(usage, a, "MIJN-UPDATE")
    mine = json.loads(Participant(a).get(usage, "my_data").content)
    assert mine["data"]["records"][0]["text"] == "MIJN-UPDATE"


def test_case_summary_prefill_uses_the_case_trackers_interface(monkeypatch):
    import sys
    import types
    usage, (a, b, c), _other, _ids = three_in_a_group()
    calls = []
    fake = types.ModuleType("leergang_xblocks.case.sharing")

    def shared_case_summary(course_id, anonymous_id, **_options):
        calls.append((course_id, anonymous_id))
        if anonymous_id == platform.workbench_anonymous_id(a):
            return {"title": "Wijkteams", "summary": "Minder regels", "shared_at": "2026-11-30",
                    "latest_entry": {"session": 1, "written_at": "2026-11-30", "text": "Gesprek gevoerd",
                                     "actions": ["Wethouder bellen"]}}
        return None

    fake.shared_case_summary = shared_case_summary
    package = sys.modules.get("leergang_xblocks.case") or types.ModuleType("leergang_xblocks.case")
    monkeypatch.setitem(sys.modules, "leergang_xblocks.case", package)
    monkeypatch.setitem(sys.modules, "leergang_xblocks.case.sharing", fake)
    found = Participant(a).get(usage, "case_prefill").json()
    assert found == {"found": True, "text": "Wijkteams\n\nMinder regels\n\nGesprek gevoerd\n\nActions:\n- Wethouder bellen"}
    assert Participant(b).get(usage, "case_prefill").json() == {"found": False, "text": ""}
    assert calls[0][1] == platform.workbench_anonymous_id(a)


def test_studio_refuses_advice_in_action_learning_bad_dates_and_release_without_a_date():
    scenario, usage = new_round()
    author = Participant("staff_author", path="studio")

    def save(values):
        return author.post(usage, "submit_studio_edits", {"values": values, "defaults": []})

    refused = save({"method": "airtime", "feedback_prompts": "clarifying, suggestion", "update_due": "1 dec",
                    "release_after_due": True, "feedback_due": ""})
    assert refused.status_code == 400 and code(refused) == "invalid_settings"
    paths = {m["path"] for m in refused.json()["error"]["messages"]}
    assert {"feedback_prompts", "update_due", "release_after_due"} <= {p.split(".")[-1] for p in paths}
    order = save({"update_due": "2026-12-10", "feedback_due": "2026-12-01 17:00"})
    assert order.status_code == 400 and "feedback_due" in json.dumps(order.json())
    unknown = save({"feedback_prompts": "advies"})
    assert unknown.status_code == 400 and "advies" in json.dumps(unknown.json())
    fine = save({"method": "incident", "feedback_prompts": "clarifying, suggestion", "update_due": "2026-12-01",
                 "feedback_due": "2026-12-08 17:00", "release_after_due": True, "peers_per_participant": 2})
    assert fine.status_code == 200, fine.content
    block = Participant("staff_author").block(usage)
    assert block.prompt_kinds == ("clarifying", "suggestion") and block.peers_per_participant == 2


def test_pages_render_for_members_staff_and_people_in_no_group_in_both_languages():
    usage, (a, b, c), _other, _ids = three_in_a_group(anonymous_feedback="true")
    scenario = next(name for name, s in __import__("workbench.scenarios").scenarios.get_scenarios().items()
                    if str(s.usage_id) == usage)
    post_update(usage, a, "<script>alert(1)</script>")
    page = Participant(b).page(scenario).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Feedback to " in page
    dutch = Participant(b, language="nl").page(scenario).content.decode()
    assert "Jouw feedback aan anderen" in dutch and "Feedback to " not in dutch
    staff = Participant("staff_page").page(scenario).content.decode()
    assert "Staff: feedback round" in staff and "Who is behind" in staff and "Staff: groups" in staff
    assert "not in a group yet" in Participant(people(1)[0]).page(scenario).content.decode()


def test_a_mentor_follows_the_round_gives_feedback_and_is_never_behind():
    scenario, usage = new_round(update_due="2000-01-01")
    a, b, mentor, x = people(4)
    for person in (a, b, mentor, x):
        Participant(person).page(scenario)          # onto the roster, as the platform's people would be
    ids = arrange(usage, {"Team Noord": [a, b], "Team Zuid": [x]})
    staff = Participant("staff_mentor")
    version = store_of(usage).latest().version
    assigned = staff.post(usage, "assign_mentors", {"version": version, "mentors_version": 0,
                                                    "text": f"{mentor},Team Noord"})
    assert assigned.status_code == 200, assigned.content
    post_update(usage, a, "CASUS-A")
    view = state(usage, mentor)
    assert view["is_mentor"] and [u["text"] for u in view["updates"]] == ["CASUS-A"]
    assert {p["name"] for p in view["to_review"]} == {a, b}
    # Members see who their mentor is.
    assert state(usage, a)["mentors"] == [mentor]
    assert give(usage, mentor, a, {"clarifying": "Wat vraagt het initiatief van jou?"}).status_code == 200
    received = state(usage, a)["received"]
    assert received[0]["from"] == mentor and received[0]["from_mentor"] is True
    # Members only report back and record actions; the other team stays closed.
    assert code(Participant(mentor).post(usage, "post_update", {"text": "x"})) == "members_only"
    crafted = Participant(mentor).get(usage, "round_state", f"group={ids['Team Zuid']}")
    assert crafted.status_code == 403
    overview = staff.get(usage, "staff_overview").json()
    noord = next(g for g in overview["groups"] if g["name"] == "Team Noord")
    assert noord["mentors"] == [mentor] and {m["name"] for m in noord["members"]} == {a, b}
    assert mentor not in {r["name"] for r in overview["behind"]} and mentor not in overview["ungrouped"]
    assert b in {r["name"] for r in overview["behind"]}
    page = Participant(mentor).page(scenario).content.decode()
    assert "this group&#x27;s mentor" in page or "this group's mentor" in page


def test_preview_and_viewing_as_a_learner_show_the_round_and_save_nothing():
    from django.template.defaultfilters import slugify
    from workbench.scenarios import get_scenarios
    usage, (a, b, c), _other, _ids = three_in_a_group()
    scenario = next(name for name, s in get_scenarios().items() if slugify(s.description) == usage.split(".")[0])
    author = Participant("staff_prev", path="preview")
    refused = author.post(usage, "post_update", {"text": "x"})
    assert refused.status_code == 403 and code(refused) == "read_only_preview"
    preview = author.client.get(f"/studio/preview/{scenario}/?student={author.student_id}")
    assert preview.status_code == 200 and "not saved here" in preview.content.decode()
    post_update(usage, a, "ECHTE-STAND")
    staff = Participant("staff_masq", masquerade=a)
    assert code(staff.post(usage, "post_update", {"text": "namens a"})) == "read_only_preview"
    page = staff.client.get(f"/scenario/{scenario}/?student={staff.student_id}&masquerade={a}").content.decode()
    assert "ECHTE-STAND" in page and "namens a" not in page
    assert [u["text"] for u in state(usage, a)["updates"]] == ["ECHTE-STAND"]


def test_the_instructor_report_reads_the_write_only_copy():
    from types import SimpleNamespace
    usage, (a, b, c), _other, _ids = three_in_a_group()
    post_update(usage, a)
    block = Participant(a).block(usage)
    copy = block.report_copy
    assert copy["posted"] is True and copy["group"] == "Noord"
    rows = list(block.generate_report_data(iter([SimpleNamespace(username="anna", state={"report_copy": copy}),
                                                 SimpleNamespace(username="niemand", state={})])))
    assert rows == [("anna", {"group": "Noord", "update posted": True, "feedback given": 0,
                              "feedback received": 0, "actions": ""})]
    limited = list(block.generate_report_data(iter([SimpleNamespace(username=f"u{i}", state={"report_copy": copy})
                                                    for i in range(5)]), limit_responses=2))
    assert len(limited) == 2


def test_csv_cells_from_names_cannot_run_as_formulas():
    scenario, usage = new_round()
    evil = "=HYPERLINK(1)" + people(1)[0]
    other = people(1)[0]
    arrange(usage, {"=SUM(A1)": [evil, other]})
    post_update(usage, evil)
    csv = Participant("staff_formula").get(usage, "export_csv", "names=1&format=en").content.decode("utf-8-sig")
    assert "'=SUM(A1)" in csv and "'=HYPERLINK(1)" in csv
    assert "\n=SUM" not in csv and ",=HYPERLINK" not in csv


def test_the_own_data_download_holds_feedback_received_without_naming_anonymous_givers():
    usage, (a, b, c), _other, _ids = three_in_a_group(anonymous_feedback="true", method="free")
    post_update(usage, a)
    assert give(usage, b, a, {"recognise": "HERKENNING-VAN-B"}).status_code == 200
    mine = Participant(a).get(usage, "my_data").content.decode()
    assert "HERKENNING-VAN-B" in mine and b not in mine
    assert platform.workbench_anonymous_id(b) not in mine


def test_the_update_starts_from_the_case_the_participant_shared_in_the_case_tracker():
    """With the real case tracker (leergang_xblocks.case.sharing) in the same course."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import add_xml_scenario, get_scenarios
    from tests.support.case import SESSIONS
    tag = __import__("uuid").uuid4().hex[:8]
    scenario = f"roundcase.{tag}"
    get_scenarios()
    add_xml_scenario(scenario, f"round case {tag}", (
        '<vertical_demo><leergang_case group_set_name="samen"><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'
        '<leergang_feedback_round group_set_name="samen"/></vertical_demo>'))
    runtime = WorkbenchRuntime("loader")
    case_usage, round_usage = (str(c) for c in runtime.get_block(get_scenarios()[scenario].usage_id).children)
    a, b = people(2)
    arrange(round_usage, {"Samen": [a, b]})
    hanna = Participant(a)
    saved = hanna.post(case_usage, "save_case", {"fields": {"title": "Minder verantwoording", "purpose": "Ruimte",
                                                           "problem": "Drie handtekeningen"}})
    assert saved.status_code == 200, saved.content
    assert hanna.get(round_usage, "case_prefill").json() == {"found": False, "text": ""}   # private until shared
    assert hanna.post(case_usage, "share", {"shared": True}).status_code == 200
    found = hanna.get(round_usage, "case_prefill").json()
    assert found["found"] and found["text"].startswith("Minder verantwoording") and "Drie handtekeningen" in found["text"]
    assert Participant(b).get(round_usage, "case_prefill").json()["found"] is False


def test_due_dates_show_in_local_time_in_each_languages_own_form():
    """Issue 21: "31-1-2030 17:00" beside "16 september 2026" in the case tracker; one format
    per language in every block (core/dates.py)."""
    scenario, usage = new_round(update_due="2026-12-01 17:00", feedback_due="2026-12-08")
    a, b = people(2)
    arrange(usage, {"Duo": [a, b]})
    english = Participant(a).page(scenario).content.decode()
    dutch = Participant(a, language="nl").page(scenario).content.decode()
    assert "1 December 2026, 17:00." in english and "8 December 2026, 23:59." in english
    assert "1 december 2026, 17:00." in dutch and "8 december 2026, 23:59." in dutch
    assert "1-12-2026" not in dutch


def test_a_hidden_update_disappears_for_the_group_and_takes_no_feedback():
    usage, (a, b, c), _other, ids = three_in_a_group()
    post_update(usage, a, "ONGEPAST")
    ref = next(p["ref"] for p in state(usage, b)["to_review"] if p["name"] == a)
    staff = Participant("staff_hide_update")
    record = staff.get(usage, "staff_group", f"group={ids['Noord']}").json()["updates"][0]["record"]
    assert staff.post(usage, "hide_item", {"group": ids["Noord"], "record": record, "hide": True}).status_code == 200
    view = state(usage, b)
    assert "ONGEPAST" not in json.dumps(view) and view["updates"] == []
    refused = Participant(b).post(usage, "give_feedback", {"to": ref, "answers": {"clarifying": "?"}})
    assert refused.status_code == 409 and code(refused) == "no_update_yet"
    assert "ONGEPAST" in staff.get(usage, "staff_group", f"group={ids['Noord']}").content.decode()


def test_anonymity_the_arithmetic_of_a_trio_breaks_is_not_promised():
    """Issue 20: in a trio with one peer each, a receiver's one feedback always comes from
    the one member missing from their own review list; in a pair it is trivial. Such a
    group is told before anyone writes that feedback is not anonymous there, and the
    feedback carries the giver's name instead of a label that pretends otherwise."""
    scenario, usage = new_round(anonymous_feedback="true", method="free", peers_per_participant="1")
    a, b, c, d, e, f, g = people(7)
    arrange(usage, {"Trio": [a, b, c], "Kwartet": [d, e, f, g]})
    for person in (a, b, c):
        post_update(usage, person)
    trio = state(usage, a)
    assert trio["anonymous"] is False and trio["anonymity"] == "not_possible"
    assert 'class="leergang-notice fr-not-anonymous"' in trio["html"]
    giver = next(p for p in (b, c) if any(r["name"] == a for r in state(usage, p)["to_review"]))
    assert give(usage, giver, a, {"recognise": "VAN-DE-GEVER"}).status_code == 200
    assert [r["from"] for r in state(usage, a)["received"]] == [giver]
    # Four members with one peer each: two members could have written it, so it stays anonymous.
    quartet = state(usage, d)
    assert quartet["anonymous"] is True and quartet["anonymity"] == "anonymous"
    assert 'fr-not-anonymous' not in quartet["html"] and 'class="leergang-hint fr-anonymous-note"' in quartet["html"]


def test_a_pair_is_never_anonymous_and_everyone_in_a_trio_is_anonymous():
    scenario, usage = new_round(anonymous_feedback="true", method="free")
    a, b, c, d, e = people(5)
    arrange(usage, {"Paar": [a, b], "Trio": [c, d, e]})
    assert state(usage, a)["anonymity"] == "not_possible"
    assert state(usage, c)["anonymity"] == "anonymous"


def test_without_anonymous_feedback_nothing_is_promised():
    usage, (a, b, c), _other, _ids = three_in_a_group(method="free")
    view = state(usage, a)
    assert view["anonymous"] is False and view["anonymity"] == "named"
    assert "fr-not-anonymous" not in view["html"] and "fr-anonymous-note" not in view["html"]
