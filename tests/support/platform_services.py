"""Fakes of platform services beyond a path's runtime and user service: the
teams configuration and teams services, and the course blocks API's collect
step for the mobile apps. tests/support/platform_fakes.py re-exports them.
Each names, in a "Mirrors" line, the platform file, function and commit it
copies (tests/platform/test_fake_provenance.py checks it).
"""
import json
from types import SimpleNamespace


class TeamsConfiguration:
    """A course's teams configuration: its teamsets and whether teams are on.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 openedx/core/lib/teams_config.py TeamsConfig.is_enabled, TeamsConfig.teamsets
    """

    def __init__(self, data):
        self._data = data

    @property
    def teamsets(self):
        return [SimpleNamespace(teamset_id=t["id"], name=t.get("name") or t["id"])
                for t in self._data.get("team_sets", [])]

    @property
    def is_enabled(self):
        enabled = self._data.get("enabled")
        return bool(self.teamsets) if enabled is None else enabled


class TeamsConfigurationService:
    """The `teams_configuration` service: the course's TeamsConfig.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 xmodule/services.py TeamsConfigurationService.get_teams_configuration
    """

    def __init__(self, data):
        self.configuration = TeamsConfiguration(data)
        self.asked = []

    def get_teams_configuration(self, course_id):
        self.asked.append(course_id)
        return self.configuration


class TeamsService:
    """The `teams` service (LMS only): a team per user, course id string and teamset.

    Mirrors openedx/edx-platform@1212e3550c6e85a775aba1c67e7942b6ea9dcdd9 lms/djangoapps/teams/services.py TeamsService
    """

    def __init__(self, teams=()):
        self.teams = list(teams)  # SimpleNamespace(team_id, name, topic_id, course_id, members=[usernames])

    def get_team(self, user, course_id, topic_id):
        return next((t for t in self.teams if t.topic_id == topic_id and str(t.course_id) == course_id
                     and user is not None and user.username in t.members), None)

    def get_team_names(self, course_id, topic_id):
        return {t.team_id: t.name for t in self.teams if t.topic_id == topic_id and str(t.course_id) == course_id}

    def get_team_by_team_id(self, team_id):
        return next((t for t in self.teams if t.team_id == team_id), None)

    def get_team_detail_url(self, team):
        return f"/courses/{team.course_id}/teams/#teams/{team.topic_id}/{team.team_id}"

    def get_anonymous_user_ids_for_team(self, user, team):
        return sorted(f"anon-{name}-course" for name in team.members)


def student_view_transformer_collect(block):
    """What the mobile course API stores for a block: `student_view_multi_device`
    from the class's `student_view`, and `student_view_data()` called with no
    context when the block has one. The block structure is cached and served as
    JSON, so the data must survive a JSON round trip.

    Mirrors openedx/edx-platform@0c14b3f64c43c50ad3bb74811fed56ee62bbaa21 lms/djangoapps/course_api/blocks/transformers/student_view.py StudentViewTransformer.collect
    """
    student_view = getattr(block.__class__, "student_view", None)
    collected = {"student_view_multi_device": block.has_support(student_view, "multi_device")}
    if getattr(block, "student_view_data", None):
        collected["student_view_data"] = json.loads(json.dumps(block.student_view_data()))
    return collected
