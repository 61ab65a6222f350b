"""Endorsements of questions for a speaker: one row per person per question."""
from django.db import models
from django.utils import timezone


class Endorsement(models.Model):
    """One participant's endorsement ("I want to ask this too") of one question in a
    session block. The unique constraint makes a double click, two tabs or a replayed
    request endorse once; the count a question shows is the number of its rows.

    .. no_pii: An anonymous id (the platform's per-course pseudonym) and a random
       question id; no name or text. Deleted when the participant is retired or
       their state in the block is removed.
    """

    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    question_id = models.CharField(max_length=32)
    anonymous_id = models.CharField(max_length=128)
    endorsed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "item_id", "question_id", "anonymous_id"],
                                               name="leergang_endorse_once")]
        indexes = [models.Index(fields=["course_id", "item_id", "anonymous_id"], name="leergang_endorse_by")]
