"""The live mode is shared per group (issue 22): one member (the round's facilitator)
or staff moves the step and runs the timer, and every member's screen follows by
polling; a poll of a screen that is current costs an 'unchanged'. A move carries the
step it moves from, so a double click or a second tab never skips two steps."""
import json

from benchmarks.cost import query_log
from tests.support.feedback_round import arrange, new_round, people, state
from tests.support.workbench import Participant

STAFF = "staff_live_round"


def code(response):
    return json.loads(response.content)["error"]["code"]


def live(student, usage, query=""):
    response = Participant(student).get(usage, "live_state", query)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def move(student, usage, start, to, timer="keep", group=""):
    body = {"from": start, "to": to, "timer": timer}
    if group:
        body["group"] = group
    return Participant(student).post(usage, "live_move", body)


def a_group(method="incident", n=3):
    scenario, usage = new_round(method=method, round_kind="both")
    group = people(n)
    ids = arrange(usage, {"Noord": group})
    view = state(usage, group[0])
    facilitator = next(m["name"] for m in view["members"] if any("facilitator" in r for r in m["roles"]))
    others = [p for p in group if p != facilitator]
    return usage, ids["Noord"], facilitator, others


def test_the_facilitators_move_is_what_every_member_sees():
    usage, _group, facilitator, others = a_group()
    first = live(others[0], usage)
    assert (first["step"], first["running"], first["can_move"]) == (0, False, False)
    assert live(facilitator, usage)["can_move"] is True
    moved = move(facilitator, usage, 0, 1, timer="run")
    assert moved.status_code == 200, moved.content[:300]
    assert (moved.json()["step"], moved.json()["running"]) == (1, True)
    for member in others:
        seen = live(member, usage)
        assert (seen["step"], seen["running"]) == (1, True)
        assert 0 < seen["left"] <= 5 * 60          # the incident step: 5 minutes
    # The page itself opens at the shared step.
    assert state(usage, others[1])["live"]["step"] == 1


def test_a_stale_move_is_refused_and_skips_nothing():
    usage, _group, facilitator, _others = a_group()
    assert move(facilitator, usage, 0, 1).status_code == 200
    double = move(facilitator, usage, 0, 1)          # the second click of a double click, or a second tab
    assert double.status_code == 409 and code(double) == "stale_step"
    assert live(facilitator, usage)["step"] == 1
    back = move(facilitator, usage, 1, 0)
    assert back.status_code == 200 and back.json()["step"] == 0


def test_only_the_facilitator_or_staff_move_the_step():
    usage, group_id, facilitator, others = a_group()
    refused = move(others[0], usage, 0, 1)
    assert refused.status_code == 403 and code(refused) == "not_facilitator"
    assert live(facilitator, usage)["step"] == 0
    by_staff = move(STAFF, usage, 0, 2, group=group_id)
    assert by_staff.status_code == 200, by_staff.content[:300]
    assert live(others[0], usage)["step"] == 2
    assert live(STAFF, usage, f"group={group_id}")["can_move"] is True
    # A participant naming another group reads nothing of it.
    stranger = people(1)[0]
    arrange(usage, {"Noord": [facilitator] + others, "Zuid": [stranger]})
    assert Participant(stranger).get(usage, "live_state", f"group={group_id}").status_code == 403


def test_the_timer_pauses_and_a_step_out_of_range_is_refused():
    usage, _group, facilitator, others = a_group()
    steps = len(state(usage, facilitator)["steps"])
    assert move(facilitator, usage, 0, 0, timer="run").json()["running"] is True
    paused = move(facilitator, usage, 0, 0, timer="pause").json()
    assert paused["running"] is False and paused["left"] <= 10 * 60
    assert live(others[0], usage)["running"] is False
    beyond = move(facilitator, usage, 0, steps)
    assert beyond.status_code == 400 and code(beyond) == "no_such_step"
    assert live(facilitator, usage)["step"] == 0


def test_a_poll_of_a_current_screen_answers_unchanged():
    usage, _group, facilitator, others = a_group()
    version = live(others[0], usage)["version"]
    assert live(others[0], usage, f"seen={version}") == {"unchanged": True, "version": version}
    move(facilitator, usage, 0, 1)
    after = live(others[0], usage, f"seen={version}")
    assert after.get("unchanged") is not True and after["step"] == 1 and after["version"] != version


def test_each_group_has_its_own_step():
    scenario, usage = new_round(method="incident", round_kind="both")
    north, south = people(3), people(3)
    ids = arrange(usage, {"Noord": north, "Zuid": south})
    assert move(STAFF, usage, 0, 3, group=ids["Noord"]).status_code == 200
    assert live(north[0], usage)["step"] == 3
    assert live(south[0], usage)["step"] == 0


def test_polling_costs_the_same_for_a_larger_course():
    counts = []
    for extra in (0, 30):
        scenario, usage = new_round(method="incident", round_kind="both")
        group, rest = people(3), people(extra)
        arrange(usage, {"Noord": group, **({"Rest": rest} if rest else {})})
        version = live(group[0], usage)["version"]
        with query_log() as captured:
            assert live(group[0], usage, f"seen={version}")["unchanged"] is True
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_a_step_whose_time_is_up_starts_again_with_its_full_time():
    from leergang_xblocks.feedback_round.live import moved, shown
    steps = [{"minutes": 5}, {"minutes": 10}]
    running = moved(None, 0, 0, "run", 300, now=1000.0)
    assert shown(running, steps, now=1100.0)["left"] == 200
    assert shown(running, steps, now=1400.0) == {"step": 0, "running": False, "left": 0, "version": 1}
    again = moved(running, 0, 0, "run", 300, now=1400.0)
    assert shown(again, steps, now=1400.0)["left"] == 300 and shown(again, steps, now=1400.0)["running"]
    paused = moved(again, 0, 0, "pause", 300, now=1450.0)
    assert shown(paused, steps, now=9999.0)["left"] == 250
    assert moved(paused, 0, 0, "keep", 300, now=1500.0) is None
