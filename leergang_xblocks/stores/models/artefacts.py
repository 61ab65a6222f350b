"""Staff-side copies of the participants' artefacts in edx-submissions."""
from django.db import models
from django.utils import timezone


class ArtefactCopy(models.Model):
    """A copy of one artefact a block wrote to edx-submissions for a participant,
    written in the same transaction, for what the API cannot do fast or at all:

    - staff views of every participant (edx-submissions' `get_all_submissions`
      builds a model and a serializer per row: a 10,000-participant report
      took seconds), and "what was added since id N" for a live view (ids only grow);
    - erasure: the API clears per item id and cannot list a learner's items.

    A participant's own reads use edx-submissions (`get_submissions`); clearing
    clears both.

    .. pii: The participant's artefact (free text they wrote), keyed by their
       anonymous id.
    .. pii_types: other
    .. pii_retirement: local_api
    """
    id = models.BigAutoField(primary_key=True)
    course_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    item_type = models.CharField(max_length=100)
    anonymous_id = models.CharField(max_length=128)
    attempt = models.PositiveIntegerField()
    data = models.JSONField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "leergang_stores"
        indexes = [
            # every participant's copies of one item, and those after id N (staff views)
            models.Index(fields=["course_id", "item_id", "id"], name="leergang_copy_item"),
            # one participant's items (clearing, erasure)
            models.Index(fields=["course_id", "anonymous_id", "item_id"], name="leergang_copy_participant"),
        ]
