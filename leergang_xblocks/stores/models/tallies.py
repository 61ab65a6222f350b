"""Running tallies and aggregates, one row each, changed under its row lock."""
from django.db import models
from django.utils import timezone


class Tally(models.Model):
    """A running tally or aggregate of one block (a dialogue round's counts, a
    trust scan's cohort sums per instrument fingerprint).

    One row per (course, item, key), changed in place by a pure function under
    the row's lock inside the writer's transaction; `version` counts the
    changes. The records it is folded from stay the truth: a recount from
    them checks it.

    .. no_pii: Counts and sums over participants, and hashed markers of who
       changed it since the last published snapshot; no identifier a person
       can be found by.
    """
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    key = models.CharField(max_length=128)
    version = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "item_id", "key"], name="leergang_tally_unique"),
        ]
