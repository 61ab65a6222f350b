"""Shared logs: append-only entries many participants write and read."""
import uuid

from django.db import models
from django.utils import timezone


class LogEntry(models.Model):
    """One entry of a shared log (course, log, key): a reason on a dialogue's
    wall, a response, a round start.

    `id` only grows, so a reader that remembers the highest id it saw asks for
    what changed since with one index range read. `uuid` is the random id
    participants see (never the row id). `author` is the writer's anonymous id,
    kept so that their entries can be erased; never shown.

    .. pii: Free text participants wrote for others to read, and the
       writer's anonymous id.
    .. pii_types: other
    .. pii_retirement: local_api
    """
    id = models.BigAutoField(primary_key=True)
    course_id = models.CharField(max_length=255)
    log = models.CharField(max_length=255)
    key = models.CharField(max_length=128)
    uuid = models.UUIDField(default=uuid.uuid4, db_index=True)
    author = models.CharField(max_length=128, blank=True, default="")
    data = models.JSONField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        indexes = [
            # "the newest n entries of one log": an index range read, whatever the course size
            models.Index(fields=["course_id", "log", "key", "id"], name="leergang_log_key_newest"),
            # "what changed in these logs since id N" (a live view's cursor)
            models.Index(fields=["course_id", "log", "id"], name="leergang_log_since"),
        ]
