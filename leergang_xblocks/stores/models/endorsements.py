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


class EndorsementCount(models.Model):
    """How many endorsements one question has, changed with each endorsement in the same
    transaction (stores.api.endorsements). A participant's list of questions takes the
    most endorsed from this table's index, a bounded read, instead of counting every
    endorsement of the block (sessions/questions.py).

    .. no_pii: The question writer's anonymous id (the platform's per-course pseudonym),
       a random question id and a number; no name or text. Deleted when the writer is
       retired or their state in the block is removed.
    """

    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    question_id = models.CharField(max_length=32)
    author_id = models.CharField(max_length=128)
    endorsements = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "item_id", "question_id"],
                                               name="leergang_endorse_count_once")]
        indexes = [
            # the most endorsed questions of one block first; among equals the earliest counted
            models.Index(fields=["course_id", "item_id", "-endorsements", "id"], name="leergang_endorse_most"),
            # one writer's questions (clearing, erasure)
            models.Index(fields=["course_id", "author_id"], name="leergang_endorse_author"),
        ]
