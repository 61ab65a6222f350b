"""Endorsements of questions (see models/endorsements.py): added once per person and
question by the database's unique key, counted per question on read. Each question's
count is kept beside them too (EndorsementCount), changed in the same transaction, so
the most endorsed questions of a block come from an index: a read bounded by how many
are asked for, whatever the number of participants or endorsements."""
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from ..models import Endorsement, EndorsementCount
from . import erasure


def _of(course_id, item_id):
    return Endorsement.objects.filter(course_id=course_id, item_id=item_id)


def _counts_of(course_id, item_id):
    return EndorsementCount.objects.filter(course_id=course_id, item_id=item_id)


def _count_up(course_id, item_id, question_id, author_id):
    """One more endorsement of the question: an update of its row, or its first row
    (the unique key decides which of two first endorsers makes it)."""
    row = _counts_of(course_id, item_id).filter(question_id=question_id)
    if row.update(endorsements=F("endorsements") + 1):
        return
    try:
        with transaction.atomic():
            EndorsementCount.objects.create(course_id=course_id, item_id=item_id, question_id=question_id,
                                            author_id=author_id, endorsements=1)
    except IntegrityError:
        row.update(endorsements=F("endorsements") + 1)


def _count_down(course_id, item_id, question_id, by=1):
    _counts_of(course_id, item_id).filter(question_id=question_id, endorsements__gte=by).update(
        endorsements=F("endorsements") - by)


def add(course_id, item_id, question_id, anonymous_id, author_id):
    """Endorse once: False when this person endorsed this question already (the unique
    key decides, not a read before the insert). `author_id`: who wrote the question."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Endorsement.objects.create(course_id=course_id, item_id=item_id, question_id=question_id,
                                           anonymous_id=anonymous_id)
        except IntegrityError:
            return False
        _count_up(course_id, item_id, question_id, author_id)
    return True


def remove(course_id, item_id, question_id, anonymous_id):
    """Take back one's own endorsement: False when there was none."""
    with transaction.atomic():
        if not _of(course_id, item_id).filter(question_id=question_id, anonymous_id=anonymous_id).delete()[0]:
            return False
        _count_down(course_id, item_id, question_id)
    return True


def counts(course_id, item_id, question_ids=None):
    """question id -> number of endorsements: of the given questions (one query,
    bounded by how many are asked for), or of every question (staff views)."""
    rows = _of(course_id, item_id)
    if question_ids is not None:
        rows = rows.filter(question_id__in=list(question_ids))
    return dict(rows.values("question_id").annotate(n=Count("id")).values_list("question_id", "n"))


def most_endorsed(course_id, item_id, limit, leave_out=()):
    """[(question id, writer's anonymous id)] of the `limit` most endorsed questions (at
    least one endorsement), most first, among equals the earliest endorsed first; the
    ids in `leave_out` (hidden questions) left out. One query on an index, bounded by
    `limit` and `leave_out`."""
    rows = _counts_of(course_id, item_id).filter(endorsements__gt=0)
    if leave_out:
        rows = rows.exclude(question_id__in=list(leave_out))
    return list(rows.order_by("-endorsements", "id").values_list("question_id", "author_id")[:limit])


def endorsed_by(course_id, item_id, anonymous_id):
    """The question ids this participant endorsed (one indexed query on their own rows)."""
    return set(_of(course_id, item_id).filter(anonymous_id=anonymous_id).values_list("question_id", flat=True))


def clear(course_id, item_id, anonymous_id):
    """The participant's endorsements in one block (each question's count one less) and
    the counts of the questions they wrote there (their questions go with their records)."""
    with transaction.atomic():
        for question_id in endorsed_by(course_id, item_id, anonymous_id):
            _count_down(course_id, item_id, question_id)
        _of(course_id, item_id).filter(anonymous_id=anonymous_id).delete()
        _counts_of(course_id, item_id).filter(author_id=anonymous_id).delete()


@erasure.register
def erase(course_id, anonymous_id):
    with transaction.atomic():
        mine = Endorsement.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
        for (item_id, question_id), n in Counter(mine.values_list("item_id", "question_id")).items():
            _count_down(course_id, item_id, question_id, n)
        mine.delete()
        EndorsementCount.objects.filter(course_id=course_id, author_id=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    Endorsement.objects.all().delete()
    EndorsementCount.objects.all().delete()
