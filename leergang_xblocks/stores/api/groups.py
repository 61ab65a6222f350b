"""Group sets: versions, the groups as they are now, placements and the roster.

A staff save appends a version (version-checked, under the set's lock) and
rewrites only what changed: the groups whose name or members changed
(`SetGroup`, what a member or a mentor reads: one row) and a placement for
every participant whose group changed (`GroupPlacement`, newest = their group
now, all = their history). A participant's read never touches the version.

Names are not here: they are in the Participant table (participants.py).
"""
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import GroupPlacement, GroupSetVersion, RosterEntry, SetGroup
from . import erasure
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


def group(course_id, set_name, key):
    """{"key", "name", "members"} of one group as it is now, or None (one query)."""
    return (SetGroup.objects.filter(course_id=course_id, set_name=set_name, key=key)
            .values("key", "name", "members").first())


def group_of(course_id, set_name, anonymous_id):
    """The group this participant is in now, or None: their newest placement, then
    that group's row (two indexed queries, the same at any course size)."""
    key = (GroupPlacement.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
           .order_by("-version").values_list("group_key", flat=True).first())
    return group(course_id, set_name, key) if key else None


def placements(course_id, set_name, anonymous_id):
    """Every placement of this participant, oldest first (their own-data download)."""
    return list(GroupPlacement.objects.filter(course_id=course_id, set_name=set_name, anonymous_id=anonymous_id)
                .order_by("version").values("version", "group_key", "group_name", "placed_at"))


def roster(course_id, set_name):
    """{anonymous id: joined at} of everyone who opened a block using the set (staff)."""
    return dict(RosterEntry.objects.filter(course_id=course_id, set_name=set_name)
                .values_list("anonymous_id", "joined_at").iterator(chunk_size=2000))


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
        _write_placements(course_id, set_name, version, current["groups"], groups)
    return version


def _write_groups(course_id, set_name, version, old, new):
    """Rewrite the rows of the groups that changed; remove the removed ones."""
    before = {g["key"]: g for g in old}
    after = {g["key"]: g for g in new}
    removed = [key for key in before if key not in after]
    if removed:
        SetGroup.objects.filter(course_id=course_id, set_name=set_name, key__in=removed).delete()
    for key, g in after.items():
        if before.get(key) == g:
            continue
        updated = SetGroup.objects.filter(course_id=course_id, set_name=set_name, key=key).update(
            name=g["name"], members=g["members"], version=version)
        if not updated:
            SetGroup.objects.create(course_id=course_id, set_name=set_name, key=key, name=g["name"],
                                    members=g["members"], version=version)


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
    """Forget a participant in every group set of the course: their roster entry and
    placements are deleted; they are taken out of the groups as they are now and
    out of every saved version (the groups stay, with the other members)."""
    RosterEntry.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    GroupPlacement.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    # JSON lists cannot be filtered portably (SQLite has no JSON contains): read the
    # course's groups and versions, rewrite the few that name them.
    for row in SetGroup.objects.filter(course_id=course_id).only("pk", "members").iterator(chunk_size=2000):
        if anonymous_id in row.members:
            SetGroup.objects.filter(pk=row.pk).update(members=[m for m in row.members if m != anonymous_id])
    for row in GroupSetVersion.objects.filter(course_id=course_id).only("pk", "groups", "saved_by") \
            .iterator(chunk_size=200):
        named = any(anonymous_id in g.get("members", []) for g in row.groups)
        if named or row.saved_by == anonymous_id:
            groups = [{**g, "members": [m for m in g.get("members", []) if m != anonymous_id]} for g in row.groups]
            GroupSetVersion.objects.filter(pk=row.pk).update(
                groups=groups, saved_by="" if row.saved_by == anonymous_id else row.saved_by)
