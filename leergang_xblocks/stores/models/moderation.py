"""Flags (a participant asks staff to look) and hide/unhide decisions (staff's)."""
from django.db import models
from django.utils import timezone


class Flag(models.Model):
    """One person's flag on one item of a block: once per person and item (the
    constraint makes a double click flag once).

    .. pii: The reason a participant gives may name people.
    .. pii_types: other
    .. pii_retirement: local_api
       Deleted when the flagger is retired.
    """

    course_id = models.CharField(max_length=255)
    block_item = models.CharField(max_length=255)
    record_id = models.CharField(max_length=64)
    scope = models.TextField()
    flagged_by = models.CharField(max_length=128)
    reason = models.TextField(blank=True, default="")
    flagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "block_item", "flagged_by", "record_id"],
                                               name="leergang_flag_once")]
        indexes = [models.Index(fields=["course_id", "block_item"], name="leergang_flag_block")]


class ModerationDecision(models.Model):
    """A staff decision to hide or show an item in one scope; the newest wins.
    Append-only: the decisions are the record of who hid what, when and why.

    .. no_pii: Staff's anonymous id and reason. When that staff member is retired,
       `decided_by` is emptied and the decision stays: removing it would show
       again what they hid from other learners.
    """

    course_id = models.CharField(max_length=255)
    block_item = models.CharField(max_length=255)
    scope_key = models.CharField(max_length=24)   # sha256 of the scope: a team id can be long
    scope = models.TextField()
    record_id = models.CharField(max_length=64)
    hidden = models.BooleanField()
    decided_by = models.CharField(max_length=128, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        indexes = [models.Index(fields=["course_id", "block_item", "scope_key"], name="leergang_decision_scope")]
