"""The demo as a newcomer meets it (issue 21): every scenario opens, as participant
Anna or Bram, on a block at work, never on "You are not in a group yet"; the
groups come with what their members wrote (demo/demo_groups.py)."""
import re

import pytest
from workbench.scenarios import get_scenarios

from demo import demo_groups, sample_course_index
from tests.support.workbench import Participant

# Each block's "you are in no group" notice, by its class in the templates.
NO_GROUP_MARKERS = ("small-group-none", "fr-no-group", "case-no-team", "dialogue-no-group")


def no_group_notices(html):
    return [marker for marker in NO_GROUP_MARKERS if re.search(rf'class="[^"]*\b{marker}\b', html)]


def test_the_markers_are_the_blocks_own():
    """The check looks for classes the templates really use."""
    from pathlib import Path
    templates = "".join(p.read_text() for p in Path("leergang_xblocks").rglob("templates/*.html"))
    assert all(marker in templates for marker in NO_GROUP_MARKERS)


@pytest.mark.parametrize("student", ["anna", "bram"])
def test_every_scenario_opens_with_the_visitor_in_a_group(student):
    shown = {}
    for scenario_id, _ in sample_course_index.listed_scenarios():
        if not scenario_id.startswith(("leergang_", "sample_course.")):
            continue  # registered by another test or a benchmark in this process, not the demo's
        if scenario_id in demo_groups.STAFF_ARRANGES:
            continue
        response = Participant(student).page(scenario_id)
        assert response.status_code == 200, scenario_id
        notices = no_group_notices(response.content.decode())
        if notices:
            shown[scenario_id] = notices
    assert shown == {}


def test_the_staff_scenarios_are_the_only_ones_left_to_arrange():
    """Those scenarios exist (a renumbering would silently arrange or skip the wrong ones),
    and opened as Anna they do show the notice: nothing arranged them."""
    for scenario_id in demo_groups.STAFF_ARRANGES:
        assert scenario_id in get_scenarios()
        assert no_group_notices(Participant("anna").page(scenario_id).content.decode()), scenario_id


def test_the_groups_come_with_what_their_members_wrote():
    pages = {name: Participant("anna").page(name).content.decode()
             for name in ("leergang_groups.0", "leergang_feedback_round.0", "leergang_feedback_round.1")}
    assert demo_groups.INTRODUCTIONS["bram"] in pages["leergang_groups.0"]
    assert demo_groups.UPDATES["bram"] in pages["leergang_feedback_round.0"]
    assert demo_groups.UPDATES["chris"] in pages["leergang_feedback_round.1"]
    team = Participant("chris").page("leergang_case.1").content.decode()
    assert demo_groups.TEAM_CASE["title"] in team


def test_a_group_dilemma_has_the_others_positions_in():
    """Bram took a position; Anna's own would reach the reveal threshold."""
    bram = Participant("bram").page("leergang_dialogue.1").content.decode()
    assert demo_groups.POSITIONS["bram"] in bram


def test_no_block_refused_the_demo_content():
    """Demo content goes through the blocks' own handlers; a refusal there is logged
    and the demo goes on, so only this test notices content that no longer fits."""
    get_scenarios()
    assert demo_groups.REFUSED == []
