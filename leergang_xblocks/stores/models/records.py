"""Course-level records about a participant that are not their own artefact."""
from django.db import models
from django.utils import timezone


class ParticipantNote(models.Model):
    """A record kept about a participant by others or by the block, not handed
    in by them: what staff and mentors record (attendance, comments, paper
    assessments), the small summary row a staff overview reads.

    Append-only: each write is a new row; `attempt` numbers a participant's
    rows of one item.

    .. pii: What staff wrote about the participant (free text), keyed by the
       participant's anonymous id.
    .. pii_types: other
    .. pii_retirement: local_api
    """
    id = models.BigAutoField(primary_key=True)
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    item_type = models.CharField(max_length=100)
    anonymous_id = models.CharField(max_length=128)
    attempt = models.PositiveIntegerField(default=1)
    data = models.JSONField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        indexes = [
            # a participant's rows of one item or of an item-id prefix (their own read),
            # and "who has any" for a list of ids
            models.Index(fields=["course_id", "anonymous_id", "item_id", "id"], name="leergang_note_participant"),
            # every participant's rows of one item (staff views)
            models.Index(fields=["course_id", "item_id", "id"], name="leergang_note_item"),
        ]
