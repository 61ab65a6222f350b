"""The dialogue exercise through the workbench's real request path: nobody reads before
voting, nobody votes for someone else, groups stay apart, anonymity holds, bad input
changes nothing, rounds keep the earlier round, hidden reasons disappear for learners."""
import json
import uuid

from submissions.models import Submission

from leergang_xblocks.core import platform
from tests.support.dialogue import new_dialogue, position, written
from tests.support.groups import arrange, visit
from tests.support.workbench import Participant


def people(n):
    tag = uuid.uuid4().hex[:6]
    return [f"d{tag}_{i}" for i in range(n)]


def code(response):
    return json.loads(response.content)["error"]["code"]


def stored(student):
    """Every row stored for this participant anywhere (own rows, group copies, flags)."""
    anonymous_id = platform.workbench_anonymous_id(student)
    return sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "answer"), key=repr)


def shared_rows(usage):
    return sorted(Submission.objects.filter(student_item__item_id__startswith=usage)
                  .values_list("student_item__item_id", "student_item__student_id", "answer"), key=repr)


def test_nobody_reads_the_room_before_their_own_position():
    scenario, usage = new_dialogue()
    a, b, c, d = people(4)
    for person, option in ((a, "a"), (b, "b"), (c, "a")):
        assert Participant(person).post(usage, "take_position", position(option, f"reden van {person}")).status_code == 200
    late = Participant(d)
    refused = late.get(usage, "room")
    assert refused.status_code == 409 and code(refused) == "position_first"
    assert b"reden van" not in refused.content
    page = late.page(scenario).content.decode()
    assert "reden van" not in page and "dialogue-position-form" in page
    for handler, body in (("respond", {"to": "0" * 32, "understand": "x", "question": "y"}),
                          ("revote", {"option": "a", "reason": ""}), ("deliberate", {"judgement": "x"}),
                          ("reflect", {"values": {"keys": [], "own": []}, "changed": "x"})):
        answer = late.post(usage, handler, body)
        assert answer.status_code == 409 and code(answer) == "position_first", handler
    # The page marked the first view; the refused requests stored nothing.
    assert [row[1].get("kind") for row in stored(d)] == ["seen"]


def test_the_spread_opens_at_the_threshold_and_equals_the_votes():
    _scenario, usage = new_dialogue(min_positions=3)
    a, b, c = people(3)
    first = Participant(a).post(usage, "take_position", position("a", "A1")).json()
    assert first["revealed"] is False and first["waiting"] is True and first["positions"] == 1
    assert "distribution" not in first and "reasons" not in first
    second = Participant(b).post(usage, "take_position", position("b", "B1")).json()
    assert second["revealed"] is False and "A1" not in json.dumps(second)
    assert "B1" not in json.dumps(Participant(a).get(usage, "room").json())
    third = Participant(c).post(usage, "take_position", position("a", "A2")).json()
    assert third["revealed"] is True
    assert {d["key"]: d["first"] for d in third["distribution"]} == {"a": 2, "b": 1, "c": 0}
    texts = {r["key"]: sorted(i["text"] for i in r["items"]) for r in third["reasons"]}
    assert texts == {"a": ["A1", "A2"], "b": ["B1"], "c": []}
    # the first participant now sees it too
    assert Participant(a).get(usage, "room").json()["revealed"] is True


def test_bad_input_is_refused_and_changes_nothing():
    _scenario, usage = new_dialogue()
    a = people(1)[0]
    me = Participant(a)
    before = stored(a)
    for body, expected in ((position("z", "reden"), "unknown_option"), (position("a", "   "), "empty_answer"),
                           (position("a", "r", {"keys": ["v99"], "own": []}), "unknown_value"),
                           ({"option": "a"}, "invalid"), ({"option": "a", "reason": 5}, "invalid"),
                           (position("a", "x" * 1501), "invalid")):
        answer = me.post(usage, "take_position", body)
        assert answer.status_code == 400 and code(answer) == expected, (body, answer.content)
    assert stored(a) == before
    assert me.post(usage, "take_position", position("a", "goed")).status_code == 200
    again = me.post(usage, "take_position", position("b", "toch anders"))
    assert again.status_code == 409 and code(again) == "already_positioned"
    assert [row[1]["option"] for row in stored(a) if row[1].get("kind") == "position"] == ["a"]


def test_a_participant_can_only_vote_as_themselves():
    """The handler takes no participant id: a body naming someone else is refused whole."""
    _scenario, usage = new_dialogue()
    a, b = people(2)
    crafted = Participant(a).post(usage, "take_position", {**position("a", "x"),
                                                           "student": platform.workbench_anonymous_id(b)})
    assert crafted.status_code == 400 and code(crafted) == "invalid"
    assert stored(b) == [] and [r for r in stored(a) if r[1].get("kind") == "position"] == []


def test_respond_to_another_option_and_the_author_sees_it():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    Participant(a).post(usage, "take_position", position("a", "mijn reden A"))
    Participant(b).post(usage, "take_position", position("b", "mijn reden B"))
    room = Participant(c).post(usage, "take_position", position("a", "nog een A")).json()
    reasons = {r["key"]: r["items"] for r in room["reasons"]}
    same = next(i for i in reasons["a"] if not i["is_you"])
    other = reasons["b"][0]
    assert same["can_respond"] is False and other["can_respond"] is True
    refused = Participant(c).post(usage, "respond", {"to": same["rid"], "understand": "u", "question": "q"})
    assert refused.status_code == 409 and code(refused) == "same_option"
    unknown = Participant(c).post(usage, "respond", {"to": uuid.uuid4().hex, "understand": "u", "question": "q"})
    assert unknown.status_code == 404 and code(unknown) == "no_such_reason"
    empty = Participant(c).post(usage, "respond", {"to": other["rid"], "understand": " ", "question": "q"})
    assert empty.status_code == 400 and code(empty) == "empty_answer"
    sent = Participant(c).post(usage, "respond", {"to": other["rid"], "understand": "Je wilt gelijkheid",
                                                  "question": "Wat als het je buurvrouw was?"})
    assert sent.status_code == 200
    twice = Participant(c).post(usage, "respond", {"to": other["rid"], "understand": "u", "question": "q"})
    assert twice.status_code == 409 and code(twice) == "already_responded"
    seen_by_b = Participant(b).get(usage, "room").json()["responses_to_me"]
    assert seen_by_b == [{"understand": "Je wilt gelijkheid", "question": "Wat als het je buurvrouw was?", "name": "",
                          "by_mentor": False}]
    assert Participant(a).get(usage, "room").json()["responses_to_me"] == []


def test_revote_moves_own_and_group_and_the_minority_is_asked():
    # The minority's question belongs to a decision the group takes together (issue 22).
    _scenario, usage = new_dialogue(extra='purpose="decision" step_minority="true"')
    a, b, c, d = people(4)
    for person, option in ((a, "a"), (b, "a"), (c, "b"), (d, "c")):
        Participant(person).post(usage, "take_position", position(option, f"r {person}"))
    moved = written(Participant(d), usage, "revote", {"option": "a", "reason": "overtuigd door A"})
    assert moved["my"]["movement"] == {"from": "Consult first", "to": "Yes", "moved": True, "points": None}
    assert {x["key"]: (x["first"], x["final"]) for x in moved["distribution"]} == {
        "a": (2, 3), "b": (1, 1), "c": (1, 0)}
    assert moved["moved"] == 1 and moved["revotes"] == 1
    twice = Participant(d).post(usage, "revote", {"option": "b"})
    assert twice.status_code == 409 and code(twice) == "already_revoted"
    # the majority may not answer the minority's question; the minority re-votes first
    assert code(Participant(c).post(usage, "share_need", {"text": "x"})) == "revote_first"
    stays = written(Participant(c), usage, "revote", {"option": "b"})
    assert stays["i_am_minority"] is True and stays["can_share_need"] is True
    Participant(a).post(usage, "revote", {"option": "a"})
    refused = Participant(a).post(usage, "share_need", {"text": "niets"})
    assert refused.status_code == 409 and code(refused) == "not_minority"
    shared = Participant(c).post(usage, "share_need", {"text": "Een evaluatie na drie maanden"})
    assert shared.status_code == 200
    assert [n["text"] for n in Participant(a).get(usage, "room").json()["needs"]] == ["Een evaluatie na drie maanden"]


def test_groups_never_see_each_other():
    scenario, usage = new_dialogue(scope="group", min_positions=2, set_name=f"s{uuid.uuid4().hex[:6]}")
    a1, a2, b1, b2, outsider = people(5)
    for person in (a1, a2, b1, b2, outsider):
        visit(scenario, person)
    arrange(usage, {"A": [a1, a2], "B": [b1, b2]})
    Participant(a1).post(usage, "take_position", position("a", "ALPHA-SECRET-1"))
    Participant(a2).post(usage, "take_position", position("b", "ALPHA-SECRET-2"))
    Participant(b1).post(usage, "take_position", position("a", "BRAVO-1"))
    room_b = Participant(b2).post(usage, "take_position", position("b", "BRAVO-2"))
    assert room_b.status_code == 200 and room_b.json()["revealed"] is True
    assert b"ALPHA" not in room_b.content
    assert {d["key"]: d["first"] for d in room_b.json()["distribution"]} == {"a": 1, "b": 1, "c": 0}
    alpha_rid = next(r for r in Participant(a1).get(usage, "room").json()["reasons"] if r["key"] == "b")["items"][0]["rid"]
    crafted = Participant(b1).post(usage, "respond", {"to": alpha_rid, "understand": "u", "question": "q"})
    assert crafted.status_code == 404 and b"ALPHA" not in crafted.content
    assert b"ALPHA" not in Participant(b2).page(scenario).content
    nobody = Participant(outsider).post(usage, "take_position", position("a", "x"))
    assert nobody.status_code == 409 and code(nobody) == "no_group"
    assert "dialogue-no-group" in Participant(outsider).page(scenario).content.decode()
    # staff see every group in the live view, and one group on its own
    live = Participant("staff_groups").get(usage, "live").json()
    assert live["positions"] == 4 and {g["name"]: g["positions"] for g in live["groups"]} == {"A": 2, "B": 2}
    group_a = next(g["id"] for g in live["groups"] if g["name"] == "A")
    only_a = Participant("staff_groups").get(usage, "live", f"group={group_a}").json()
    assert only_a["positions"] == 2 and "BRAVO" not in json.dumps(only_a)


def test_anonymity_no_ids_names_or_order_leak():
    scenario, usage = new_dialogue()
    names = people(4)
    for index, person in enumerate(names):
        Participant(person).post(usage, "take_position", position("ab"[index % 2], f"reden {index}"))
    for person in names:
        for body in (Participant(person).get(usage, "room").content.decode(),
                     Participant(person).page(scenario).content.decode()):
            for other in names:
                if other != person:
                    assert other not in body and platform.workbench_anonymous_id(other) not in body
    for group in Participant(names[0]).get(usage, "room").json()["reasons"]:
        ids = [i["rid"] for i in group["items"]]
        assert ids == sorted(ids)  # ordered by the random id, not by time
        assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_named_mode_shows_names_only_for_reasons_written_named():
    _scenario, usage = new_dialogue(extra='anonymous="false"')
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, f"reden {person}"))
    seen = Participant(a).get(usage, "room").json()
    named = [i["name"] for r in seen["reasons"] for i in r["items"] if not i["is_you"]]
    assert sorted(named) == sorted([b, c])  # the workbench's display name is the student id


def test_staff_only_handlers_refuse_participants():
    _scenario, usage = new_dialogue()
    learner = Participant(people(1)[0])
    for handler, body in (("live", None), ("export_csv", None), ("new_round", {"round": 1}),
                          ("hide_reason", {"rid": "0" * 32, "hidden": True})):
        answer = learner.get(usage, handler) if body is None else learner.post(usage, handler, body)
        assert answer.status_code == 403 and code(answer) == "staff_only", handler


def test_a_new_round_keeps_the_earlier_one():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, f"ronde 1 {person}"))
    staff = Participant("staff_rounds")
    started = staff.post(usage, "new_round", {"round": 1})
    assert started.status_code == 200 and started.json()["round"] == 2 and started.json()["positions"] == 0
    stale = Participant("staff_other").post(usage, "new_round", {"round": 1})
    assert stale.status_code == 409 and code(stale) == "stale_round"
    # everyone starts again; the earlier round stays whole for staff
    assert code(Participant(a).get(usage, "room")) == "position_first"
    assert Participant(a).post(usage, "take_position", position("c", "ronde 2")).status_code == 200
    earlier = staff.get(usage, "live", "round=1").json()
    assert {d["key"]: d["first"] for d in earlier["distribution"]} == {"a": 1, "b": 2, "c": 0}
    assert staff.get(usage, "live").json()["positions"] == 1
    rounds = [row[1]["round"] for row in stored(a) if row[1].get("kind") == "position"]
    assert rounds == [1, 2]
    csv = staff.get(usage, "export_csv", "format=en").content.decode("utf-8-sig")
    assert "ronde 1" in csv and "ronde 2" in csv


def test_hidden_reasons_disappear_for_participants_and_stay_for_staff():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    Participant(a).post(usage, "take_position", position("a", "ONGEPAST"))
    Participant(b).post(usage, "take_position", position("b", "netjes"))
    room = Participant(c).post(usage, "take_position", position("b", "ook netjes")).json()
    rid = next(i["rid"] for r in room["reasons"] for i in r["items"] if i["text"] == "ONGEPAST")
    staff = Participant("staff_mod")
    hidden = staff.post(usage, "hide_reason", {"rid": rid, "hidden": True, "reason": "persoonlijk"})
    assert hidden.status_code == 200
    assert "ONGEPAST" not in Participant(c).get(usage, "room").content.decode()
    assert code(Participant(c).post(usage, "respond", {"to": rid, "understand": "u", "question": "q"})) == \
        "no_such_reason"
    live = staff.get(usage, "live").json()
    marked = [i for r in live["reasons"] for i in r["items"] if i["text"] == "ONGEPAST"]
    assert marked and marked[0]["hidden"] is True
    assert "ONGEPAST" in staff.get(usage, "export_csv").content.decode("utf-8-sig")
    staff.post(usage, "hide_reason", {"rid": rid, "hidden": False})
    assert "ONGEPAST" in Participant(c).get(usage, "room").content.decode()
    assert code(staff.post(usage, "hide_reason", {"rid": uuid.uuid4().hex, "hidden": True})) == "no_such_reason"


def test_reflection_is_private_and_counted_for_the_facilitator():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, "r", {"keys": ["v1"], "own": ["Moed"]}))
    body = {"values": {"keys": ["v2"], "own": []}, "changed": "PRIVE-TEKST", "listening": "empathic", "note": ""}
    assert Participant(a).post(usage, "reflect", body).status_code == 200
    assert Participant(a).post(usage, "reflect", {**body, "listening": "generative"}).status_code == 200
    assert "PRIVE-TEKST" not in Participant(b).get(usage, "room").content.decode()
    live = Participant("staff_refl").get(usage, "live").json()
    assert {x["key"]: x["count"] for x in live["listening"]}["generative"] == 1
    assert {x["key"]: x["count"] for x in live["listening"]}["empathic"] == 0
    assert {v["label"]: v["count"] for v in live["values"]} == {"legal certainty": 3, "equality": 1}
    assert live["own_values"] == [{"label": "moed", "count": 3}] and live["counts_checked"] is True
    empty = Participant(b).post(usage, "reflect", {"values": {"keys": [], "own": []}, "changed": " "})
    assert empty.status_code == 400 and code(empty) == "empty_answer"


def test_my_data_holds_everything_and_clearing_takes_it_out_of_the_counts():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, f"reden {person}"))
    own = json.loads(Participant(a).get(usage, "my_data").content)["data"]
    assert [r["kind"] for r in own["records"]] == ["position"] and own["records"][0]["reason"] == f"reden {a}"
    block = Participant("staff_clear").block(usage)
    block.clear_student_state(user_id=platform.workbench_anonymous_id(a), course_id=platform.course_id(block),
                              item_id=platform.item_id(block), requesting_user_id="staff")
    live = Participant("staff_clear").get(usage, "live").json()
    assert live["positions"] == 2 and live["counts_checked"] is True
    assert f"reden {a}" not in Participant(b).get(usage, "room").content.decode()
    assert code(Participant(a).get(usage, "room")) == "position_first"


def test_studio_names_every_problem_and_keeps_the_old_settings():
    _scenario, usage = new_dialogue()
    author = Participant("staff_author_dlg", path="studio")
    refused = author.post(usage, "submit_studio_edits", {"values": {
        "options_nl": "Ja", "options_en": "Yes\nNo\nMaybe", "min_positions": 1, "step_reveal": False,
        "values_nl": "gelijkheid\nGelijkheid"}, "defaults": []})
    assert refused.status_code == 400 and code(refused) == "invalid_settings"
    paths = {m["path"] for m in refused.json()["error"]["messages"]}
    assert {"options_en", "min_positions", "step_reveal", "values_nl"} <= paths
    block = author.block(usage)
    assert block.options_nl == "Ja\nNee\nEerst overleggen" and block.min_positions == 3
    ok = author.post(usage, "submit_studio_edits", {"values": {"kind": "scale", "min_positions": 4,
                                                               "question_nl": "Stelling: regels geven houvast."},
                                                    "defaults": []})
    assert ok.status_code == 200, ok.content
    assert author.block(usage).kind == "scale"


def test_a_statement_on_the_scale_in_dutch_shows_how_far_one_moved():
    _scenario, usage = new_dialogue(extra='kind="scale" question_nl="Stelling: vertrouwen geef je vooraf."')
    a, b, c = (Participant(p, language="nl") for p in people(3))
    for person, option in ((a, "2"), (b, "4"), (c, "5")):
        assert person.post(usage, "take_position", position(option, "reden")).status_code == 200
    labels = [d["label"] for d in a.get(usage, "room").json()["distribution"]]
    assert labels == ["Helemaal oneens", "Oneens", "Niet eens, niet oneens", "Eens", "Helemaal eens"]
    moved = written(a, usage, "revote", {"option": "4", "reason": "De ander overtuigde me."})
    assert moved["my"]["movement"]["points"] == 2 and moved["my"]["movement"]["moved"] is True
    assert "Je koos eerst" in moved["html"]
    assert code(a.post(usage, "take_position", position("9", "x"))) == "already_positioned"


def test_an_incomplete_exercise_says_so_and_refuses_positions():
    scenario, usage = new_dialogue(min_positions=1)   # as an OLX import could bring it
    learner = Participant(people(1)[0])
    assert "This exercise is not set up completely yet." in learner.page(scenario).content.decode()
    refused = learner.post(usage, "take_position", position("a", "x"))
    assert refused.status_code == 409 and code(refused) == "dilemma_not_ready"
    staff_page = Participant("staff_notready").page(scenario).content.decode()
    assert "min_positions" in staff_page


def test_a_misconfigured_exercise_refuses_every_participant_write_that_reads_it():
    """Each write checks the settings it reads (exercise.write_problems) before anything else:
    the minority's question without the re-vote refuses every write that shows or asks it
    (the others: tests/workbench/test_dialogue_write_regions.py)."""
    _scenario, usage = new_dialogue(extra='step_revote="false" purpose="decision" step_minority="true"')
    learner = Participant(people(1)[0])
    for handler, body in (("take_position", position("a", "x")), ("revote", {"option": "b"}),
                          ("share_need", {"text": "x"}), ("flag_reason", {"rid": "0" * 32})):
        refused = learner.post(usage, handler, body)
        assert refused.status_code == 409 and code(refused) == "dilemma_not_ready", handler
    assert json.loads(learner.get(usage, "my_data").content)["data"]["records"] == []


def test_steps_the_author_switched_off_are_refused():
    _scenario, usage = new_dialogue(extra='step_respond="false" step_minority="false" step_reflection="false"')
    a, b, c = people(3)
    for person, option in ((a, "a"), (b, "b"), (c, "b")):
        Participant(person).post(usage, "take_position", position(option, "r"))
    room = Participant(a).get(usage, "room").json()
    assert room["can_respond"] is False and "Respond to this reason" not in room["html"]
    for handler, body in (("respond", {"to": "0" * 32, "understand": "u", "question": "q"}),
                          ("share_need", {"text": "x"}),
                          ("reflect", {"values": {"keys": [], "own": []}, "changed": "x"})):
        answer = Participant(a).post(usage, handler, body)
        assert answer.status_code == 409 and code(answer) == "step_not_used", handler
    assert Participant(a).post(usage, "revote", {"option": "b"}).status_code == 200


def test_the_instructor_report_lists_each_participants_latest_position():
    from types import SimpleNamespace
    _scenario, usage = new_dialogue()
    a = people(1)[0]
    Participant(a).post(usage, "take_position", position("b", "Mijn reden"))
    block = Participant(a).block(usage)
    states = [SimpleNamespace(username="anna", state={"report_copy": dict(block.report_copy)}),
              SimpleNamespace(username="nobody", state={})]
    rows = list(Participant("staff_report").block(usage).generate_report_data(iter(states)))
    assert rows == [("anna", {"round": 1, "position": "No", "reason": "Mijn reden", "re-vote": ""})]


def test_the_instructor_report_keeps_the_position_beside_the_revote():
    from types import SimpleNamespace
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    for person, option in ((a, "b"), (b, "a"), (c, "a")):
        Participant(person).post(usage, "take_position", position(option, f"Reden {person}"))
    assert Participant(a).post(usage, "revote", {"option": "a", "reason": ""}).status_code == 200
    block = Participant(a).block(usage)
    assert block.report_copy == {"round": 1, "position": "b", "reason": f"Reden {a}", "revote": "a"}
    rows = list(Participant("staff_report2").block(usage).generate_report_data(
        iter([SimpleNamespace(username="anna", state={"report_copy": dict(block.report_copy)})])))
    assert rows == [("anna", {"round": 1, "position": "No", "reason": f"Reden {a}", "re-vote": "Yes"})]


def test_a_participant_asks_the_facilitator_to_look_at_a_reason():
    _scenario, usage = new_dialogue()
    a, b, c = people(3)
    Participant(a).post(usage, "take_position", position("a", "GRENSGEVAL"))
    Participant(b).post(usage, "take_position", position("b", "gewoon"))
    room = Participant(c).post(usage, "take_position", position("b", "ook gewoon")).json()
    rid = next(i["rid"] for r in room["reasons"] for i in r["items"] if i["text"] == "GRENSGEVAL")
    own = next(i["rid"] for r in room["reasons"] for i in r["items"] if i["is_you"])
    flagged = written(Participant(c), usage, "flag_reason", {"rid": rid, "reason": "persoonlijk"})
    assert next(i for r in flagged["reasons"] for i in r["items"] if i["rid"] == rid)["flagged"] is True
    assert Participant(c).post(usage, "flag_reason", {"rid": rid}).status_code == 200   # once per person
    assert code(Participant(c).post(usage, "flag_reason", {"rid": own})) == "no_such_reason"
    assert code(Participant(c).post(usage, "flag_reason", {"rid": uuid.uuid4().hex})) == "no_such_reason"
    live = Participant("staff_flags").get(usage, "live").json()
    assert next(i for r in live["reasons"] for i in r["items"] if i["rid"] == rid)["flags"] == 1
    assert "reported by 1 participant" in live["html"]
    mine = json.loads(Participant(c).get(usage, "my_data").content)["data"]
    assert [f["reason_id"] for f in mine["flags"]] == [rid]
