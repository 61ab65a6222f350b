"""Mentors: people staff assign to follow one or more groups (Zet's team mentors).

A mentor reads their groups' shared work and comments on it, like a member
whose own work is not asked for: they are never counted as participants and
never "behind". They see nothing of other groups. Staff assign mentors in the
staff tools of any block that uses groups (`username,group` lines), for a
course's group set and for Open edX teams alike: the platform's teams have no
mentor role, so the assignment is ours in both cases, keyed by the group
source (`set:<name>` or `teamset:<id>`).

Stored in the package's own tables (stores/api/mentors.py): one row per mentor
and group, and a version per source. A staff save is version-checked under the
source's lock, so two staff never overwrite each other silently; a mentor's
request reads their own rows in one indexed query. Names come from the
Participant table.
"""
from dataclasses import dataclass

from ..stores.api import mentors as mentors_api
from ..stores.api import participants
from .groups import Member


@dataclass(frozen=True)
class MentorVersion:
    version: int
    by_group: dict          # group id -> [anonymous ids]
    names: dict             # anonymous id -> display name
    usernames: dict         # anonymous id -> username (staff)

    def mentors_of(self, group_id):
        return tuple(Member(aid, self.names.get(aid, "")) for aid in self.by_group.get(group_id, ()))

    def groups_of(self, anonymous_id):
        return sorted(gid for gid, mentors in self.by_group.items() if anonymous_id in mentors)


class MentorStore:
    def __init__(self, course_id, source_key):
        self.course_id = course_id
        self.source_key = source_key

    def latest(self):
        """The source's mentors with their names: three queries, sized by the number of mentors."""
        data = mentors_api.latest(self.course_id, self.source_key)
        ids = {aid for aids in data["by_group"].values() for aid in aids}
        known = participants.names(self.course_id, ids) if ids else {}
        return MentorVersion(data["version"], data["by_group"],
                             {aid: full for aid, (_user, full) in known.items()},
                             {aid: user for aid, (user, _full) in known.items()})

    def mentors_of(self, group_id):
        """One group's mentors with their names, as `latest().mentors_of(group_id)` gives
        them: one indexed query on that group's rows."""
        return tuple(Member(aid, name) for aid, name in mentors_api.of_group(self.course_id, self.source_key, group_id))

    def groups_of(self, anonymous_id):
        """The group ids this person mentors now: one indexed query on their own rows."""
        return mentors_api.groups_of(self.course_id, self.source_key, anonymous_id)

    def save(self, expected_version, by_group, names, usernames, saved_by):
        """Replace the mapping if the latest version is still `expected_version`
        (else VersionConflict); the mentors' names go to the Participant table."""
        for aid in sorted({aid for aids in by_group.values() for aid in aids}):
            participants.note(self.course_id, aid, usernames.get(aid, ""), names.get(aid, ""))
        mentors_api.save(self.course_id, self.source_key, expected_version,
                         {gid: sorted(set(aids)) for gid, aids in by_group.items() if aids}, saved_by)
        return self.latest()

    def personal_data(self, anonymous_id):
        """What is kept about one person as a mentor (their own-data download)."""
        return {"mentors_groups_now": self.groups_of(anonymous_id)}
