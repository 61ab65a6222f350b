"""Mentors: people staff assign to follow one or more groups (Zet's team mentors).

A mentor reads their groups' shared work and comments on it, like a member
whose own work is not asked for: they are never counted as participants and
never "behind". They see nothing of other groups. Staff assign mentors in the
staff tools of any block that uses groups (`username,group` lines), for a
course's group set and for Open edX teams alike: the platform's teams have no
mentor role, so the assignment is ours in both cases, keyed by the group
source (`set:<name>` or `teamset:<id>`).

Stored like a group set (group_store.py), append-only in edx-submissions:

- **Versions**: each staff save appends the whole mapping (group id -> mentors'
  anonymous ids, with names for staff), version-checked, so two staff never
  overwrite each other silently.
- **A mentor index**: every mentor whose groups changed gets a row listing their
  groups, so a mentor's request reads one indexed row of their own.

A group's mentors are read from the latest version: one query whose size
grows with the number of mentor assignments, not with the course.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from submissions.models import StudentItem, Submission

from .group_store import VersionConflict
from .groups import Member

OWNER = "leergang-mentors"
ITEM_TYPE_VERSION = "leergang_mentors"
ITEM_TYPE_MENTOR = "leergang_mentor_index"


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
        self.version_item = f"mentors:{source_key}"
        self.mentor_item = f"mentors:{source_key}:mentor"

    def latest(self):
        row = (Submission.objects
               .filter(student_item__student_id=OWNER, student_item__course_id=self.course_id,
                       student_item__item_id=self.version_item)
               .order_by("-attempt_number", "-id").values_list("answer", flat=True).first())
        if row is None:
            return MentorVersion(0, {}, {}, {})
        return MentorVersion(row["version"], row.get("by_group", {}), row.get("names", {}), row.get("usernames", {}))

    def groups_of(self, anonymous_id):
        """The group ids this person mentors now: one indexed query on their own row."""
        row = (Submission.objects
               .filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                       student_item__item_id=self.mentor_item)
               .order_by("-id").values_list("answer", flat=True).first())
        return list(row.get("groups", [])) if row else []

    def save(self, expected_version, by_group, names, usernames, saved_by):
        """Replace the mapping if the latest version is still `expected_version`."""
        item, _ = StudentItem.objects.get_or_create(
            student_id=OWNER, course_id=self.course_id, item_id=self.version_item,
            defaults={"item_type": ITEM_TYPE_VERSION})
        with transaction.atomic():
            StudentItem.objects.select_for_update().filter(pk=item.pk).values_list("pk").first()
            current = self.latest()
            if current.version != expected_version:
                raise VersionConflict(current.version)
            by_group = {gid: sorted(set(aids)) for gid, aids in by_group.items() if aids}
            version = current.version + 1
            payload = {"version": version, "by_group": by_group,
                       "names": {**current.names, **names}, "usernames": {**current.usernames, **usernames},
                       "saved_by": saved_by, "saved_at": timezone.now().isoformat()}
            Submission.objects.create(student_item=item, attempt_number=version, answer=payload)
            after = MentorVersion(version, by_group, payload["names"], payload["usernames"])
            for aid in sorted(set(_everyone(current)) | set(_everyone(after))):
                if current.groups_of(aid) != after.groups_of(aid):
                    mentor_item, _created = StudentItem.objects.get_or_create(
                        student_id=aid, course_id=self.course_id, item_id=self.mentor_item,
                        defaults={"item_type": ITEM_TYPE_MENTOR})
                    Submission.objects.create(student_item=mentor_item, attempt_number=version,
                                              answer={"version": version, "groups": after.groups_of(aid)})
        return self.latest()

    def personal_data(self, anonymous_id):
        """What is kept about one person as a mentor (their own-data download)."""
        return {"mentors_groups_now": self.groups_of(anonymous_id)}


def _everyone(version):
    return {aid for aids in version.by_group.values() for aid in aids}
