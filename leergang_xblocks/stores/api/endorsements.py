"""Endorsements of questions (see models/endorsements.py): added once per person and
question by the database's unique key, counted per question on read."""
from django.db import IntegrityError, transaction
from django.db.models import Count

from ..models import Endorsement
from . import erasure


def _of(course_id, item_id):
    return Endorsement.objects.filter(course_id=course_id, item_id=item_id)


def add(course_id, item_id, question_id, anonymous_id):
    """Endorse once: False when this person endorsed this question already (the unique
    key decides, not a read before the insert)."""
    try:
        with transaction.atomic():
            Endorsement.objects.create(course_id=course_id, item_id=item_id, question_id=question_id,
                                       anonymous_id=anonymous_id)
        return True
    except IntegrityError:
        return False


def remove(course_id, item_id, question_id, anonymous_id):
    """Take back one's own endorsement: False when there was none."""
    return _of(course_id, item_id).filter(question_id=question_id, anonymous_id=anonymous_id).delete()[0] > 0


def counts(course_id, item_id, question_ids=None):
    """question id -> number of endorsements: of the given questions (one query,
    bounded by how many are asked for), or of every question (staff views)."""
    rows = _of(course_id, item_id)
    if question_ids is not None:
        rows = rows.filter(question_id__in=list(question_ids))
    return dict(rows.values("question_id").annotate(n=Count("id")).values_list("question_id", "n"))


def endorsed_by(course_id, item_id, anonymous_id):
    """The question ids this participant endorsed (one indexed query on their own rows)."""
    return set(_of(course_id, item_id).filter(anonymous_id=anonymous_id).values_list("question_id", flat=True))


def clear(course_id, item_id, anonymous_id):
    _of(course_id, item_id).filter(anonymous_id=anonymous_id).delete()


@erasure.register
def erase(course_id, anonymous_id):
    Endorsement.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    Endorsement.objects.all().delete()
