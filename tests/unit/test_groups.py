"""Small groups in core/: balanced assignment, pasted lines, and the Open edX
teams source through fakes with the platform's signatures."""
import random
from collections import Counter
from types import SimpleNamespace

import pytest

from leergang_xblocks.core import groups
from leergang_xblocks.core.groups import Member, assign_balanced, balanced_sizes, parse_assignment_lines
from leergang_xblocks.core.platform import Identity


def people(n):
    return [Member(f"anon-{i:04d}", f"Deelnemer {i:04d}") for i in range(n)]


@pytest.mark.parametrize("count, size, expected", [
    (1, 4, [1]),                 # one person: alone, unavoidably
    (2, 4, [2]),
    (4, 4, [4]),                 # exactly the group size
    (5, 4, [3, 2]),              # size + 1: two groups, nobody alone
    (7, 3, [3, 2, 2]),
    (100, 4, [4] * 25),
    (3, 2, [3]),                 # groups of two, odd count: a three instead of someone alone
    (5, 2, [3, 2]),
    (0, 4, []),
])
def test_balanced_sizes_at_the_boundaries(count, size, expected):
    assert balanced_sizes(count, size) == expected


@pytest.mark.parametrize("count", range(1, 120))
@pytest.mark.parametrize("size", [2, 3, 4, 5, 8, 12])
def test_sizes_differ_by_at_most_one_and_nobody_is_alone_when_avoidable(count, size):
    sizes = balanced_sizes(count, size)
    assert sum(sizes) == count
    assert max(sizes) - min(sizes) <= 1
    assert count == 1 or min(sizes) >= 2
    assert max(sizes) <= size + 1


@pytest.mark.parametrize("count, size", [(1, 4), (2, 4), (4, 4), (5, 4), (7, 3), (100, 4)])
def test_assignment_places_everyone_exactly_once(count, size):
    everyone = people(count)
    for order in ("random", "name"):
        made = assign_balanced(everyone, size, order, random.Random(7))
        placed = [m for g in made for m in g]
        assert sorted(placed, key=lambda m: m.anonymous_id) == everyone
        assert [len(g) for g in made] == balanced_sizes(count, size)


def test_name_order_keeps_alphabetical_neighbours_together_and_random_mixes():
    named = [Member(f"id{i}", name) for i, name in enumerate(["Zoë", "anna", "Bram", "chris", "Dewi", "emre", "Fleur"])]
    made = assign_balanced(named, 3, "name")
    assert [[m.display_name for m in g] for g in made] == [["anna", "Bram", "chris"], ["Dewi", "emre"], ["Fleur", "Zoë"]]
    first = assign_balanced(people(40), 4, "random", random.Random(1))
    second = assign_balanced(people(40), 4, "random", random.Random(2))
    assert first != second


def test_late_joiners_go_to_the_smallest_groups():
    assert groups.place_in_smallest([3, 2, 3], ["x", "y", "z"]) == [1, 0, 1]


def resolver(known):
    return lambda username: f"anon-{username}" if username in known else None


def test_pasted_lines_with_a_header_semicolons_and_tabs():
    text = "username,group\nanna,Utrecht\nbram;Utrecht\n\n# a comment\nchris\tZwolle\n\"dewi\",\"Zwolle\"\n"
    assignments, problems = parse_assignment_lines(text, resolver({"anna", "bram", "chris", "dewi"}))
    assert problems == []
    assert [(a.username, a.group_name, a.line) for a in assignments] == [
        ("anna", "Utrecht", 2), ("bram", "Utrecht", 3), ("chris", "Zwolle", 6), ("dewi", "Zwolle", 7)]


def test_every_bad_line_gets_its_own_problem():
    text = "anna,Utrecht\nnobody,Utrecht\nbram,\n,Zwolle\nANNA,Zwolle\njust-one-field\na,b,c\nchris," + "x" * 81
    assignments, problems = parse_assignment_lines(text, resolver({"anna", "bram", "chris"}))
    assert [(p.line, p.code) for p in problems] == [
        (2, "unknown_user"), (3, "empty_group"), (4, "empty_username"), (5, "duplicate"),
        (6, "bad_line"), (7, "bad_line"), (8, "long_group")]
    assert problems[3].first_line == 1 and problems[0].value == "nobody"
    assert [a.username for a in assignments] == ["anna"]


# --- Open edX teams, through fakes with exactly the platform's signatures --------------------

class FakeCourseKey:
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


class FakeTeam:
    """The attributes of lms/djangoapps/teams/models.py CourseTeam that blocks read."""

    def __init__(self, team_id, name, topic_id, course_id, members):
        self.team_id, self.name, self.topic_id, self.course_id, self.members = team_id, name, topic_id, course_id, members


class FakeUser:
    def __init__(self, username, full_name, anonymous_id):
        self.username = username
        self.profile = SimpleNamespace(name=full_name)
        self.anonymous_id = anonymous_id


class FakeTeamsService:
    """lms/djangoapps/teams/services.py TeamsService: the same methods and arguments.

    Mirrors openedx/edx-platform@1212e3550c6e85a775aba1c67e7942b6ea9dcdd9 lms/djangoapps/teams/services.py TeamsService
    """

    def __init__(self, teams, calls):
        self.teams = teams
        self.calls = calls

    def get_team(self, user, course_id, topic_id):
        assert isinstance(course_id, str), "the platform parses the course id from a string"
        self.calls.append("get_team")
        return next((t for t in self.teams if t.topic_id == topic_id and str(t.course_id) == course_id
                     and user.username in t.members), None)

    def get_team_names(self, course_id, topic_id):
        return {t.team_id: t.name for t in self.teams if t.topic_id == topic_id and str(t.course_id) == course_id}

    def get_team_by_team_id(self, team_id):
        return next((t for t in self.teams if t.team_id == team_id), None)

    def get_team_detail_url(self, team):
        return f"/courses/{team.course_id}/teams/#teams/{team.topic_id}/{team.team_id}"

    def get_anonymous_user_ids_for_team(self, user, team):
        if user.username not in team.members and user.username != "staff":
            raise Exception("User is not permitted to access team info")  # what the platform raises
        return sorted(f"anon-{name}" for name in team.members)


class FakeUserService:
    """common/djangoapps/xblock_django/user_service.py: the methods the blocks call.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService
    """

    def __init__(self, users, current):
        self.users = {u.anonymous_id: u for u in users}
        self.current = current

    def get_user_by_anonymous_id(self, uid=None):
        return self.users.get(uid or self.current)

    def get_current_user(self):
        return SimpleNamespace(full_name=self.users[self.current].profile.name, opt_attrs={
            "edx-platform.anonymous_user_id": self.current, "edx-platform.username": self.users[self.current].username,
            "edx-platform.user_is_staff": self.current == "anon-staff", "edx-platform.is_authenticated": True})


class FakeTeamsConfigurationService:
    """xmodule/services.py TeamsConfigurationService: get_teams_configuration(course_id).teamsets
    (no `enabled` flag: TeamsConfig.is_enabled is then whether there are teamsets).

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 xmodule/services.py TeamsConfigurationService.get_teams_configuration
    """

    def get_teams_configuration(self, course_id):
        return SimpleNamespace(teamsets=[SimpleNamespace(teamset_id="gemeenten", name="Gemeenten"),
                                         SimpleNamespace(teamset_id="mentoren", name="")])


def fake_block(current="anon-anna", with_teams=True, teamset_id="gemeenten"):
    course = FakeCourseKey("course-v1:VNG+Netwerk+2026")
    names = {"anna": "Anna de Vries", "bram": "Bram Jansen", "chris": "Chris Bakker", "staff": "Ria Staf",
             "mila": "Mila Mentor"}
    users = [FakeUser(u, n, f"anon-{u}") for u, n in names.items()]
    teams = [FakeTeam("utrecht-1", "Gemeente Utrecht", "gemeenten", course, ["anna", "bram"]),
             FakeTeam("zwolle-1", "Gemeente Zwolle", "gemeenten", course, ["chris"])]
    calls = []
    services = {"user": FakeUserService(users, current), "teams_configuration": FakeTeamsConfigurationService()}
    if with_teams:
        services["teams"] = FakeTeamsService(teams, calls)
    runtime = SimpleNamespace(service=lambda block, name: services.get(name))
    usage = SimpleNamespace(course_key=course, __str__=lambda self: "block-v1:x")
    block = SimpleNamespace(runtime=runtime, scope_ids=SimpleNamespace(usage_id=usage),
                            teamset_id=teamset_id, group_set_name="intervisie")
    return block, calls


def identity(name):
    return Identity(anonymous_id=f"anon-{name}", username=name, display_name=name, is_staff=name == "staff")


def test_a_participants_group_is_their_team_with_display_names():
    block, calls = fake_block()
    source = groups.for_block(block)
    assert source.source == groups.SOURCE_TEAMS and not source.managed_here
    group = source.group_of(identity("anna"))
    assert group.id == "team:utrecht-1" and group.name == "Gemeente Utrecht"
    assert [(m.anonymous_id, m.display_name) for m in group.members] == [
        ("anon-anna", "Anna de Vries"), ("anon-bram", "Bram Jansen")]
    assert group.url.endswith("#teams/gemeenten/utrecht-1")
    assert calls == ["get_team"]


def test_no_team_means_no_group():
    block, _ = fake_block(current="anon-staff")
    assert groups.for_block(block).group_of(identity("staff")) is None


def test_staff_see_every_team_of_the_teamset():
    block, _ = fake_block(current="anon-staff")
    teams = groups.for_block(block).all_groups()
    assert [(g.name, g.size) for g in teams] == [("Gemeente Utrecht", 2), ("Gemeente Zwolle", 1)]
    assert groups.for_block(block).group_by_id("team:zwolle-1").name == "Gemeente Zwolle"
    assert groups.for_block(block).group_by_id("set:x:g1") is None


def test_without_the_teams_service_the_group_set_is_used():
    block, _ = fake_block(with_teams=False)
    source = groups.for_block(block)
    assert source.source == groups.SOURCE_GROUP_SET and source.name == "intervisie"
    block, _ = fake_block(teamset_id="")
    assert groups.for_block(block).source == groups.SOURCE_GROUP_SET


def test_the_studio_dropdown_lists_the_course_teamsets():
    from leergang_xblocks.core.group_staff import _teamset_choices
    block, _ = fake_block()
    values = [(c["value"], c["display_name"]) for c in _teamset_choices(block)]
    assert values[0][0] == ""
    assert values[1:] == [("gemeenten", "Gemeenten (gemeenten)"), ("mentoren", "mentoren (mentoren)")]


def test_anonymous_labels_hide_names_but_not_the_viewer():
    group = groups.Group("set:x:g1", "G", (Member("a", "Anna"), Member("b", "Bram"), Member("c", "Chris")))
    assert [label["name"] for label in group.labels_for("b", anonymous=True)] == ["member 1", "you", "member 2"]
    assert [label["name"] for label in group.labels_for("b")] == ["Anna", "you", "Chris"]
    assert Counter(label["is_you"] for label in group.labels_for("b")) == {False: 2, True: 1}


def test_a_mentor_of_a_team_reads_that_team_and_no_other():
    """Teams have no mentor role on the platform: the assignment is ours, keyed by teamset."""
    import uuid

    from leergang_xblocks.core.group_records import GroupRecords
    from leergang_xblocks.core.handlers import HandlerError
    from leergang_xblocks.core.mentor_store import MentorStore

    block, _ = fake_block(current="anon-mila", teamset_id="gemeenten")
    block.scope_ids.usage_id.course_key = FakeCourseKey(f"course-v1:VNG+{uuid.uuid4().hex[:6]}+2026")
    source = groups.for_block(block)
    assert source.groups_mentored_by(identity("mila")) == []
    store = MentorStore(str(block.scope_ids.usage_id.course_key), "teamset:gemeenten")
    store.save(0, {"team:utrecht-1": ["anon-mila"]}, {"anon-mila": "Mila Mentor"}, {"anon-mila": "mila"}, "staff")
    mentored = source.groups_mentored_by(identity("mila"))
    assert [g.name for g in mentored] == ["Gemeente Utrecht"]
    assert mentored[0].has_mentor("anon-mila") and not mentored[0].has("anon-mila")
    # The platform shows a team's members only to members and staff: a mentor gets none.
    assert mentored[0].members == () and mentored[0].extra["members_hidden"]
    records = GroupRecords(block, "test_item", source=source)
    assert records.visible_group(identity("mila")).id == "team:utrecht-1"
    assert records.visible_group(identity("mila"), "team:utrecht-1").has_mentor("anon-mila")
    with pytest.raises(HandlerError) as refused:
        records.visible_group(identity("mila"), "team:zwolle-1")
    assert refused.value.status == 403
