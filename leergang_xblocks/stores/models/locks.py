"""The one lock facility's rows."""
from django.db import models


class Lock(models.Model):
    """A row that a serialised step locks: one per (course, scope, key).

    Scopes in use: a participant's writes to a block (scope = the block's item
    id, key = the participant's anonymous id), course-level records
    ("course:<kind>", key), a group set ("groupset:<name>", "").
    Rows are made on first use and never removed while the course runs; the
    participant's rows go on erasure.

    .. no_pii: The key holds an anonymous id at most (the platform's
       per-course anonymous user id), never a name or username.
    """
    course_id = models.CharField(max_length=255)
    scope = models.CharField(max_length=255)
    key = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        app_label = "leergang_stores"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "scope", "key"], name="leergang_lock_unique"),
        ]

    def __str__(self):
        return f"{self.course_id} {self.scope} {self.key}"
