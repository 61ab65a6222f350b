"""The course's teams configuration decides whether a block's teamset is used:
openedx/core/lib/teams_config.py, TeamsConfig.is_enabled (the `enabled` flag,
or, where a course has none, whether it has teamsets), read through the
`teams_configuration` service (xmodule/services.py). A teamset chosen while
teams were on is not used once they are switched off: the block falls back to
its own group set. Fakes: platform_fakes.TeamsConfigurationService, TeamsService.
"""
import pytest

from leergang_xblocks.core import groups, platform
from leergang_xblocks.groups.block import SmallGroupBlock
from tests.support import platform_fakes as fakes

TEAMSETS = [{"id": "gemeenten", "name": "Gemeenten"}]


def group_block(configuration):
    services = {"teams": fakes.TeamsService(),
                "teams_configuration": fakes.TeamsConfigurationService(configuration)}
    block = fakes.block_on(fakes.lms_learner(**services), SmallGroupBlock)
    block.teamset_id = "gemeenten"
    block.group_set_name = "intervisie"
    return block


@pytest.mark.parametrize("configuration, enabled", [
    ({"enabled": True, "team_sets": TEAMSETS}, True),
    ({"team_sets": TEAMSETS}, True),                     # no flag: on when there are teamsets
    ({"enabled": False, "team_sets": TEAMSETS}, False),  # switched off, teamsets kept
    ({"enabled": True, "team_sets": []}, True),
    ({}, False),
])
def test_the_enabled_flag_decides_as_the_platform_does(configuration, enabled):
    block = group_block(configuration)
    assert platform.teams_enabled(block) is enabled
    assert (platform.teams_service(block) is not None) is enabled


def test_a_teamset_chosen_before_teams_were_switched_off_is_not_used():
    block = group_block({"enabled": False, "team_sets": TEAMSETS})
    source = groups.for_block(block)
    assert source.source == groups.SOURCE_GROUP_SET and source.name == "intervisie"
    assert platform.teamsets(block) == []


def test_with_teams_on_the_teamset_is_the_group_source():
    block = group_block({"enabled": True, "team_sets": TEAMSETS})
    assert groups.for_block(block).source == groups.SOURCE_TEAMS
    assert platform.teamsets(block) == [("gemeenten", "Gemeenten")]


def test_without_a_teams_configuration_service_teams_are_not_used():
    block = fakes.block_on(fakes.lms_learner(teams=fakes.TeamsService()), SmallGroupBlock)
    block.teamset_id = "gemeenten"
    assert platform.teams_service(block) is None
    assert groups.for_block(block).source == groups.SOURCE_GROUP_SET
