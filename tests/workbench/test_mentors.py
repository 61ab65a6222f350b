"""Mentors (core/mentor_store.py): staff assign them, they read and write in the
groups they follow and nowhere else, through the workbench's real request path."""
import json
import uuid

from leergang_xblocks.core import platform
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core.group_records import GroupRecords
from leergang_xblocks.groups.block import INTRODUCTION_ITEM_TYPE
from tests.support.groups import arrange, new_course, store_of, visit
from tests.support.workbench import Participant


def people(n):
    tag = uuid.uuid4().hex[:5]
    return [f"m{tag}_{i}" for i in range(n)]


def code(response):
    return json.loads(response.content)["error"]["code"]


def course_with_two_groups():
    scenario, usage = new_course()
    a1, a2, b1, b2, mentor = people(5)
    for person in (a1, a2, b1, b2, mentor):
        visit(scenario, person)
    arrange(usage, {"Utrecht": [a1, a2], "Zwolle": [b1, b2]})
    return scenario, usage, (a1, a2, b1, b2, mentor)


def assign(usage, text, mentors_version=0):
    staff = Participant("staff_mentors")
    version = staff.get(usage, "groups_overview").json()["version"]
    return staff.post(usage, "assign_mentors", {"version": version, "mentors_version": mentors_version,
                                                "text": text})


def test_staff_assign_a_mentor_who_then_reads_and_writes_in_that_group_only():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    saved = assign(usage, f"{mentor},Utrecht")
    assert saved.status_code == 200, saved.content
    rows = {g["name"]: g for g in saved.json()["groups"]}
    assert [m["username"] for m in rows["Utrecht"]["mentors"]] == [mentor]
    assert rows["Zwolle"]["mentors"] == [] and saved.json()["mentors_version"] == 1
    assert saved.json()["mentor_lines"] == f"{mentor},Utrecht"
    assert Participant(a1).post(usage, "post_introduction", {"text": "Ik ben Anna."}).status_code == 200

    as_mentor = Participant(mentor)
    read = as_mentor.get(usage, "group_introductions")
    assert read.status_code == 200, read.content
    assert read.json()["group"] == "Utrecht" and [i["text"] for i in read.json()["introductions"]] == ["Ik ben Anna."]
    zwolle = rows["Zwolle"]["id"]
    refused = as_mentor.get(usage, "group_introductions", f"group={zwolle}")
    assert refused.status_code == 403 and code(refused) == "not_your_group"

    wrote = as_mentor.post(usage, "post_introduction", {"text": "Ik ben jullie mentor."})
    assert wrote.status_code == 200, wrote.content
    block = WorkbenchRuntime("staff_reader").get_block(usage)
    utrecht = store_of(usage).latest().group(rows["Utrecht"]["id"])
    stored = GroupRecords(block, INTRODUCTION_ITEM_TYPE).of_group(utrecht)
    roles = {r.author_id: r.data["author_role"] for r in stored}
    assert roles == {platform.workbench_anonymous_id(a1): "member", platform.workbench_anonymous_id(mentor): "mentor"}
    # The other group sees nothing of Utrecht's mentor or records.
    other = Participant(b1).get(usage, "group_introductions").json()
    assert other["group"] == "Zwolle" and other["introductions"] == []


def test_a_participant_who_is_no_mentor_still_gets_403_and_no_group():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    utrecht = next(g for g in store_of(usage).latest().groups if g.name == "Utrecht")
    assert code(Participant(b1).get(usage, "group_introductions", f"group={utrecht.id}")) == "not_your_group"
    assert code(Participant(mentor).get(usage, "group_introductions")) == "no_group"


def test_mentor_lines_are_checked_and_nothing_is_saved_on_a_mistake():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    unknown_group = assign(usage, f"{mentor},Utrecht\n{mentor},Amersfoort")
    assert unknown_group.status_code == 400 and "Amersfoort" in unknown_group.json()["error"]["message"]
    member = assign(usage, f"{a1},Utrecht")
    assert member.status_code == 400 and code(member) == "bad_lines"
    unknown_user = assign(usage, "nobody_at_all_x,Utrecht")
    assert unknown_user.status_code == 400
    assert Participant("staff_check").get(usage, "groups_overview").json()["mentors_version"] == 0
    # One mentor may follow two groups; the same line twice is a mistake.
    assert assign(usage, f"{mentor},Utrecht\n{mentor},utrecht").status_code == 400
    both = assign(usage, f"{mentor},Utrecht\n{mentor},Zwolle")
    assert both.status_code == 200
    assert all(g["mentors"] for g in both.json()["groups"])


def test_two_staff_saving_mentors_at_once_the_later_gets_409():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    assert assign(usage, f"{mentor},Utrecht", 0).status_code == 200
    late = assign(usage, f"{mentor},Zwolle", 0)
    assert late.status_code == 409 and code(late) == "stale_groups"
    # Removing every mentor: empty text. The mentor then reads nothing.
    assert assign(usage, "", 1).status_code == 200
    assert code(Participant(mentor).get(usage, "group_introductions")) == "no_group"


def test_learners_cannot_assign_mentors():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    refused = Participant(a1).post(usage, "assign_mentors", {"version": 1, "mentors_version": 0,
                                                             "text": f"{a1},Zwolle"})
    assert refused.status_code == 403


def test_a_mentor_reads_the_group_as_it_is_now_after_a_regroup():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    assign(usage, f"{mentor},Utrecht")
    store = store_of(usage)
    latest = store.latest()
    spec = latest.as_spec()
    spec[0]["members"].append(platform.workbench_anonymous_id(b1))
    spec[1]["members"].remove(platform.workbench_anonymous_id(b1))
    store.save(latest.version, spec, {}, {}, "test")
    utrecht = store.group(latest.groups[0].id)
    assert platform.workbench_anonymous_id(b1) in {m.anonymous_id for m in utrecht.members}
    # A removed group is gone for readers too.
    latest = store.latest()
    emptied = [dict(g, members=[]) if g["key"] == spec[1]["key"] else g for g in latest.as_spec()]
    latest = store.save(latest.version, emptied, {}, {}, "test")
    store.save(latest.version, [g for g in latest.as_spec() if g["key"] != spec[1]["key"]], {}, {}, "test")
    assert store.group(latest.groups[1].id) is None


def test_the_groups_block_shows_a_mentor_their_group_and_members_their_mentor():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    assign(usage, f"{mentor},Utrecht")
    mentor_page = Participant(mentor).page(scenario).content.decode()
    assert "this group&#x27;s mentor" in mentor_page or "this group's mentor" in mentor_page
    assert a1 in mentor_page and b1 not in mentor_page
    member_page = Participant(a1).page(scenario).content.decode()
    assert f"Mentor: {mentor}" in member_page
    assert "Mentor:" not in Participant(b1).page(scenario).content.decode()


def test_two_kinds_of_group_records_in_one_block_are_both_kept():
    """edx-submissions keys a StudentItem by course, student and item id: the kind must be
    part of the item id, or the second kind is stored under the first and never read."""
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    block = WorkbenchRuntime(a1).get_block(usage)
    from leergang_xblocks.core.platform import Identity
    me = Identity(platform.workbench_anonymous_id(a1), a1, a1, False)
    notes, votes = GroupRecords(block, "kind_notes"), GroupRecords(block, "kind_votes")
    notes.append(me, {"text": "een notitie"})
    votes.append(me, {"option": "a"})
    group = notes.visible_group(me)
    assert [r.data["text"] for r in notes.of_group(group)] == ["een notitie"]
    assert [r.data["option"] for r in votes.of_group(group)] == ["a"]
    assert [r.data["option"] for r in votes.own(me.anonymous_id)] == ["a"]


def test_a_mentor_on_the_roster_is_neither_ungrouped_nor_placed_in_a_group():
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()  # the mentor opened the block
    mentor_id = platform.workbench_anonymous_id(mentor)
    staff = Participant("staff_roster")
    assert mentor_id in {p["id"] for p in staff.get(usage, "groups_overview").json()["ungrouped"]}
    saved = assign(usage, f"{mentor},Utrecht").json()
    assert mentor_id not in {p["id"] for p in saved["ungrouped"]}
    made = staff.post(usage, "make_groups", {"version": saved["version"], "size": 2, "order": "name",
                                             "who": "everyone"}).json()
    assert all(mentor_id not in {m["id"] for m in g["members"]} for g in made["groups"])
    assert sum(g["size"] for g in made["groups"]) == 4


def test_a_mentors_introduction_is_labelled_as_the_mentors_not_a_former_members():
    """Issue 20: a mentor's introduction showed to members as "A former member"."""
    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    assert assign(usage, f"{mentor},Utrecht").status_code == 200
    assert Participant(mentor).post(usage, "post_introduction", {"text": "Ik ben jullie mentor."}).status_code == 200
    seen = Participant(a1).get(usage, "group_introductions").json()["introductions"]
    by_mentor = next(i for i in seen if i["text"] == "Ik ben jullie mentor.")
    assert by_mentor["mentor"] is True and by_mentor["former"] is False and by_mentor["name"] == mentor
    page = Participant(a1).page(scenario).content.decode()
    assert 'class="small-group-intro small-group-intro-mentor"' in page


def test_a_groups_mentors_read_alone_are_what_the_whole_assignment_says_in_one_query():
    from benchmarks.cost import query_log
    from leergang_xblocks.core.groups import for_block

    scenario, usage, (a1, a2, b1, b2, mentor) = course_with_two_groups()
    second = people(1)[0]
    visit(scenario, second)
    assert assign(usage, f"{mentor},Utrecht\n{second},Utrecht\n{mentor},Zwolle").status_code == 200
    source = for_block(WorkbenchRuntime("staff_reader").get_block(usage))
    whole = source.mentor_store.latest()
    groups = store_of(usage).latest().groups
    assert {g.name: len(whole.mentors_of(g.id)) for g in groups} == {"Utrecht": 2, "Zwolle": 1}
    for group in groups + (replace_id(groups[0], "set:nowhere:g9"),):
        with query_log() as captured:
            alone = source.with_mentors(group).mentors
        assert len(captured.captured_queries) == 1
        assert alone == whole.mentors_of(group.id) == source.with_mentors(group, whole).mentors


def replace_id(group, group_id):
    from dataclasses import replace
    return replace(group, id=group_id)
