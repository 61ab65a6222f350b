"""The index of items under which a participant has artefacts in edx-submissions,
and their erasure through `submissions.api.reset_score(clear_state=True)`."""
from submissions import api as submissions_api

from ..models import ArtefactItem
from . import erasure


def note_item(course_id, anonymous_id, item_id):
    """Remember that this participant has artefacts under `item_id` (one insert,
    a second one of the same item ignored by the unique constraint)."""
    ArtefactItem.objects.bulk_create([ArtefactItem(course_id=course_id, anonymous_id=anonymous_id, item_id=item_id)],
                                     ignore_conflicts=True)


def items_of(course_id, anonymous_id):
    return list(ArtefactItem.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
                .order_by("item_id").values_list("item_id", flat=True))


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Clear the participant's edx-submissions rows of every item they wrote
    under (marked deleted by edx-submissions, unread by every block), then the index."""
    for item_id in items_of(course_id, anonymous_id):
        submissions_api.reset_score(anonymous_id, course_id, item_id, clear_state=True, emit_signal=False)
    ArtefactItem.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    ArtefactItem.objects.all().delete()
