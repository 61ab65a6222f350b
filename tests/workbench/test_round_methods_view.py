"""A round shows its method's steps with whose turn it is, and a live mode for the
group in the room beside the written round (issue 22)."""
import json

from tests.support.feedback_round import arrange, new_round, people, state
from tests.support.workbench import Participant


def test_an_incident_round_shows_its_steps_and_names_the_case_bringer_where_it_is_their_turn():
    scenario, usage = new_round(method="incident", round_kind="both")
    group = people(4)
    arrange(usage, {"Noord": group})
    view = state(usage, group[0])
    keys = [s["key"] for s in view["steps"]]
    assert keys == ["follow_up", "incident", "information_questions", "what_would_you_do", "choice", "lessons",
                    "actions"]
    bringer = next(m["name"] for m in view["members"] if any("case-bringer" in r for r in m["roles"]))
    incident = next(s for s in view["steps"] if s["key"] == "incident")
    assert incident["turn"] == [bringer]
    assert all(len(m["roles"]) == 1 for m in view["members"])


def test_an_airtime_round_has_no_case_bringer_and_every_member_presents():
    scenario, usage = new_round(method="airtime", round_kind="report_back")
    group = people(3)
    arrange(usage, {"Noord": group})
    view = state(usage, group[0])
    assert "case-bringer" not in json.dumps(view["members"])
    assert sorted(s["presenter"] for s in view["steps"] if s["key"] == "present") == sorted(group)
    assert sum(len(m["roles"]) for m in view["members"]) == 3    # facilitator, timekeeper, note-taker in two places
    assert sum(1 for m in view["members"] if m["roles"]) == 2


def test_the_live_mode_is_on_the_page_beside_the_written_round():
    scenario, usage = new_round(method="incident")
    group = people(3)
    arrange(usage, {"Noord": group})
    page = Participant(group[0]).page(scenario).content.decode()
    assert 'class="fr-live"' in page and "fr-live-toggle" in page and 'role="timer"' in page
    assert page.count('class="fr-live-step"') == len(state(usage, group[0])["steps"])
    assert "fr-update-form" in page      # the written round stays


def test_the_steps_are_in_dutch_for_a_dutch_participant():
    scenario, usage = new_round(method="incident")
    group = people(3)
    arrange(usage, {"Noord": group})
    dutch = Participant(group[0], language="nl").get(usage, "round_state").json()["steps"]
    english = Participant(group[0], language="en").get(usage, "round_state").json()["steps"]
    assert all(nl["title"] != en["title"] and nl["what"] != en["what"] for nl, en in zip(dutch, english))
