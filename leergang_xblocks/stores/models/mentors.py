"""Mentors: who follows which group, per group source (a group set or a teamset)."""
from django.db import models
from django.utils import timezone


class MentorSet(models.Model):
    """The version of a source's mentor assignment: a staff save names the version
    it was made on, and a save on an older one is refused.

    .. no_pii: Who saved (an anonymous id) and when.
    """

    course_id = models.CharField(max_length=255)
    source_key = models.CharField(max_length=100)   # "set:<name>" or "teamset:<id>"
    version = models.PositiveIntegerField(default=0)
    saved_by = models.CharField(max_length=128, blank=True, default="")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "source_key"], name="leergang_mentorset_once")]


class MentorAssignment(models.Model):
    """One mentor of one group.

    .. no_pii: The mentor's anonymous id and a group id. Deleted on retirement.
    """

    course_id = models.CharField(max_length=255)
    source_key = models.CharField(max_length=100)
    group_id = models.CharField(max_length=255)
    anonymous_id = models.CharField(max_length=128)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "source_key", "group_id", "anonymous_id"],
                                               name="leergang_mentor_once")]
        indexes = [models.Index(fields=["course_id", "source_key", "anonymous_id"], name="leergang_mentor_person")]
