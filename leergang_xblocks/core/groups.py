"""Small groups: which group is this participant in, and who else is in it.

A block asks one question, through one small interface:

    group = groups.for_block(self).group_of(identity)   # a Group, or None
    group.name, group.members                            # members: anonymous id + display name

and never knows where the group came from:

- **Open edX teams** (`TeamsSource`), when the block names a teamset and the
  runtime offers the `teams` service (the LMS does). Members are read through
  the platform's services; teams are managed on the course's Teams page.
- **A group set of our own** (`GroupSetSource`), everywhere else: a named set
  per course (say `intervisie`) shared by every block of the course that names
  it, so staff arrange the groups once, from the staff view of any such block.
  Stored in `group_store.py`.

The pure parts (balanced assignment, pasted `username,group` lines) are here
too, so they can be tested at their boundaries without a runtime.
"""
import math
import random
import re
from dataclasses import dataclass, field, replace

from . import platform

SOURCE_TEAMS = "teams"
SOURCE_GROUP_SET = "group_set"
DEFAULT_GROUP_SET = "groepen"
GROUP_SET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
MAX_GROUP_NAME = 80
MIN_GROUP_SIZE, MAX_GROUP_SIZE = 2, 50


@dataclass(frozen=True)
class Member:
    anonymous_id: str
    display_name: str


@dataclass(frozen=True)
class Group:
    """One group as a participant's request sees it.

    `id` is stable across renames ("set:<set>:<key>" or "team:<team id>"):
    group-scoped records hang on it.
    """

    id: str
    name: str
    members: tuple = ()
    source: str = SOURCE_GROUP_SET
    url: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # Mentors: assigned by staff to follow this group (Zet's team mentors). Not
    # members: never counted as participants, never behind. Filled only where a
    # caller asks for them (`source.with_mentors(group)`), as reading them costs a query.
    mentors: tuple = ()

    def has(self, anonymous_id):
        return any(m.anonymous_id == anonymous_id for m in self.members)

    def has_mentor(self, anonymous_id):
        return any(m.anonymous_id == anonymous_id for m in self.mentors)

    @property
    def size(self):
        return len(self.members)

    def labels_for(self, viewer_id, anonymous=False, you="you", member="member %(n)s"):
        """The members as `viewer_id` may see them: display names, or numbered
        labels when a block runs anonymously (the viewer is always 'you')."""
        labels, number = [], 0
        for m in self.members:
            if m.anonymous_id == viewer_id:
                labels.append({"name": you, "is_you": True})
                continue
            number += 1
            labels.append({"name": (member % {"n": number}) if anonymous else m.display_name, "is_you": False})
        return labels


def sorted_members(members):
    return tuple(sorted(members, key=lambda m: (m.display_name.casefold(), m.anonymous_id)))


# --- The interface -------------------------------------------------------------------

def for_block(block):
    """The group source of a block: its teamset when teams are on offer, else its group set."""
    teamset_id = (getattr(block, "teamset_id", "") or "").strip()
    if teamset_id:
        teams = platform.teams_service(block)
        if teams is not None:
            return TeamsSource(block, teams, teamset_id)
    return GroupSetSource(block, getattr(block, "group_set_name", "") or DEFAULT_GROUP_SET)


class _Mentors:
    """Mentors of a source's groups (see mentor_store.py): who follows which group."""

    @property
    def mentor_store(self):
        from .mentor_store import MentorStore  # the stores app's models load after Django settings

        return MentorStore(self.course_id, self.mentor_key)

    def with_mentors(self, group, mentors=None):
        """`group` with its mentors filled in (`mentors`: a MentorVersion read for many
        groups; without it, the group's own mentor rows, one query)."""
        if group is None:
            return None
        source = self.mentor_store if mentors is None else mentors
        return replace(group, mentors=source.mentors_of(group.id))

    def groups_mentored_by(self, identity):
        """The groups `identity` mentors now (with their mentors), in name order:
        a query on the mentor's own index row, then one per group, never the course."""
        if not identity.anonymous_id:
            return []
        group_ids = self.mentor_store.groups_of(identity.anonymous_id)
        if not group_ids:
            return []
        latest = self.mentor_store.latest()
        found = (self.group_for_reader(group_id) for group_id in group_ids)
        return sorted((self.with_mentors(g, latest) for g in found if g is not None),
                      key=lambda g: (g.name.casefold(), g.id))

    def mentored_group(self, identity, group_id):
        """The group `group_id` when `identity` mentors it, else None."""
        if not identity.anonymous_id or group_id not in self.mentor_store.groups_of(identity.anonymous_id):
            return None
        return self.with_mentors(self.group_for_reader(group_id))


class GroupSetSource(_Mentors):
    """Groups from the course's group set of that name (see group_store.py)."""

    source = SOURCE_GROUP_SET
    managed_here = True

    def __init__(self, block, name):
        from .group_store import GroupSetStore  # the stores app's models load after Django settings

        self.block = block
        self.name = name
        self.course_id = platform.course_id(block)
        self.mentor_key = f"set:{name}"
        self.store = GroupSetStore(self.course_id, name)

    @classmethod
    def of_course(cls, course_id, name):
        """The set `name` of a course where no block of it is at hand (another block's read)."""
        from .group_store import GroupSetStore  # noqa: PLC0415 - as in __init__

        source = cls.__new__(cls)
        source.block, source.name, source.course_id = None, name, str(course_id)
        source.mentor_key = f"set:{name}"
        source.store = GroupSetStore(source.course_id, name)
        return source

    def group_of(self, identity):
        if not identity.anonymous_id:
            return None
        return self.store.group_of(identity.anonymous_id)

    def group_by_id(self, group_id):
        """A group of the latest version by id (staff tools), or None."""
        return self.store.latest().group(group_id)

    def group_for_reader(self, group_id):
        """One group by id from its own index row (a mentor's read: one query)."""
        return self.store.group(group_id)

    def all_groups(self):
        return list(self.store.latest().groups)


class TeamsSource(_Mentors):
    """A participant's team in one teamset, read through the platform's services.

    As edx-ora2 does (openassessment/xblock/team_mixin.py): the Django user
    behind the anonymous id from the `user` service's `get_user_by_anonymous_id`,
    the team from `teams.get_team(user, course_id, teamset_id)` (course id as a
    string), the members' anonymous ids from
    `teams.get_anonymous_user_ids_for_team(user, team)`. Reads cost a few queries
    per member, bounded by the team size, never by the course size.
    """

    source = SOURCE_TEAMS
    managed_here = False

    def __init__(self, block, teams, teamset_id):
        self.block = block
        self.teams = teams
        self.teamset_id = teamset_id
        self.course_id = platform.course_id(block)
        self.mentor_key = f"teamset:{teamset_id}"

    def _group(self, team, asking_user):
        ids = self.teams.get_anonymous_user_ids_for_team(asking_user, team) or []
        members = sorted_members(Member(aid, platform.display_name_of(self.block, aid)) for aid in ids)
        try:
            url = self.teams.get_team_detail_url(team) or ""
        except Exception:  # noqa: BLE001 - a missing URL route must not hide the group
            url = ""
        return Group(id=f"team:{team.team_id}", name=team.name, members=members, source=SOURCE_TEAMS, url=url)

    def group_of(self, identity):
        if not identity.anonymous_id:
            return None
        user = platform.django_user_of(self.block, identity.anonymous_id)
        if user is None:
            return None
        team = self.teams.get_team(user, self.course_id, self.teamset_id)
        return self._group(team, user) if team is not None else None

    def group_by_id(self, group_id):
        if not group_id.startswith("team:"):
            return None
        team = self.teams.get_team_by_team_id(group_id[len("team:"):])
        if team is None or getattr(team, "topic_id", self.teamset_id) != self.teamset_id:
            return None
        return self._group(team, platform.current_django_user(self.block))

    def group_for_reader(self, group_id):
        """A team for a mentor. The platform's teams service lets only members and
        course staff read a team's member ids (`get_anonymous_user_ids_for_team`
        raises otherwise, lms/djangoapps/teams/services.py), so a mentor who is
        neither gets the team without its member list: enough to read and write
        the team's records, which hang on the team id."""
        if not group_id.startswith("team:"):
            return None
        team = self.teams.get_team_by_team_id(group_id[len("team:"):])
        if team is None or getattr(team, "topic_id", self.teamset_id) != self.teamset_id:
            return None
        try:
            return self._group(team, platform.current_django_user(self.block))
        except Exception:  # noqa: BLE001 - the platform raises a bare Exception here
            return Group(id=f"team:{team.team_id}", name=team.name, source=SOURCE_TEAMS,
                         extra={"members_hidden": True})

    def all_groups(self):
        """Every team of the teamset with its members (staff: the staff user may read any team)."""
        staff_user = platform.current_django_user(self.block)
        groups = []
        for team_id in sorted(self.teams.get_team_names(self.course_id, self.teamset_id) or {}):
            team = self.teams.get_team_by_team_id(team_id)
            if team is not None:
                groups.append(self._group(team, staff_user))
        return groups


def source_of_group_id(block, course_id, group_id):
    """The source a stored group id (`set:<set>:<key>` or `team:<team id>`) came from,
    for a block that reads another block's group records (the case tracker's team
    case from a feedback round): their access is then decided by the same
    `GroupRecords.visible_group()` as the other block's own. None when the source
    cannot be known here (a team without the platform's teams service)."""
    if group_id.startswith("set:") and group_id.count(":") >= 2:
        return GroupSetSource.of_course(course_id, group_id.split(":")[1])
    if group_id.startswith("team:") and block is not None:
        teams = platform.teams_service(block)
        team = teams.get_team_by_team_id(group_id[len("team:"):]) if teams is not None else None
        if team is not None and getattr(team, "topic_id", None):
            return TeamsSource(block, teams, team.topic_id)
    return None


# --- Balanced assignment ---------------------------------------------------------------

def balanced_sizes(count, size):
    """Group sizes for `count` people in groups of about `size`.

    As many groups as groups of at most `size` need; sizes differ by at most one;
    nobody is alone unless there is only one person (with groups of two and an
    odd count, one group of three instead of someone alone).
    """
    if count <= 0:
        return []
    size = max(MIN_GROUP_SIZE, int(size))
    groups = math.ceil(count / size)
    if groups > 1 and count // groups < 2:
        groups -= 1
    base, extra = divmod(count, groups)
    return [base + 1 if index < extra else base for index in range(groups)]


def assign_balanced(people, size, order="random", rng=None):
    """Split `people` (Members) into balanced groups: a list of lists of Members.

    `order` "name" keeps alphabetical neighbours together; "random" shuffles
    (with `rng`, so tests can fix the seed).
    """
    people = list(people)
    if order == "name":
        people = list(sorted_members(people))
    else:
        people = sorted(people, key=lambda m: m.anonymous_id)  # a fixed start, so a seed repeats
        (rng or random.SystemRandom()).shuffle(people)
    groups, start = [], 0
    for length in balanced_sizes(len(people), size):
        groups.append(people[start:start + length])
        start += length
    return groups


def place_in_smallest(group_sizes, newcomers):
    """Indexes of the groups to place each newcomer in: always the smallest so far
    (the first of equals), so balanced groups stay balanced."""
    sizes = list(group_sizes)
    placed = []
    for _ in newcomers:
        index = min(range(len(sizes)), key=lambda i: (sizes[i], i))
        sizes[index] += 1
        placed.append(index)
    return placed


# --- Pasted `username,group` lines ----------------------------------------------------

@dataclass(frozen=True)
class LineProblem:
    line: int
    code: str        # unknown_user, empty_group, empty_username, duplicate, bad_line, long_group
    value: str = ""
    first_line: int = 0


@dataclass(frozen=True)
class Assignment:
    line: int
    username: str
    anonymous_id: str
    group_name: str


HEADER_WORDS = {("username", "group"), ("gebruikersnaam", "groep"), ("user", "group"), ("naam", "groep")}


def parse_assignment_lines(text, resolve, one_group_each=True):
    """Read `username,group` lines (comma, semicolon or tab; a header line and
    blank lines are skipped). `resolve(username)` gives an anonymous id or None.
    With `one_group_each` False (mentors) a person may be on several lines, once
    per group.

    Returns (assignments, problems): a problem per bad line, so staff can fix
    them all at once; callers save nothing when there is any problem.
    """
    assignments, problems, seen = [], [], {}
    first_content = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip().strip('"').strip() for p in re.split(r"[,;\t]", line)]
        if first_content and len(parts) == 2 and (parts[0].casefold(), parts[1].casefold()) in HEADER_WORDS:
            first_content = False
            continue
        first_content = False
        if len(parts) != 2:
            problems.append(LineProblem(number, "bad_line", line[:60]))
            continue
        username, group_name = parts
        if not username:
            problems.append(LineProblem(number, "empty_username"))
            continue
        if not group_name:
            problems.append(LineProblem(number, "empty_group", username[:60]))
            continue
        if len(group_name) > MAX_GROUP_NAME:
            problems.append(LineProblem(number, "long_group", group_name[:60]))
            continue
        key = username.casefold() if one_group_each else (username.casefold(), group_name.casefold())
        if key in seen:
            problems.append(LineProblem(number, "duplicate", username[:60], seen[key]))
            continue
        seen[key] = number
        anonymous_id = resolve(username)
        if not anonymous_id:
            problems.append(LineProblem(number, "unknown_user", username[:60]))
            continue
        assignments.append(Assignment(number, username, anonymous_id, group_name))
    return assignments, problems
