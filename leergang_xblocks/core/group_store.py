"""Where a course's group sets live: the package's own tables (stores/api/groups.py).

- **Versions**: every staff change saves the whole set as a new version. Staff
  read the latest one; two staff saving at once are serialised by the set's
  lock (`stores.api.locks.held(course, "groupset:<name>")`) and the version's
  unique key, and the later one, whose change was made on an older version,
  gets a `VersionConflict` (409) instead of silently overwriting the first.
- **The groups as they are now**: a row per group (its name) and a row per
  member (which group they are in now: once per set and member, a unique key),
  rewritten only for what a save changed, so a member or a mentor reads one
  group with its members' names in one indexed query, without the version that
  lists the whole course.
- **Placements**: with each version, every participant whose group changed gets
  a row (once per version and member): their history, for their own-data
  download.
- **A roster**: a participant who opens a block using the set is recorded once
  (a unique key, not a check), so staff can group people who have shown up.

Names (full name, username) are never in these rows: they are in the
Participant table (stores/api/participants.py), refreshed when a participant
acts, and joined in here for the members a read returns.
"""
from dataclasses import dataclass

from ..stores.api import groups as groups_api
from ..stores.api import participants
from ..stores.api.groups import VersionConflict  # noqa: F401  re-exported: core and blocks catch it here
from .groups import Group, Member, SOURCE_GROUP_SET, sorted_members


@dataclass(frozen=True)
class GroupSetVersion:
    """One saved state of a group set (version 0: nothing saved yet)."""

    set_name: str
    version: int
    groups: tuple          # Groups, in the order staff see them
    names: dict            # anonymous id -> display name, of everyone in the set's groups
    usernames: dict        # anonymous id -> username (staff only)
    next_key: int
    saved_at: object = None

    def group(self, group_id):
        return next((g for g in self.groups if g.id == group_id), None)

    def group_of(self, anonymous_id):
        return next((g for g in self.groups if g.has(anonymous_id)), None)

    def grouped_ids(self):
        return {m.anonymous_id for g in self.groups for m in g.members}

    def as_spec(self):
        """The editable form: [{"key", "name", "members": [anonymous ids]}]."""
        return [{"key": g.extra["key"], "name": g.name, "members": [m.anonymous_id for m in g.members]}
                for g in self.groups]


def group_id(set_name, key):
    return f"set:{set_name}:{key}"


def _group(set_name, key, name, members):
    return Group(id=group_id(set_name, key), name=name, members=sorted_members(members),
                 source=SOURCE_GROUP_SET, extra={"key": key})


class GroupSetStore:
    def __init__(self, course_id, set_name):
        self.course_id = course_id
        self.set_name = set_name

    def _as_group(self, row):
        """A stored group ({"key", "name", "members": [(anonymous id, full name)]}) as a Group."""
        return _group(self.set_name, row["key"], row["name"], [Member(aid, name) for aid, name in row["members"]])

    # --- Reads ------------------------------------------------------------------------

    def latest(self):
        """The newest version with its members' names (staff); version 0 when staff never saved one."""
        data = groups_api.latest(self.course_id, self.set_name)
        ids = [aid for g in data["groups"] for aid in g["members"]]
        known = participants.names(self.course_id, ids) if ids else {}
        names = {aid: full for aid, (_user, full) in known.items()}
        usernames = {aid: user for aid, (user, _full) in known.items()}
        groups = tuple(_group(self.set_name, g["key"], g["name"],
                              [Member(aid, names.get(aid, "")) for aid in g["members"]]) for g in data["groups"])
        return GroupSetVersion(self.set_name, data["version"], groups, names, usernames, data["next_key"],
                               data["saved_at"])

    def group_of(self, anonymous_id):
        """This participant's group with its members' names: one indexed query, the
        same at 20 and at 5,000 participants."""
        row = groups_api.group_of(self.course_id, self.set_name, anonymous_id)
        return self._as_group(row) if row else None

    def group(self, group_id):
        """One group by id as it is now, with its members' names (a mentor's read: one
        indexed query), or None."""
        prefix = f"set:{self.set_name}:"
        if not group_id.startswith(prefix):
            return None
        row = groups_api.group(self.course_id, self.set_name, group_id[len(prefix):])
        return self._as_group(row) if row else None

    def roster(self):
        """Everyone who opened a block using this set: anonymous id -> {display_name, username}.
        Staff only: two queries at any size (the roster, the course's names)."""
        joined = groups_api.roster(self.course_id, self.set_name)
        if not joined:
            return {}
        known = participants.names(self.course_id)
        return {aid: {"display_name": known.get(aid, ("", ""))[1], "username": known.get(aid, ("", ""))[0]}
                for aid in joined}

    def people(self, latest):
        """({anonymous id: display name}, {anonymous id: username}) of everyone on the
        roster or in `latest`'s groups (a version this view read), the version's names
        first. Staff only: the roster's two queries."""
        roster = self.roster()
        names = {**{aid: r.get("display_name") or "" for aid, r in roster.items()}, **latest.names}
        usernames = {**{aid: r.get("username") or "" for aid, r in roster.items()}, **latest.usernames}
        return names, usernames

    def roster_ids(self):
        """Who is on the roster, without their names (one query; staff)."""
        return groups_api.roster_ids(self.course_id, self.set_name)

    def personal_data(self, anonymous_id):
        """Everything this group set keeps about one participant, for their own-data
        download: their roster entry (with their names) and every group they were
        placed in, oldest first (with the version of the group set)."""
        entry = groups_api.roster_entry(self.course_id, self.set_name, anonymous_id)
        if entry is not None:
            person = participants.of(self.course_id, anonymous_id) or {}
            entry = {"display_name": person.get("full_name", ""), "username": person.get("username", ""),
                     "joined_at": str(entry["joined_at"])}
        return {
            "group_set": self.set_name,
            "roster_entry": entry,
            "placements": [{"version": p["version"], "group": p["group_name"] or None,
                            "placed_at": str(p["placed_at"])}
                           for p in groups_api.placements(self.course_id, self.set_name, anonymous_id)],
        }

    def is_registered(self, anonymous_id):
        return groups_api.is_registered(self.course_id, self.set_name, anonymous_id)

    # --- Writes ---------------------------------------------------------------------

    def register(self, anonymous_id, display_name, username, user_id=None, noted=False):
        """Record a participant on the roster once (they opened a block using the set)
        and refresh their names (`noted`: the caller has just done so). True when this
        call put them on the roster."""
        if not noted:
            participants.note(self.course_id, anonymous_id, username, display_name, user_id)
        return groups_api.register(self.course_id, self.set_name, anonymous_id)

    def save(self, expected_version, spec, names, usernames, saved_by):
        """Save a new version made from `spec` ([{"key", "name", "members"}]) if the
        latest version is still `expected_version`; else VersionConflict.

        `names`/`usernames` (anonymous id -> value) name people staff placed who
        are not known yet (a pasted username): they are added to the Participant
        table. Returns the new GroupSetVersion.
        """
        members = {aid for g in spec for aid in g["members"]}
        known = participants.names(self.course_id, members) if members else {}
        for aid in sorted(members):
            username, full_name = usernames.get(aid, ""), names.get(aid, "")
            have = known.get(aid)
            if (username or full_name) and (have is None or (username and not have[0]) or (full_name and not have[1])):
                participants.note(self.course_id, aid, username, full_name)
        groups_api.save(self.course_id, self.set_name, expected_version, spec, saved_by)
        return self.latest()


def ungrouped_people(latest, names, usernames, mentors):
    """Who of `names` (GroupSetStore.people) is in no group of `latest` and mentors no
    group (MentorVersion `mentors`), in name order: [{"id", "name", "username"}]. The
    groups' staff tools and a block's staff overview list them alike."""
    grouped = latest.grouped_ids()
    mentoring = {aid for aids in mentors.by_group.values() for aid in aids}  # never a participant
    ungrouped = sorted((aid for aid in names if aid not in grouped and aid not in mentoring),
                       key=lambda aid: (names[aid].casefold(), aid))
    return [{"id": aid, "name": names[aid] or usernames.get(aid) or aid, "username": usernames.get(aid, "")}
            for aid in ungrouped]
