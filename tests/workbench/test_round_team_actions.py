"""One action list with a team case, and rounds without a case (issue 22).

Where the case tracker runs in team mode (a group shares one case), a feedback round
of that group shows the team case's open actions, lets every member follow them up,
and puts the actions agreed in the round into the team case with a due date. Where
a round has no case to link to (a course without a case tracker, a mixed group that
is no team), it opens by following up the actions its group agreed in earlier rounds
of the course; the group sees that follow-up as it would see case actions."""
import json
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.cost import query_log
from tests.support.case import SESSIONS
from tests.support.groups import arrange
from tests.support.regions import assert_answer_matches_page
from tests.support.workbench import Participant


def code(response):
    return json.loads(response.content)["error"]["code"]


def people(n):
    tag = uuid.uuid4().hex[:5]
    return [f"rt{tag}_{i}" for i in range(n)]


def team_course():
    """A team case tracker (key "gemeente") and a round on the same group set, the
    round naming no case key; returns (case usage, round usage)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"roundteam.{tag}"
    get_scenarios()
    xml = ('<vertical_demo>'
           '<leergang_case group_set_name="tc" case_mode="team" case_key="gemeente">'
           '<option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">'
           f'{SESSIONS}</option:sessions_yaml></leergang_case>'
           '<leergang_feedback_round group_set_name="tc" round_kind="both"/>'
           '</vertical_demo>')
    add_xml_scenario(scenario, f"round and team case {tag}", xml)
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    case, round_ = (str(child) for child in root.children)
    return case, round_


def rounds_course(numbers=(1, 2), sets=None):
    """Feedback rounds (numbered, on group set "rr" unless `sets` names one per round) in
    one course without a case tracker; returns their usages."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"roundsonly.{tag}"
    get_scenarios()
    sets = sets or ["rr"] * len(numbers)
    xml = "<vertical_demo>" + "".join(
        f'<leergang_feedback_round group_set_name="{set_name}" round_kind="both" round_number="{n}" '
        f'display_name="Ronde {n}"/>' for n, set_name in zip(numbers, sets)) + "</vertical_demo>"
    add_xml_scenario(scenario, f"rounds {tag}", xml)
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    return [str(child) for child in root.children]


def state(student, usage):
    response = Participant(student).get(usage, "round_state")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_team_members_round_shows_and_follows_up_the_team_cases_actions():
    case, usage = team_course()
    anna, bram, zoe = people(3)
    arrange(case, {"Noord": [anna, bram], "Zuid": [zoe]})
    assert Participant(anna).post(case, "save_case", {"fields": {"title": "Ons traject"}}).status_code == 200
    entry = {"session": 1, "parts": {}, "reflection": {"action": "Begonnen"},
             "actions": [{"text": "Raad informeren", "due": "2099-01-15"}], "carried": {}, "seen": 0}
    assert Participant(anna).post(case, "log_entry", entry).status_code == 200
    # Bram never wrote in the case: the round finds his team's case all the same.
    mine = state(bram, usage)["case_actions"]
    assert mine["linked"] is True and mine["team"] is True
    assert [(a["text"], a["due"]) for a in mine["open"]] == [("Raad informeren", "2099-01-15")]
    assert "Raad informeren" not in json.dumps(state(zoe, usage))
    # The notice says who reads them: the team itself, whatever a member's share choice.
    assert 'data-readers="staff mentor group"' in state(bram, usage)["html"]
    done = Participant(bram).post(usage, "follow_up_action", {"action": mine["open"][0]["id"], "status": "done",
                                                              "note": "Gedaan in de raadscommissie"})
    assert done.status_code == 200, done.content[:300]
    assert state(anna, usage)["case_actions"]["open"] == []
    assert "case-action-done" in Participant(anna).get(case, "case_view").json()["html"]


def test_actions_agreed_in_a_team_round_land_in_the_team_case_with_a_date():
    case, usage = team_course()
    anna, bram = people(2)
    arrange(case, {"Noord": [anna, bram]})
    assert Participant(anna).post(case, "save_case", {"fields": {"title": "Ons traject"}}).status_code == 200
    seen = state(bram, usage)["case_actions"]["seen"]
    saved = Participant(bram).post(usage, "save_actions", {"actions": [{"text": "Werksessie plannen",
                                                                         "due": "2099-03-01"}], "seen": seen})
    assert saved.status_code == 200, saved.content[:300]
    assert state(bram, usage)["case_actions"]["team"] is True
    assert_answer_matches_page(saved.json(), state(bram, usage)["html"])
    case_html = Participant(anna).get(case, "case_view").json()["html"]
    assert "Werksessie plannen" in case_html and "1 March 2099" in case_html
    assert [a["text"] for a in state(anna, usage)["case_actions"]["open"]] == ["Werksessie plannen"]
    # The same save from a page that had not seen the first: refused, nothing doubled.
    again = Participant(bram).post(usage, "save_actions", {"actions": [{"text": "Werksessie plannen",
                                                                         "due": "2099-03-01"}], "seen": seen})
    assert again.status_code == 409 and code(again) == "stale_actions"
    # A teammate's save in between does not make Bram's page stale: `seen` counts his own saves.
    other = Participant(anna).post(usage, "save_actions", {"actions": [{"text": "Notitie", "due": "2099-03-02"}],
                                                            "seen": state(anna, usage)["case_actions"]["seen"]})
    assert other.status_code == 200, other.content[:300]
    assert state(bram, usage)["case_actions"]["seen"] == 1
    html = Participant(anna).get(case, "case_view").json()["html"]
    assert html.count('<span class="case-action-text">Werksessie plannen</span>') == 1


def test_a_round_without_a_case_opens_with_its_groups_earlier_actions():
    first, second = rounds_course((1, 2))
    anna, bram, zoe = people(3)
    arrange(first, {"Noord": [anna, bram], "Zuid": [zoe]})   # one group set: the rounds share the groups
    assert Participant(anna).post(first, "save_actions", {"actions": [
        {"text": "Wijkteam bezoeken", "due": "2099-02-01"}, {"text": "Collega bellen", "due": "2099-02-02"}]}
    ).status_code == 200
    assert Participant(zoe).post(first, "save_actions", {"actions": [{"text": "Zuidactie", "due": "2099-02-01"}]}
                                 ).status_code == 200
    # The first round has nothing earlier to follow up.
    assert state(anna, first)["case_actions"]["earlier"] == []
    mine = state(anna, second)["case_actions"]
    assert mine["linked"] is False
    (own,) = [m for m in mine["earlier"] if m["is_you"]]
    assert [(a["text"], a["status"], a["origin_name"]) for a in own["actions"]] == [
        ("Wijkteam bezoeken", "open", "Ronde 1"), ("Collega bellen", "open", "Ronde 1")]
    # The group sees them; another group does not.
    assert "Wijkteam bezoeken" in json.dumps(state(bram, second)["case_actions"])
    assert "Wijkteam bezoeken" not in json.dumps(state(zoe, second))
    first_id = own["actions"][0]["id"]
    done = Participant(anna).post(second, "follow_up_action", {"action": first_id, "status": "done",
                                                               "note": "Goed gesprek"})
    assert done.status_code == 200, done.content[:300]
    dropped = Participant(anna).post(second, "follow_up_action", {"action": own["actions"][1]["id"],
                                                                  "status": "dropped"})
    assert dropped.status_code == 200
    seen_by_bram = next(m for m in state(bram, second)["case_actions"]["earlier"] if not m["is_you"])
    assert [(a["text"], a["status"], a["note"]) for a in seen_by_bram["actions"]] == [
        ("Wijkteam bezoeken", "done", "Goed gesprek"), ("Collega bellen", "dropped", "")]
    assert all("id" not in a for a in seen_by_bram["actions"])   # only the owner follows them up
    # Only the owner's own actions: Bram cannot set Anna's, the round refuses an unknown id.
    refused = Participant(bram).post(second, "follow_up_action", {"action": first_id, "status": "open"})
    assert refused.status_code == 404 and code(refused) == "no_such_action"
    assert "Gedaan" not in json.dumps(state(anna, second))
    # The participant's data download holds what they put on the group's list.
    download = json.dumps(Participant(anna).get(second, "my_data").json())
    assert "Wijkteam bezoeken" in download and "Goed gesprek" in download
    # The round that agreed them does not follow them up itself.
    assert Participant(anna).post(first, "follow_up_action", {"action": first_id, "status": "open"}
                                  ).status_code == 404


def test_only_earlier_rounds_are_followed_up_and_a_later_save_replaces_the_list():
    first, second, third = rounds_course((1, 2, 3))
    anna, bram = people(2)
    arrange(first, {"Noord": [anna, bram]})
    for text in ("Oud plan", "Nieuw plan"):
        assert Participant(anna).post(first, "save_actions", {"actions": [{"text": text, "due": "2099-02-01"}]}
                                      ).status_code == 200
    assert Participant(anna).post(third, "save_actions", {"actions": [{"text": "Later", "due": "2099-05-01"}]}
                                  ).status_code == 200
    texts = [a["text"] for m in state(anna, second)["case_actions"]["earlier"] for a in m["actions"]]
    assert texts == ["Nieuw plan"]
    # Open actions stay on the list in the rounds after: round 3 still follows up round 1's.
    texts = [a["text"] for m in state(anna, third)["case_actions"]["earlier"] for a in m["actions"]]
    assert texts == ["Nieuw plan"]


def test_another_group_set_is_another_group():
    """A mixed trio (another group set) does not follow up the municipal trio's actions."""
    own_set, mixed = rounds_course((1, 2), sets=["gemeenten", "gemengd"])
    anna, bram = people(2)
    arrange(own_set, {"Noord": [anna, bram]})
    arrange(mixed, {"Gemengd": [anna, bram]})
    assert Participant(anna).post(own_set, "save_actions", {"actions": [{"text": "Eigen", "due": "2099-02-01"}]}
                                  ).status_code == 200
    assert state(anna, mixed)["case_actions"]["earlier"] == []


def test_reading_the_earlier_rounds_costs_the_same_for_a_larger_course():
    counts = []
    for extra in (0, 30):
        first, second = rounds_course((1, 2))
        anna, bram, *others = people(2 + extra)
        groups = {"Noord": [anna, bram], **({"Rest": others} if others else {})}
        arrange(first, groups)
        for student in [anna, bram] + others:
            Participant(student).post(first, "save_actions", {"actions": [{"text": f"Actie {student}",
                                                                            "due": "2099-02-01"}]})
        with query_log() as captured:
            assert Participant(bram).get(second, "round_state").status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_staff_removing_a_participant_from_a_round_also_takes_their_actions_off_the_groups_list():
    """The staff tool says what it removes; what the participant put on the group's list
    between rounds goes too, and another member's list stays."""
    first, second = rounds_course((1, 2))
    anna, bram = people(2)
    staff = Participant("staff_" + uuid.uuid4().hex[:6])
    arrange(first, {"Noord": [anna, bram]})
    for who, text in ((anna, "Wijkteam bezoeken"), (bram, "Raad informeren")):
        assert Participant(who).post(first, "save_actions", {"actions": [{"text": text, "due": "2099-02-01"}]}
                                     ).status_code == 200
    from leergang_xblocks.core import platform
    removed = staff.post(first, "remove_participant_data", {"participant": platform.workbench_anonymous_id(anna)})
    assert removed.status_code == 200, removed.content[:300]
    listed = json.dumps(state(bram, second)["case_actions"])
    assert "Wijkteam bezoeken" not in listed and "Raad informeren" in listed
    assert "Wijkteam bezoeken" not in json.dumps(Participant(anna).get(second, "my_data").json())
