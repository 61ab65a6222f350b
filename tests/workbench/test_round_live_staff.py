"""Staff's live panel in the round's staff view (issue 22): every group's live step and
timer, moved with the round's own handlers naming the group. A move from a step the
panel showed before the group's facilitator moved is refused (409) with the state the
panel then shows."""
import html
import re

from tests.support.feedback_round import arrange, new_round, people, state
from tests.support.workbench import Participant
from tests.workbench.test_round_live_state import code, live, move

STAFF = "staff_live_panel"


def panel_sections(scenario):
    page = Participant(STAFF).page(scenario).content.decode()
    return {html.unescape(m.group(1)): int(m.group(2)) for m in re.finditer(
        r'class="fr-live-staff-group"[^>]*data-group="([^"]+)" data-step="(\d+)"', page)}


def two_groups():
    scenario, usage = new_round(method="incident", round_kind="both")
    north, south = people(3), people(3)
    ids = arrange(usage, {"Noord": north, "Zuid": south})
    view = state(usage, north[0])
    facilitator = next(m["name"] for m in view["members"] if any("facilitator" in r for r in m["roles"]))
    return scenario, usage, ids, north, south, facilitator


def test_the_staff_view_shows_each_groups_live_step():
    scenario, usage, ids, north, _south, facilitator = two_groups()
    assert panel_sections(scenario) == {ids["Noord"]: 0, ids["Zuid"]: 0}
    assert move(facilitator, usage, 0, 2).status_code == 200
    assert panel_sections(scenario) == {ids["Noord"]: 2, ids["Zuid"]: 0}
    # Participants get no panel.
    assert 'class="fr-live-staff' not in Participant(north[1]).page(scenario).content.decode()


def test_staff_move_a_group_from_the_panel_and_a_stale_move_changes_nothing():
    _scenario, usage, ids, north, south, facilitator = two_groups()
    forward = move(STAFF, usage, 0, 1, timer="run", group=ids["Zuid"])
    assert forward.status_code == 200 and (forward.json()["step"], forward.json()["running"]) == (1, True)
    assert live(south[0], usage)["step"] == 1 and live(north[0], usage)["step"] == 0
    # The facilitator of Noord moves while the panel still shows step 0.
    assert move(facilitator, usage, 0, 1).status_code == 200
    stale = move(STAFF, usage, 0, 1, group=ids["Noord"])
    assert stale.status_code == 409 and code(stale) == "stale_step"
    assert stale.json()["error"]["data"]["step"] == 1          # what the panel shows next
    assert live(north[0], usage)["step"] == 1
    back = move(STAFF, usage, 1, 0, timer="pause", group=ids["Zuid"])
    assert back.status_code == 200 and (back.json()["step"], back.json()["running"]) == (0, False)
