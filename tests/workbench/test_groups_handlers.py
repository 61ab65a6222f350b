"""Small groups through the workbench's real request path: the staff tools, the
version check, the group boundary of group-scoped records, moving people."""
import json
import uuid

from leergang_xblocks.core import platform
from tests.support.groups import arrange, new_course, store_of, visit
from tests.support.workbench import Participant


def names(n, tag=None):
    tag = tag or uuid.uuid4().hex[:5]
    return [f"p{tag}_{i}" for i in range(n)]


def error_code(response):
    return json.loads(response.content)["error"]["code"]


def test_staff_make_balanced_groups_of_everyone_who_showed_up():
    scenario, usage = new_course()
    people = names(7)
    for person in people:
        visit(scenario, person)
    visit(scenario, "staff_x")  # staff are never put on the roster
    staff = Participant("staff_maker")
    overview = staff.get(usage, "groups_overview").json()
    assert overview["version"] == 0 and len(overview["ungrouped"]) == 7
    made = staff.post(usage, "make_groups", {"version": 0, "size": 3, "order": "name", "who": "everyone"})
    assert made.status_code == 200, made.content
    assert sorted(g["size"] for g in made.json()["groups"]) == [2, 2, 3]
    assert made.json()["ungrouped"] == [] and made.json()["version"] == 1
    # Every participant now reads their own group, with the others' display names.
    page = Participant(people[0]).page(scenario).content.decode()
    assert "small-group-members" in page and people[1] in page


def test_late_joiners_go_into_the_smallest_groups_and_a_group_of_one_is_a_problem():
    scenario, usage = new_course()
    people = names(4)
    for person in people:
        visit(scenario, person)
    staff = Participant("staff_late")
    staff.post(usage, "make_groups", {"version": 0, "size": 2, "order": "name", "who": "everyone"})
    late = names(1)[0]
    visit(scenario, late)
    assert [p["name"] for p in staff.get(usage, "groups_overview").json()["ungrouped"]] == [late]
    placed = staff.post(usage, "make_groups", {"version": 1, "size": 2, "order": "name", "who": "ungrouped"}).json()
    assert sorted(g["size"] for g in placed["groups"]) == [2, 3] and placed["ungrouped"] == []
    again = staff.post(usage, "make_groups", {"version": 2, "size": 2, "order": "name", "who": "ungrouped"})
    assert again.status_code == 409 and error_code(again) == "nobody_ungrouped"
    alone = staff.post(usage, "add_group", {"version": 2, "name": "Alleen"}).json()
    group_id = next(g["id"] for g in alone["groups"] if g["name"] == "Alleen")
    moved = staff.post(usage, "move_member", {"version": 3, "member": platform.workbench_anonymous_id(late),
                                              "group": group_id}).json()
    assert moved["problems"] == 1
    assert "alone: a problem" in moved["html"]
    assert "only member" in Participant(late).page(scenario).content.decode()


def test_two_staff_saving_at_once_the_later_gets_409_and_nothing_is_lost():
    scenario, usage = new_course()
    for person in names(4):
        visit(scenario, person)
    first, second = Participant("staff_one"), Participant("staff_two")
    version = first.get(usage, "groups_overview").json()["version"]
    assert second.get(usage, "groups_overview").json()["version"] == version
    assert first.post(usage, "add_group", {"version": version, "name": "Noord"}).status_code == 200
    late = second.post(usage, "add_group", {"version": version, "name": "Zuid"})
    assert late.status_code == 409 and error_code(late) == "stale_groups"
    after = second.get(usage, "groups_overview").json()
    assert [g["name"] for g in after["groups"]] == ["Noord"] and after["version"] == version + 1
    assert second.post(usage, "add_group", {"version": after["version"], "name": "Zuid"}).status_code == 200


def test_pasted_lines_with_mistakes_save_nothing_and_say_what_is_wrong():
    scenario, usage = new_course()
    anna, bram, chris = names(3)
    for person in (anna, bram, chris):
        visit(scenario, person)
    staff = Participant("staff_paste")
    bad = staff.post(usage, "import_groups", {"version": 0, "text": f"{anna},Utrecht\nonbekend,Utrecht\n{bram},\n{anna},Zwolle"})
    assert bad.status_code == 400 and error_code(bad) == "bad_lines"
    message = json.loads(bad.content)["error"]["message"]
    assert "Line 2" in message and "onbekend" in message and "Line 3" in message and "Line 4" in message
    assert [p["field"] for p in json.loads(bad.content)["error"]["problems"]] == ["text"]
    assert store_of(usage).latest().version == 0
    good = staff.post(usage, "import_groups", {"version": 0, "text": f"gebruikersnaam;groep\n{anna};Utrecht\n{bram};Utrecht\n{chris};Zwolle"})
    assert good.status_code == 200, good.content
    assert [(g["name"], g["size"]) for g in good.json()["groups"]] == [("Utrecht", 2), ("Zwolle", 1)]
    # Renaming keeps the group (and its records); pasting the same name keeps its id.
    utrecht = good.json()["groups"][0]["id"]
    renamed = staff.post(usage, "rename_group", {"version": 1, "group": utrecht, "name": "Gemeente Utrecht"}).json()
    assert renamed["groups"][0]["id"] == utrecht
    again = staff.post(usage, "import_groups", {"version": 2, "text": f"{anna},gemeente utrecht\n{chris},Zwolle"}).json()
    assert again["groups"][0]["id"] == utrecht and [p["name"] for p in again["ungrouped"]] == [bram]


def test_a_participant_reads_only_their_own_groups_records():
    scenario, usage = new_course()
    a1, a2, b1, b2, outsider = names(5)
    for person in (a1, a2, b1, b2, outsider):
        visit(scenario, person)
    arrange(usage, {"A": [a1, a2], "B": [b1, b2]})
    assert Participant(a1).post(usage, "post_introduction", {"text": "ALPHA-SECRET"}).status_code == 200
    assert Participant(b1).post(usage, "post_introduction", {"text": "BRAVO-SECRET"}).status_code == 200
    group_a = store_of(usage).latest().groups[0].id
    mine = Participant(a2).get(usage, "group_introductions")
    assert mine.status_code == 200 and "ALPHA-SECRET" in mine.content.decode() and "BRAVO" not in mine.content.decode()
    crafted = Participant(b2).get(usage, "group_introductions", f"group={group_a}")
    assert crafted.status_code == 403 and error_code(crafted) == "not_your_group"
    assert "ALPHA" not in crafted.content.decode()
    nobody = Participant(outsider).get(usage, "group_introductions", f"group={group_a}")
    assert nobody.status_code == 403
    assert error_code(Participant(outsider).get(usage, "group_introductions")) == "no_group"
    assert error_code(Participant(outsider).post(usage, "post_introduction", {"text": "x"})) == "no_group"
    # Staff may read any group; a group that does not exist is a 404.
    assert "ALPHA-SECRET" in Participant("staff_reader").get(usage, "group_introductions", f"group={group_a}").content.decode()
    assert Participant("staff_reader").get(usage, "group_introductions", "group=set:testset:g999").status_code == 404
    # The page of a member of B never carries A's records.
    assert "ALPHA" not in Participant(b2).page(scenario).content.decode()


def test_a_moved_participant_keeps_their_records_and_sees_the_new_groups():
    scenario, usage = new_course()
    mover, stayer, other = names(3)
    for person in (mover, stayer, other):
        visit(scenario, person)
    arrange(usage, {"Oud": [mover, stayer], "Nieuw": [other]})
    Participant(mover).post(usage, "post_introduction", {"text": "WRITTEN-IN-OLD"})
    Participant(other).post(usage, "post_introduction", {"text": "NEW-GROUP-TEXT"})
    latest = store_of(usage).latest()
    staff = Participant("staff_mover")
    moved = staff.post(usage, "move_member", {"version": latest.version, "member": platform.workbench_anonymous_id(mover),
                                              "group": latest.groups[0].id if latest.groups[0].name == "Nieuw" else latest.groups[1].id})
    assert moved.status_code == 200, moved.content
    now = Participant(mover).get(usage, "group_introductions").content.decode()
    assert "NEW-GROUP-TEXT" in now and "WRITTEN-IN-OLD" not in now
    assert "WRITTEN-IN-OLD" in Participant(mover).get(usage, "my_data").content.decode()
    old_group = Participant(stayer).get(usage, "group_introductions").json()
    assert [(i["text"], i["former"]) for i in old_group["introductions"]] == [("WRITTEN-IN-OLD", True)]


def test_teams_are_not_offered_by_the_workbench_so_the_group_set_is_used():
    scenario, usage = new_course(extra='teamset_id="gemeenten"')
    person = names(1)[0]
    visit(scenario, person)
    overview = Participant("staff_fallback").get(usage, "groups_overview").json()
    assert overview["managed_here"] and overview["source"] == "group_set"
    assert [p["name"] for p in overview["ungrouped"]] == [person]


def test_the_csv_download_lists_members_with_anonymous_ids_unless_names_are_asked_for():
    scenario, usage = new_course()
    a, b = names(2)
    for person in (a, b):
        visit(scenario, person)
    arrange(usage, {"=Formule": [a, b]})
    staff = Participant("staff_csv")
    text = staff.get(usage, "export_groups").content.decode("utf-8-sig")
    assert platform.workbench_anonymous_id(a) in text and f",{a}\r" not in text
    assert text.splitlines()[1].startswith("'=Formule,2,")
    named = staff.get(usage, "export_groups", "names=1").content.decode("utf-8-sig")
    assert f",{a}\r" in named
    assert Participant(a).get(usage, "export_groups").status_code == 403


def test_delete_learner_state_clears_their_introductions_but_not_their_group():
    scenario, usage = new_course()
    a, b = names(2)
    for person in (a, b):
        visit(scenario, person)
    arrange(usage, {"A": [a, b]})
    assert Participant(a).post(usage, "post_introduction", {"text": "WEG-ERMEE"}).status_code == 200
    block = Participant("staff_clear").block(usage)
    block.clear_student_state(user_id=platform.workbench_anonymous_id(a), course_id=platform.course_id(block),
                              item_id=str(block.scope_ids.usage_id), requesting_user_id="staff")
    assert "WEG-ERMEE" not in Participant(b).get(usage, "group_introductions").content.decode()
    assert Participant(a).get(usage, "group_introductions").json()["group"] == "A"


def test_my_data_holds_the_roster_entry_and_every_placement_and_nobody_elses():
    scenario, usage = new_course()
    anna, bram = names(2)
    visit(scenario, anna)
    visit(scenario, bram)
    arrange(usage, {"Groep 1": [anna, bram]})
    arrange(usage, {"Groep 2": [anna], "Groep 3": [bram]})
    data = Participant(anna).get(usage, "my_data").json()["data"]
    group_set = data["group_set"]
    assert group_set["roster_entry"]["username"] == anna
    assert [p["group"] for p in group_set["placements"]] == ["Groep 1", "Groep 2"]
    assert bram not in json.dumps(group_set)  # the others' names are in no placement row of anna's
