"""A course's group sets: versions, groups, placements, the roster, and the index of
group records (whose text is the authors' edx-submissions artefacts)."""
from django.db import models
from django.utils import timezone


class GroupSetVersion(models.Model):
    """One saved state of a group set: every staff change is a new version, so two
    staff saving at once cannot both make version n+1 (the unique constraint).

    .. no_pii: Group names and members' anonymous ids; names live in Participant.
       On retirement the member's anonymous id is taken out of every version.
    """

    course_id = models.CharField(max_length=255)
    set_name = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    groups = models.JSONField(default=list)  # [{"key", "name", "members": [anonymous ids]}]
    next_key = models.PositiveIntegerField(default=1)
    saved_by = models.CharField(max_length=128, blank=True, default="")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "set_name", "version"],
                                               name="leergang_groupset_version_once")]


class SetGroup(models.Model):
    """One group of a set as it is now: its name (its members are GroupMembership rows).

    .. no_pii: A group's key and name.
    """

    course_id = models.CharField(max_length=255)
    set_name = models.CharField(max_length=60)
    key = models.CharField(max_length=20)
    name = models.CharField(max_length=80)
    version = models.PositiveIntegerField()

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "set_name", "key"],
                                               name="leergang_setgroup_once")]


class GroupMembership(models.Model):
    """Who is in which group of a set now: one row per (set, member), so nobody is
    in two groups at once (the unique key). A member's request reads their group
    with its members' names in one query, never the version that lists the course.

    .. no_pii: An anonymous id and a group key. Deleted on retirement.
    """

    course_id = models.CharField(max_length=255)
    set_name = models.CharField(max_length=60)
    anonymous_id = models.CharField(max_length=128)
    group_key = models.CharField(max_length=20)
    version = models.PositiveIntegerField()

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "set_name", "anonymous_id"],
                                               name="leergang_membership_once")]
        indexes = [models.Index(fields=["course_id", "set_name", "group_key"], name="leergang_membership_group")]


class GroupPlacement(models.Model):
    """Where one participant was placed by one version (only versions that changed
    their group): the newest row is their group now; all rows are their history
    for their own-data download. One row per (set version, member).

    .. no_pii: An anonymous id and a group key/name. Deleted on retirement.
    """

    course_id = models.CharField(max_length=255)
    set_name = models.CharField(max_length=60)
    anonymous_id = models.CharField(max_length=128)
    version = models.PositiveIntegerField()
    group_key = models.CharField(max_length=20, blank=True, default="")  # "": in no group
    group_name = models.CharField(max_length=80, blank=True, default="")
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "set_name", "anonymous_id", "version"],
                                               name="leergang_placement_once")]


class RosterEntry(models.Model):
    """A participant who opened a block using the set: staff group the people who
    showed up. Once per (set, member): the constraint, not a check, makes it so.

    .. no_pii: An anonymous id and a time. Deleted on retirement.
    """

    course_id = models.CharField(max_length=255)
    set_name = models.CharField(max_length=60)
    anonymous_id = models.CharField(max_length=128)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "set_name", "anonymous_id"],
                                               name="leergang_roster_once")]


class GroupRecordRef(models.Model):
    """Where a group record is: the author's edx-submissions submission (its uuid)
    under an item id naming the block and the group. A participant's read of a
    group reads these rows (one indexed query), then each author's submissions
    through ``submissions.api``: bounded by the group, never by the course. The
    id is the record id blocks show and refer to (replies, moderation).

    `data` is a copy of the record, written in the same transaction as the
    submission, for staff views of every group at once (10,000 participants in
    under 2 s; ``submissions.api`` serialises row by row, 0.6 ms each), as the
    package's other artefacts keep theirs (`ArtefactCopy`).

    .. pii: The copy of a participant's group record (their own text).
    .. pii_types: other
    .. pii_retirement: local_api
       Deleted when the author is retired (their submissions are then marked
       deleted through the api).
    """

    id = models.BigAutoField(primary_key=True)
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    item_type = models.CharField(max_length=100)
    author_id = models.CharField(max_length=128)
    submission_uuid = models.UUIDField(unique=True)
    submitted_at = models.DateTimeField()
    data = models.JSONField(default=dict)

    class Meta:
        app_label = "leergang_stores"
        indexes = [models.Index(fields=["course_id", "item_id"], name="leergang_grouprec_item"),
                   models.Index(fields=["course_id", "author_id"], name="leergang_grouprec_author"),
                   models.Index(fields=["course_id", "item_type"], name="leergang_grouprec_kind")]
