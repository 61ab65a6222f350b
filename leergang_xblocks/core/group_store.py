"""Where a course's group sets live: append-only rows in edx-submissions' tables.

This package has no database tables of its own (admins need not run
migrations), so a group set is three kinds of edx-submissions rows, all keyed
by course and set name:

- **Versions** (`leergang_group_set`): every staff change appends the whole set
  as a new version (attempt number = version). Staff read the latest one; two
  staff saving at once are serialised by a row lock on the set's student item,
  and the later one, whose change was made on an older version, gets a
  `VersionConflict` (409) instead of silently overwriting the first.
- **A membership index per participant** (`leergang_group_member`): with each
  version, every participant whose group changed (moved, renamed, a member came
  or went) gets a new row holding their group: its key, name and members' anonymous
  ids and display names. A participant's group read is then one indexed query
  on their own row, the same at 20 and at 5,000 participants; the version is
  never read on a participant's request.
- **A group index** (`leergang_group_index`): with each version, every group
  that changed (members, name, removed) gets a new row under its own id, so a
  reader who is not a member (a mentor) reads one group in one indexed query,
  without the version that lists the whole course.
- **A roster** (`leergang_group_roster`): a participant who opens a block using
  the set is recorded once, with their display name (and username, for staff),
  so staff can group people who have shown up and see who is in no group.

Nothing is ever updated in place, so nothing is read-modified-written.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from submissions.models import StudentItem, Submission

from .groups import Group, Member, SOURCE_GROUP_SET, sorted_members

SET_OWNER = "leergang-group-set"           # the student id of the version rows
ITEM_TYPE_VERSION = "leergang_group_set"
ITEM_TYPE_MEMBER = "leergang_group_member"
ITEM_TYPE_ROSTER = "leergang_group_roster"
ITEM_TYPE_GROUP_INDEX = "leergang_group_index"
CHUNK = 500


class VersionConflict(Exception):
    def __init__(self, current):
        super().__init__(f"the group set is at version {current}")
        self.current = current


@dataclass(frozen=True)
class GroupSetVersion:
    """One saved state of a group set (version 0: nothing saved yet)."""

    set_name: str
    version: int
    groups: tuple          # Groups, in the order staff see them
    names: dict            # anonymous id -> display name, of everyone the set knows
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
        self.version_item = f"group-set:{set_name}"
        self.member_item = f"group-set:{set_name}:member"
        self.roster_item = f"group-set:{set_name}:roster"
        self.group_item = f"group-set:{set_name}:group"

    # --- Reads ------------------------------------------------------------------------

    def latest(self):
        """The newest version (one query); version 0 when staff never saved one."""
        row = (Submission.objects
               .filter(student_item__student_id=SET_OWNER, student_item__course_id=self.course_id,
                       student_item__item_id=self.version_item)
               .order_by("-attempt_number", "-id").values_list("answer", "submitted_at").first())
        if row is None:
            return GroupSetVersion(self.set_name, 0, (), {}, {}, 1)
        data, saved_at = row
        names = data.get("names", {})
        groups = tuple(
            _group(self.set_name, g["key"], g["name"], [Member(aid, names.get(aid, "")) for aid in g["members"]])
            for g in data.get("groups", []))
        return GroupSetVersion(self.set_name, data["version"], groups, names, data.get("usernames", {}),
                               data.get("next_key", 1), saved_at)

    def group_of(self, anonymous_id):
        """This participant's group from their own index row: one indexed query."""
        row = (Submission.objects
               .filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                       student_item__item_id=self.member_item)
               .order_by("-id").values_list("answer", flat=True).first())
        if not row or not row.get("group"):
            return None
        g = row["group"]
        return _group(self.set_name, g["key"], g["name"], [Member(aid, name) for aid, name in g["members"]])

    def group(self, group_id):
        """One group by id, from its own index row (one indexed query), or None.

        Sets saved before the group index existed have no such row: then the
        latest version answers (one query, larger)."""
        row = (Submission.objects
               .filter(student_item__student_id=group_id, student_item__course_id=self.course_id,
                       student_item__item_id=self.group_item)
               .order_by("-id").values_list("answer", flat=True).first())
        if row is None:
            return self.latest().group(group_id)
        g = row.get("group")
        if not g:
            return None
        return _group(self.set_name, g["key"], g["name"], [Member(aid, name) for aid, name in g["members"]])

    def roster(self):
        """Everyone who opened a block using this set: anonymous id -> {display_name, username}. Staff only."""
        people = {}
        rows = (Submission.objects
                .filter(student_item__course_id=self.course_id, student_item__item_id=self.roster_item)
                .order_by("id").values_list("student_item__student_id", "answer"))
        for anonymous_id, data in rows.iterator(chunk_size=2000):
            people[anonymous_id] = data
        return people

    def personal_data(self, anonymous_id):
        """Everything this group set keeps about one participant, for their own-data
        download: their roster entry and every group they were placed in, oldest first
        (with the version of the group set). Two indexed queries."""
        roster = (Submission.objects
                  .filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                          student_item__item_id=self.roster_item)
                  .order_by("id").values_list("answer", flat=True).first())
        placements = (Submission.objects
                      .filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                              student_item__item_id=self.member_item)
                      .order_by("id").values_list("answer", "submitted_at"))
        return {
            "group_set": self.set_name,
            "roster_entry": roster,
            "placements": [{"version": data.get("version"),
                            "group": (data.get("group") or {}).get("name"),
                            "placed_at": str(placed_at)} for data, placed_at in placements],
        }

    def is_registered(self, anonymous_id):
        """One indexed query. Rows marked deleted (a reset) do not count."""
        return Submission.objects.filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                                         student_item__item_id=self.roster_item).exists()

    # --- Writes ---------------------------------------------------------------------

    def register(self, anonymous_id, display_name, username):
        """Record a participant on the roster once (they opened a block using the set)."""
        item, _created = StudentItem.objects.get_or_create(
            student_id=anonymous_id, course_id=self.course_id, item_id=self.roster_item,
            defaults={"item_type": ITEM_TYPE_ROSTER})
        if Submission.objects.filter(student_item=item).exists():
            return False  # two first requests at once: the other one registered them
        Submission.objects.create(student_item=item, attempt_number=1,
                                  answer={"display_name": display_name, "username": username,
                                          "joined_at": timezone.now().isoformat()})
        return True

    def save(self, expected_version, spec, names, usernames, saved_by):
        """Append a new version made from `spec` ([{"key", "name", "members"}]) if
        the latest version is still `expected_version`; else VersionConflict.

        Also appends an index row for every participant whose group changed.
        Returns the new GroupSetVersion.
        """
        item, _ = StudentItem.objects.get_or_create(
            student_id=SET_OWNER, course_id=self.course_id, item_id=self.version_item,
            defaults={"item_type": ITEM_TYPE_VERSION})
        with transaction.atomic():
            # The lock serialises staff saves on MariaDB/MySQL; SQLite serialises
            # whole write transactions anyway (the demo opens them IMMEDIATE).
            StudentItem.objects.select_for_update().filter(pk=item.pk).values_list("pk").first()
            current = self.latest()
            if current.version != expected_version:
                raise VersionConflict(current.version)
            seen = set()
            for group in spec:
                duplicates = seen.intersection(group["members"])
                if duplicates:
                    raise ValueError(f"in two groups: {sorted(duplicates)[:3]}")
                seen.update(group["members"])
            known = {**current.names, **names}
            known_usernames = {**current.usernames, **usernames}
            next_key = max([current.next_key] + [int(g["key"][1:]) + 1 for g in spec
                                                 if g["key"][1:].isdigit()])
            version = current.version + 1
            payload = {
                "version": version,
                "groups": [{"key": g["key"], "name": g["name"], "members": list(g["members"])} for g in spec],
                "names": known,
                "usernames": known_usernames,
                "next_key": next_key,
                "saved_by": saved_by,
                "saved_at": timezone.now().isoformat(),
            }
            Submission.objects.create(student_item=item, attempt_number=version, answer=payload)
            old, new = _index_entries(current.as_spec(), current.names), _index_entries(payload["groups"], known)
            self._write_index(version, old, new)
            self._write_group_index(version, current.as_spec(), payload["groups"], old, new)
        return self.latest()

    def _write_index(self, version, old, new):
        """A row for every participant whose group changed."""
        changed = {aid: new.get(aid) for aid in set(old) | set(new) if old.get(aid) != new.get(aid)}
        self._append_index_rows(self.member_item, ITEM_TYPE_MEMBER, version, changed)

    def _write_group_index(self, version, old_spec, new_spec, old_entries, new_entries):
        """A row for every group that changed (its members, its name, or removed: None)."""
        def by_group(spec, entries):
            return {group_id(self.set_name, g["key"]): entries.get(g["members"][0]) if g["members"]
                    else {"key": g["key"], "name": g["name"], "members": []} for g in spec}

        old, new = by_group(old_spec, old_entries), by_group(new_spec, new_entries)
        changed = {gid: new.get(gid) for gid in set(old) | set(new) if old.get(gid) != new.get(gid)}
        self._append_index_rows(self.group_item, ITEM_TYPE_GROUP_INDEX, version, changed)

    def _append_index_rows(self, item_id, item_type, version, changed):
        """{student id: group entry} -> one new row each, in bulk (a regroup of 5,000
        people is a few dozen queries, not thousands)."""
        if not changed:
            return
        ids = sorted(changed)
        items = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            items.update(StudentItem.objects.filter(course_id=self.course_id, item_id=item_id,
                                                    student_id__in=chunk).values_list("student_id", "pk"))
        missing = [StudentItem(student_id=key, course_id=self.course_id, item_id=item_id, item_type=item_type)
                   for key in ids if key not in items]
        if missing:
            StudentItem.objects.bulk_create(missing, batch_size=CHUNK)
            for start in range(0, len(missing), CHUNK):
                chunk = [m.student_id for m in missing[start:start + CHUNK]]
                items.update(StudentItem.objects.filter(course_id=self.course_id, item_id=item_id,
                                                        student_id__in=chunk).values_list("student_id", "pk"))
        Submission.objects.bulk_create(
            [Submission(student_item_id=items[key], attempt_number=version,
                        answer={"version": version, "group": changed[key]}) for key in ids],
            batch_size=CHUNK)


def _index_entries(spec, names):
    """anonymous id -> what that participant's index row says about their group."""
    entries = {}
    for g in spec:
        members = sorted(([aid, names.get(aid, "")] for aid in g["members"]),
                         key=lambda pair: (pair[1].casefold(), pair[0]))
        entry = {"key": g["key"], "name": g["name"], "members": members}
        for aid in g["members"]:
            entries[aid] = entry
    return entries
