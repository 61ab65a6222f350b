"""Records kept about a participant that are not their artefact (staff notes,
overview summaries): append-only rows of our own table, by course-level item."""
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..data import Record
from ..models import ParticipantNote
from . import erasure, prepared
from .indexes import plain_values_through, subquery_through, values_through

_FIELDS = ("anonymous_id", "attempt", "written_at", "data")
PARTICIPANT_INDEX = "leergang_note_participant"   # models/records.py


def _of(course_id, item_id, item_type):
    return ParticipantNote.objects.filter(course_id=course_id, item_id=item_id, item_type=item_type)


def append(course_id, item_id, item_type, anonymous_id, data, attempt=None):
    """Add a row; `attempt` defaults to one more than the participant's newest."""
    if attempt is None:
        newest = (_of(course_id, item_id, item_type).filter(anonymous_id=anonymous_id).order_by("-id")
                  .values_list("attempt", flat=True).first())
        attempt = (newest or 0) + 1
    row = prepared.insert(ParticipantNote, course_id=course_id, item_id=item_id, item_type=item_type,
                          anonymous_id=anonymous_id, attempt=attempt, data=data)
    return Record(anonymous_id, attempt, row["written_at"], data)


def append_many(course_id, item_id, item_type, data_by_participant):
    """One row for each participant, in a few bulk statements (a cohort's attendance)."""
    now = timezone.now()
    with transaction.atomic():
        ParticipantNote.objects.bulk_create(
            [ParticipantNote(course_id=course_id, item_id=item_id, item_type=item_type, anonymous_id=aid,
                             attempt=1, data=data, written_at=now)
             for aid, data in data_by_participant.items()], batch_size=1000)


def _matching(course_id, item_id, item_type, prefix):
    if prefix:
        return ParticipantNote.objects.filter(course_id=course_id, item_id__startswith=item_id, item_type=item_type)
    return _of(course_id, item_id, item_type)


# A participant's own rows, the reads of their writes: composed once per process
# (stores/api/prepared.py), one read per order, prefix and limit asked for.
_OWN_ROWS = {}


def _own_rows(order, prefix, limit):
    key = (order, prefix, limit)
    if key not in _OWN_ROWS:
        def build(course_id, item_id, item_type, anonymous_id):
            found = _matching(course_id, item_id, item_type, prefix).filter(anonymous_id=anonymous_id)
            found = found.order_by(*order).values_list(*_FIELDS)
            return found[:limit] if limit else found
        _OWN_ROWS[key] = prepared.Read(build, "course_id", "item_id", "item_type", "anonymous_id")
    return _OWN_ROWS[key]


def rows(course_id, item_id, item_type, *order, anonymous_id=None, limit=None, prefix=False):
    """Records of this item (of one participant), in `order` ("id", "-id",
    "anonymous_id", ...), streamed. `prefix`: of every item whose id starts so."""
    if anonymous_id is not None:
        for row in _own_rows(order, prefix, limit).rows(course_id=course_id, item_id=item_id, item_type=item_type,
                                                         anonymous_id=anonymous_id):
            yield Record(*row)
        return
    found = _matching(course_id, item_id, item_type, prefix)
    if anonymous_id is not None:
        found = found.filter(anonymous_id=anonymous_id)
    found = found.order_by(*order).values_list(*_FIELDS)
    if limit:
        found = found[:limit]
    for row in found.iterator(chunk_size=2000):
        yield Record(*row)


def latest_per_participant(course_id, item_id, item_type, prefix=False):
    """The newest row of each participant, by anonymous id: one query whose subquery
    picks each participant's highest id, so only those rows are read and decoded
    (not every row a participant's writes left; the case's overview summary)."""
    matching = _matching(course_id, item_id, item_type, prefix)
    newest_ids = matching.values("anonymous_id").annotate(newest=Max("id")).values("newest").order_by()
    found = ParticipantNote.objects.filter(id__in=newest_ids).order_by("anonymous_id").values_list(*_FIELDS)
    for row in found.iterator(chunk_size=2000):
        yield Record(*row)


def data_rows(course_id, item_id, item_type, newest_only=False, prefix=False, anonymous_ids=None):
    """(anonymous id, row id, data) of this item's rows, oldest first, streamed; with
    `newest_only`, each participant's newest row only; with `anonymous_ids`, of those
    participants only (a few: one IN list). No time column: a staff overview
    needs the rows' order (the id), and converting every row's stored time into a
    datetime was a fifth of the case overview at 6,000 participants."""
    matching = _matching(course_id, item_id, item_type, prefix)
    fields = ("anonymous_id", "id", "data")
    if anonymous_ids is None:
        if newest_only:
            newest_ids = matching.values("anonymous_id").annotate(newest=Max("id")).values("newest").order_by()
            matching = ParticipantNote.objects.filter(id__in=newest_ids)
        yield from matching.order_by("id").values_list(*fields).iterator(chunk_size=2000)
        return
    # A few participants: through their index (stores/api/indexes.py), not the item's.
    matching = matching.filter(anonymous_id__in=list(anonymous_ids))
    if newest_only:
        newest_ids = matching.values("anonymous_id").annotate(newest=Max("id")).values("newest").order_by()
        matching = ParticipantNote.objects.filter(id__in=subquery_through(newest_ids, PARTICIPANT_INDEX))
        yield from matching.order_by("id").values_list(*fields)
        return
    yield from values_through(matching.order_by("id"), PARTICIPANT_INDEX, fields)


def who_has(course_id, item_id, item_type, ids):
    """Those of `ids` with a row of this item (one query)."""
    found = _of(course_id, item_id, item_type).filter(anonymous_id__in=list(ids)).values_list("anonymous_id")
    return {aid for (aid,) in plain_values_through(found, PARTICIPANT_INDEX)}


def items_of(course_id, item_prefix, item_type, anonymous_id):
    """The item ids under `item_prefix` this participant has rows of (one indexed query)."""
    return list(ParticipantNote.objects.filter(course_id=course_id, anonymous_id=anonymous_id,
                                               item_id__startswith=item_prefix, item_type=item_type)
                .order_by("item_id").values_list("item_id", flat=True).distinct())


def items_of_each(course_id, item_prefix, item_type, anonymous_ids):
    """{anonymous id: [item ids under `item_prefix`]} of a few participants (a group):
    one indexed query, bounded by how many are asked for. Each asked id has a list."""
    found = {aid: [] for aid in anonymous_ids}
    rows = (ParticipantNote.objects.filter(course_id=course_id, anonymous_id__in=list(found),
                                           item_id__startswith=item_prefix, item_type=item_type)
            .order_by("anonymous_id", "item_id").values_list("anonymous_id", "item_id").distinct())
    for aid, item in plain_values_through(rows, PARTICIPANT_INDEX):
        found[aid].append(item)
    return found


def clear(course_id, item_id, anonymous_id):
    ParticipantNote.objects.filter(course_id=course_id, item_id=item_id, anonymous_id=anonymous_id).delete()


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Remove every record kept about this participant in this course."""
    ParticipantNote.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    ParticipantNote.objects.all().delete()
