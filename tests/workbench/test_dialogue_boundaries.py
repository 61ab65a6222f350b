"""Issue 20, the dialogue: query strings as strict as bodies, a regrouping mid-round,
mentors who are never counted as participants, and a hide that hides everywhere."""
import csv
import io
import json
import uuid

from leergang_xblocks.core import platform
from tests.support.dialogue import new_dialogue, position
from tests.support.groups import arrange, visit
from tests.support.workbench import Participant


def people(n):
    tag = uuid.uuid4().hex[:6]
    return [f"d{tag}_{i}" for i in range(n)]


def code(response):
    return json.loads(response.content)["error"]["code"]


def csv_rows(staff, usage, extra=""):
    text = staff.get(usage, "export_csv", "format=en" + extra).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def group_dialogue(min_positions=3):
    scenario, usage = new_dialogue(scope="group", min_positions=min_positions, set_name=f"s{uuid.uuid4().hex[:6]}")
    return scenario, usage


def test_every_query_parameter_of_the_dialogue_is_checked_strictly():
    _scenario, usage = new_dialogue()
    staff = Participant("staff_query")
    for query in ("round=²", "round=٣", "round=+1", "round=%201", "round=1.0", "round=0", "round=99999",
                  "round=1&round=2", "names=2", "format=de", "names=0&names=1"):
        handler = "export_csv" if query.startswith(("names", "format")) else "live"
        answer = staff.get(usage, handler, query)
        assert answer.status_code == 400 and code(answer) == "invalid", (query, answer.content[:200])
    assert staff.get(usage, "live", "round=1").status_code == 200


def test_a_move_mid_round_neither_reveals_the_old_group_early_nor_sticks_the_new_one():
    scenario, usage = group_dialogue(min_positions=3)
    a1, a2, a3, b1, b2 = people(5)
    for person in (a1, a2, a3, b1, b2):
        visit(scenario, person)
    arrange(usage, {"A": [a1, a2, a3], "B": [b1, b2]})
    assert Participant(a1).post(usage, "take_position", position("a", "MOVER-A")).status_code == 200
    # staff move a1 to B: A has two members left, B three
    move(usage, a1, "B")  # A has two members left, B three
    room_a = Participant(a2).post(usage, "take_position", position("b", "A2")).json()
    assert room_a["revealed"] is False and room_a["positions"] == 1 and room_a["threshold"] == 2
    room_a = Participant(a3).post(usage, "take_position", position("b", "A3")).json()
    assert room_a["revealed"] is True
    assert {d["key"]: d["first"] for d in room_a["distribution"]} == {"a": 0, "b": 2, "c": 0}
    # the mover takes a position in the new group's round, and B reveals when all three are in
    Participant(b1).post(usage, "take_position", position("a", "B1"))
    Participant(b2).post(usage, "take_position", position("b", "B2"))
    before = Participant(b1).get(usage, "room").json()
    assert before["revealed"] is False and before["positions"] == 2
    moved = Participant(a1).post(usage, "take_position", position("c", "MOVER-B"))
    assert moved.status_code == 200, moved.content[:300]
    assert moved.json()["revealed"] is True and "MOVER-A" not in moved.content.decode()
    assert {d["key"]: d["first"] for d in moved.json()["distribution"]} == {"a": 1, "b": 1, "c": 1}
    again = Participant(a1).post(usage, "take_position", position("a", "nog eens"))
    assert again.status_code == 409 and code(again) == "already_positioned"
    live = Participant("staff_move").get(usage, "live").json()
    assert live["counts_checked"] is True
    assert {g["name"]: g["positions"] for g in live["groups"]} == {"A": 2, "B": 3}


def move(usage, person, group_name):
    staff = Participant("staff_mover")
    overview = staff.get(usage, "groups_overview").json()
    group_id = next(g["id"] for g in overview["groups"] if g["name"] == group_name)
    answer = staff.post(usage, "move_member", {"version": overview["version"], "group": group_id,
                                               "member": platform.workbench_anonymous_id(person)})
    assert answer.status_code == 200, answer.content[:300]


def assign_mentors(usage, text):
    staff = Participant("staff_mentors")
    overview = staff.get(usage, "groups_overview").json()
    answer = staff.post(usage, "assign_mentors", {"version": overview["version"],
                                                  "mentors_version": overview["mentors_version"], "text": text})
    assert answer.status_code == 200, answer.content[:300]


def test_a_mentors_position_is_labelled_and_never_counted():
    scenario, usage = group_dialogue(min_positions=3)
    a1, a2, a3, mentor = people(4)
    for person in (a1, a2, a3, mentor):
        visit(scenario, person)
    arrange(usage, {"A": [a1, a2, a3]})
    assign_mentors(usage, f"{mentor},A")
    Participant(a1).post(usage, "take_position", position("a", "A1"))
    Participant(a2).post(usage, "take_position", position("b", "A2"))
    page = Participant(mentor).page(scenario).content.decode()
    assert "dialogue-position-form" in page and "dialogue-no-group" not in page
    taken = Participant(mentor).post(usage, "take_position", position("a", "MENTOR-REASON"))
    assert taken.status_code == 200, taken.content[:300]
    room = Participant(a1).get(usage, "room").json()
    assert room["revealed"] is False and room["positions"] == 2
    room = Participant(a3).post(usage, "take_position", position("b", "A3")).json()
    assert room["revealed"] is True
    assert {d["key"]: d["first"] for d in room["distribution"]} == {"a": 1, "b": 2, "c": 0}
    mentor_items = [i for r in room["reasons"] for i in r["items"] if i["text"] == "MENTOR-REASON"]
    assert len(mentor_items) == 1 and mentor_items[0]["by_mentor"] is True
    assert all(i["by_mentor"] is False for r in room["reasons"] for i in r["items"] if i["text"] != "MENTOR-REASON")
    staff = Participant("staff_mentor_live")
    live = staff.get(usage, "live").json()
    assert live["positions"] == 3 and live["counts_checked"] is True
    assert {d["key"]: d["first"] for d in live["distribution"]} == {"a": 1, "b": 2, "c": 0}
    marked = [i for r in live["reasons"] for i in r["items"] if i["text"] == "MENTOR-REASON"]
    assert marked and marked[0]["by_mentor"] is True
    by_person = {row["participant"]: row["role"] for row in csv_rows(staff, usage, "&names=1")}
    assert by_person[mentor] == "mentor" and by_person[a1] == "participant"


def test_a_hidden_contribution_is_gone_from_every_place_a_participant_sees_in_a_group():
    scenario, usage = group_dialogue(min_positions=2)
    a1, a2 = people(2)
    for person in (a1, a2):
        visit(scenario, person)
    arrange(usage, {"A": [a1, a2]})
    Participant(a1).post(usage, "take_position", position("a", "POSITION-1"))
    room = Participant(a2).post(usage, "take_position", position("b", "POSITION-2")).json()
    target = next(i["rid"] for r in room["reasons"] for i in r["items"] if i["text"] == "POSITION-1")
    assert Participant(a2).post(usage, "respond", {"to": target, "understand": "RESPONSE-U",
                                                   "question": "RESPONSE-Q"}).status_code == 200
    Participant(a1).post(usage, "revote", {"option": "a", "reason": "REVOTE-1"})
    Participant(a2).post(usage, "revote", {"option": "b", "reason": ""})
    staff = Participant("staff_hide_group")
    live = staff.get(usage, "live").json()
    revote_rid = next(i["rid"] for r in live["reasons"] for i in r["items"] if i["text"] == "REVOTE-1")
    for rid in (target, revote_rid):
        assert staff.post(usage, "hide_reason", {"rid": rid, "hidden": True}).status_code == 200
    seen_by_a2 = Participant(a2).get(usage, "room").content.decode() + Participant(a2).page(scenario).content.decode()
    assert "POSITION-1" not in seen_by_a2 and "REVOTE-1" not in seen_by_a2
    # the response a2 wrote to a1's reason: hide it too, and it is gone for a1
    response_rid = next(row["reason id"] for row in csv_rows(staff, usage) if row["text"] == "RESPONSE-U")
    assert staff.post(usage, "hide_reason", {"rid": response_rid, "hidden": True}).status_code == 200
    seen_by_a1 = Participant(a1).get(usage, "room").content.decode() + Participant(a1).page(scenario).content.decode()
    assert "RESPONSE-U" not in seen_by_a1 and "RESPONSE-Q" not in seen_by_a1
