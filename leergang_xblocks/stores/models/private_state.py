"""A participant's private working state (drafts, notes), one row per version."""
from django.db import models
from django.utils import timezone


class PrivateStateVersion(models.Model):
    """One version of a participant's private state in one block (or course-level item).

    The newest version is the state; a write adds version n + 1. The unique
    constraint makes two writers who saw the same version unable to both add
    the next one (the second insert fails), whatever the caller checked before.

    .. pii: Free text the participant writes for themselves (drafts, private
       notes), keyed by their anonymous id.
    .. pii_types: other
    .. pii_retirement: local_api
    """
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    item_type = models.CharField(max_length=100)
    anonymous_id = models.CharField(max_length=128)
    version = models.PositiveIntegerField()
    data = models.JSONField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "anonymous_id", "item_id", "version"],
                                    name="leergang_private_state_version_unique"),
        ]
