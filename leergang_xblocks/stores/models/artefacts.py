"""Which edx-submissions items a participant has artefacts under (for erasure)."""
from django.db import models


class ArtefactItem(models.Model):
    """One (course, participant, item id) under which the blocks wrote the
    participant's artefacts to edx-submissions. edx-submissions' API clears a
    participant's rows per item id (`reset_score(clear_state=True)`) and has no
    "every item of this learner"; this index is how erasure finds them.

    .. no_pii: An anonymous id and item ids; no name, no text.
    """
    course_id = models.CharField(max_length=255)
    anonymous_id = models.CharField(max_length=128)
    item_id = models.CharField(max_length=255)

    class Meta:
        app_label = "leergang_stores"
        constraints = [
            models.UniqueConstraint(fields=["course_id", "anonymous_id", "item_id"],
                                    name="leergang_artefact_item_unique"),
        ]
