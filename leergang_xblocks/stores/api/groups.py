"""Group sets: versions, the groups as they are now, placements and the roster.

A staff save appends a version (version-checked, under the set's lock) and
rewrites only what changed: the names of the groups (`SetGroup`), who is in
which group now (`GroupMembership`, one row per member: what a member or a
mentor reads) and a placement for every participant whose group changed
(`GroupPlacement`: their history). A participant's read never touches the
version: their group, its name and its members' names are one query.

Names are not here: they are in the Participant table (participants.py),
joined in by that query.
"""
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import GroupMembership, GroupPlacement, GroupSetVersion, Participant, RosterEntry, SetGroup
from . import erasure, prepared
from .locks import held

CHUNK = 500


class VersionConflict(Exception):
    """The set changed since the version the save was made on."""

    def __init__(self, current):
        super().__init__(f"the group set is at version {current}")
        self.current = current


def lock_scope(set_name):
    return f"groupset:{set_name}"


# --- Reads ------------------------------------------------------------------------------

def latest(course_id, set_name):
    """{"version", "groups": [{"key", "name", "members"}], "next_key", "saved_at", "saved_by"}
    of the newest version (one query); version 0 when staff never saved one."""
    row = (GroupSetVersion.objects.filter(course_id=course_id, set_name=set_name).order_by("-version")
           .values("version", "groups", "next_key", "saved_at", "saved_by").first())
    return row or {"version": 0, "groups": [], "next_key": 1, "saved_at": None, "saved_by": ""}


def _members_with_names(course_id, set_name, key_filter):
    """(key, group name, anonymous id, full name) of the members of the group(s)
    `key_filter` selects, names joined in: one query."""
    return list(_members_query(course_id, set_name, key_filter))


def _members_query(course_id, set_name, key_filter):
    full_name = Participant.objects.filter(course_id=OuterRef("course_id"), anonymous_id=OuterRef("anonymous_id"))
    group_name = SetGroup.objects.filter(course_id=OuterRef("course_id"), set_name=OuterRef("set_name"),
                                         key=OuterRef("group_key"))
    return (GroupMembership.objects.filter(course_id=course_id, set_name=set_name, group_key=key_filter)
            .annotate(full_name=Subquery(full_name.values("full_name")[:1]),
                      group_name=Subquery(group_name.values("name")[:1]))
            .order_by("anonymous_id").values_list("group_key", "group_name", "anonymous_id", "full_name"))


def group(course_id, set_name, key):
    """{"key", "name", "members": [(anonymous id, full name)]} of one group as it is
    now, or None: one query (two for a group without members)."""
    rows = _members_with_names(course_id, set_name, key)
    if rows:
        return {"key": key, "name": rows[0][1] or "", "members": [(aid, name or "") for _k, _n, aid, name in rows]}
    name = (SetGroup.objects.filter(course_id=course_id, set_name=set_name, key=key)
            .values_list("name", flat=True).first())
    return None if name is None else {"key": key, "name": name, "members": []}


def _group_of_query(course_id, set_name, anonymous_id):
    mine = GroupMembership.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
    return _members_query(course_id, set_name, Subquery(mine.values("group_key")[:1]))


# Every participant request of a group block reads it: composed once per process.
_GROUP_OF = prepared.Read(_group_of_query, "course_id", "set_name", "anonymous_id")


def group_of(course_id, set_name, anonymous_id):
    """The group this participant is in now (as `group()`), or None: one query, the
    same at any course size (composed once per process: stores/api/prepared.py)."""
    rows = _GROUP_OF.rows(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
    if not rows:
        return None
    return {"key": rows[0][0], "name": rows[0][1] or "", "members": [(aid, name or "") for _k, _n, aid, name in rows]}


def placements(course_id, set_name, anonymous_id):
    """Every placement of this participant, oldest first (their own-data download)."""
    return list(GroupPlacement.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
                .order_by("version").values("version", "group_key", "group_name", "placed_at"))


def roster(course_id, set_name):
    """{anonymous id: joined at} of everyone who opened a block using the set (staff)."""
    return dict(RosterEntry.objects.filter(course_id=course_id, set_name=set_name)
                .values_list("anonymous_id", "joined_at").iterator(chunk_size=2000))


def roster_ids(course_id, set_name):
    """The anonymous ids on the roster (staff views that need who, not when or by which name)."""
    return list(RosterEntry.objects.filter(course_id=course_id, set_name=set_name)
                .values_list("anonymous_id", flat=True).iterator(chunk_size=2000))


def roster_entry(course_id, set_name, anonymous_id):
    return (RosterEntry.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
            .values("joined_at").first())


def is_registered(course_id, set_name, anonymous_id):
    return RosterEntry.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id).exists()


# --- Writes -------------------------------------------------------------------------------

def register(course_id, set_name, anonymous_id):
    """Put a participant on the roster once. True when this call did. Two first
    requests at once: the unique constraint lets one insert, the other gets False."""
    try:
        with transaction.atomic():
            RosterEntry.objects.create(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
        return True
    except IntegrityError:
        return False


def save(course_id, set_name, expected_version, spec, saved_by):
    """Append version `expected_version + 1` made of `spec` ([{"key", "name", "members"}]),
    or raise VersionConflict when the set is no longer at `expected_version`.
    ValueError when someone is in two groups. Returns the new version's number."""
    seen = set()
    for g in spec:
        twice = seen.intersection(g["members"])
        if twice:
            raise ValueError(f"in two groups: {sorted(twice)[:3]}")
        seen.update(g["members"])
    with held(course_id, lock_scope(set_name)):
        current = latest(course_id, set_name)
        if current["version"] != expected_version:
            raise VersionConflict(current["version"])
        groups = [{"key": g["key"], "name": g["name"], "members": list(g["members"])} for g in spec]
        next_key = max([current["next_key"]] + [int(g["key"][1:]) + 1 for g in spec if g["key"][1:].isdigit()])
        version = expected_version + 1
        try:
            with transaction.atomic():
                GroupSetVersion.objects.create(course_id=course_id, set_name=set_name, version=version,
                                               groups=groups, next_key=next_key, saved_by=saved_by or "")
        except IntegrityError as exc:  # a save that did not take the lock made this version first
            raise VersionConflict(latest(course_id, set_name)["version"]) from exc
        _write_groups(course_id, set_name, version, current["groups"], groups)
        _write_memberships(course_id, set_name, version, current["groups"], groups)
        _write_placements(course_id, set_name, version, current["groups"], groups)
    return version


def _write_groups(course_id, set_name, version, old, new):
    """Rewrite the rows of the groups whose name changed; remove the removed ones."""
    before = {g["key"]: g["name"] for g in old}
    after = {g["key"]: g["name"] for g in new}
    removed = [key for key in before if key not in after]
    if removed:
        SetGroup.objects.filter(course_id=course_id, set_name=set_name, key__in=removed).delete()
    for key, name in after.items():
        if before.get(key) == name:
            continue
        if not SetGroup.objects.filter(course_id=course_id, set_name=set_name, key=key).update(name=name,
                                                                                                version=version):
            SetGroup.objects.create(course_id=course_id, set_name=set_name, key=key, name=name, version=version)


def _write_memberships(course_id, set_name, version, old, new):
    """Move the rows of the participants whose group changed; nobody else's."""
    before = {aid: g["key"] for g in old for aid in g["members"]}
    after = {aid: g["key"] for g in new for aid in g["members"]}
    moved = sorted(aid for aid in set(before) | set(after) if before.get(aid) != after.get(aid))
    rows = GroupMembership.objects.filter(course_id=course_id, set_name=set_name)
    for start in range(0, len(moved), CHUNK):
        rows.filter(anonymous_id__in=moved[start:start + CHUNK]).delete()
    GroupMembership.objects.bulk_create(
        [GroupMembership(course_id=course_id, set_name=set_name, anonymous_id=aid, group_key=after[aid],
                         version=version) for aid in moved if aid in after], batch_size=CHUNK)


def _write_placements(course_id, set_name, version, old, new):
    """A placement for every participant whose group (its key, name or members) changed."""
    def entries(spec):
        return {aid: (g["key"], g["name"], tuple(sorted(g["members"]))) for g in spec for aid in g["members"]}

    before, after = entries(old), entries(new)
    now = timezone.now()
    rows = [GroupPlacement(course_id=course_id, set_name=set_name, anonymous_id=aid, version=version,
                           group_key=after[aid][0] if aid in after else "",
                           group_name=after[aid][1] if aid in after else "", placed_at=now)
            for aid in sorted(set(before) | set(after)) if before.get(aid) != after.get(aid)]
    GroupPlacement.objects.bulk_create(rows, batch_size=CHUNK)


@erasure.register
def erase(course_id, anonymous_id):
    """Forget a participant in every group set of the course: their roster entry,
    membership and placements are deleted, and they are taken out of every saved
    version (the groups stay, with the other members)."""
    RosterEntry.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    GroupPlacement.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    GroupMembership.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    # JSON lists cannot be filtered portably (SQLite has no JSON contains): read the
    # course's versions and rewrite the ones that name them.
    for row in GroupSetVersion.objects.filter(course_id=course_id).only("pk", "groups", "saved_by") \
            .iterator(chunk_size=200):
        named = any(anonymous_id in g.get("members", []) for g in row.groups)
        if named or row.saved_by == anonymous_id:
            groups = [{**g, "members": [m for m in g.get("members", []) if m != anonymous_id]} for g in row.groups]
            GroupSetVersion.objects.filter(pk=row.pk).update(
                groups=groups, saved_by="" if row.saved_by == anonymous_id else row.saved_by)


def delete_all():
    """Every row of the group sets (the demo's "Reset state"; never called in the LMS)."""
    for model in (GroupSetVersion, SetGroup, GroupMembership, GroupPlacement, RosterEntry):
        model.objects.all().delete()
