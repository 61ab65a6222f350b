"""Staff-side copies of the participants' artefacts (see models/artefacts.py), and
erasure of their edx-submissions rows through `submissions.api.reset_score`."""
from django.db import transaction
from django.db.models import Count, Max, Min
from submissions import api as submissions_api

from ..data import Record
from ..models import ArtefactCopy
from . import cohorts, erasure, plain, prepared, stored_files, tallies
from .indexes import values_through

GENERATION = "copies:generation"
# Functions fn(course_id, item_id, anonymous_id) that take a participant's records of
# an item out of what a block counts from them (a dialogue round's tally), called
# by `clear` in its transaction while the copies are still there. Blocks register
# theirs when their module is imported (erasure.load_erasers imports every block).
_before_clear = []

_FIELDS = ("anonymous_id", "attempt", "submitted_at", "data")


def _of(course_id, item_id, item_type):
    return ArtefactCopy.objects.filter(course_id=course_id, item_id=item_id, item_type=item_type)


def copy(course_id, item_id, item_type, anonymous_id, attempt, data, submitted_at):
    """Keep the copy of a record just written to edx-submissions (one insert, its SQL
    composed once per process: stores/api/prepared.py)."""
    prepared.insert(ArtefactCopy, course_id=course_id, item_id=item_id, item_type=item_type,
                    anonymous_id=anonymous_id, attempt=attempt, data=data, submitted_at=submitted_at)


def rows(course_id, item_id, item_type, *order):
    """Every copy of this item in `order`, streamed (staff views)."""
    for row in _of(course_id, item_id, item_type).order_by(*order).values_list(*_FIELDS).iterator(chunk_size=2000):
        yield Record(*row)


def newest(course_id, item_id, item_type, limit):
    """The `limit` newest copies of this item, newest first: one bounded query."""
    return [Record(*row) for row in _of(course_id, item_id, item_type).order_by("-id")
            .values_list(*_FIELDS)[:limit]]


def of_participants(course_id, item_id, item_type, anonymous_ids):
    """Every copy of this item written by the given participants, oldest first: one
    query on the participants' index, bounded by how many are asked for."""
    if not anonymous_ids:
        return []
    found = ArtefactCopy.objects.filter(
        course_id=course_id, anonymous_id__in=list(anonymous_ids), item_id=item_id, item_type=item_type).order_by("id")
    return [Record(*row) for row in values_through(found, "leergang_copy_participant", _FIELDS)]


def per_participant(course_id, item_type, item_ids, anonymous_id=None, times=True):
    """{(item id, anonymous id): (copies, first submitted_at, last submitted_at)} of the
    given items of one kind: one aggregate query whatever the number of items or
    participants (the programme overview's "taken part", "done, first and last");
    of one participant's copies with `anonymous_id` (the overview's detail). Without
    `times`, first and last are None: no time is read or converted."""
    if not item_ids:
        return {}
    found = ArtefactCopy.objects.filter(course_id=course_id, item_type=item_type, item_id__in=list(item_ids))
    if anonymous_id is not None:
        found = found.filter(anonymous_id=anonymous_id)
    found = found.values_list("item_id", "anonymous_id").order_by()
    if not times:
        return {(item, aid): (n, None, None)
                for item, aid, n in found.annotate(n=Count("id")).iterator(chunk_size=2000)}
    found = found.annotate(n=Count("id"), first=Min("submitted_at"), last=Max("submitted_at"))
    return {(item, aid): (n, first, last) for item, aid, n, first, last in found.iterator(chunk_size=2000)}


def span_per_participant(course_id, item_type, item_ids, anonymous_id=None):
    """{anonymous id: (how many of the items they have copies of, first submitted_at,
    last submitted_at)} over the given items of one kind: one aggregate query, a row
    per participant (the programme overview's "trust scans done, first and last"; of
    one participant with `anonymous_id`). Half the times `per_participant` converts
    when a course has two scans."""
    if not item_ids:
        return {}
    found = ArtefactCopy.objects.filter(course_id=course_id, item_type=item_type, item_id__in=list(item_ids))
    if anonymous_id is not None:
        found = found.filter(anonymous_id=anonymous_id)
    found = (found.values_list("anonymous_id").order_by()
             .annotate(items=Count("item_id", distinct=True), first=Min("submitted_at"), last=Max("submitted_at")))
    return {aid: (items, first, last) for aid, items, first, last in found.iterator(chunk_size=2000)}


def since(course_id, item_id, item_type, after_id=0, known=()):
    """(id, Record) of the copies added after id `after_id`, oldest first, leaving out
    the ids in `known` (a reader that looks back over rows it has read reads only
    their ids: one index range, then the rows it lacks)."""
    rows = _of(course_id, item_id, item_type).filter(id__gt=after_id or 0).order_by("id")
    if not known:
        return [(row[0], Record(*row[1:])) for row in rows.values_list("id", *_FIELDS).iterator(chunk_size=2000)]
    wanted = [pk for pk in rows.values_list("id", flat=True) if pk not in known]
    found = []
    for start in range(0, len(wanted), 500):
        found += [(row[0], Record(*row[1:])) for row in ArtefactCopy.objects.filter(id__in=wanted[start:start + 500])
                  .order_by("id").values_list("id", *_FIELDS)]
    return found


def before_clear(fn):
    """Register `fn(course_id, item_id, anonymous_id)` to run in `clear` before the
    copies go (idempotent; usable as a decorator)."""
    if fn not in _before_clear:
        _before_clear.append(fn)
    return fn


def of_participant(course_id, item_id, item_type, anonymous_id):
    """The participant's copies of this item and kind, oldest first (their own rows)."""
    return [Record(*row) for row in _of(course_id, item_id, item_type).filter(anonymous_id=anonymous_id)
            .order_by("id").values_list(*_FIELDS)]


def clear(course_id, item_id, anonymous_id):
    """Remove the participant's copies of this item, and the files their records name;
    their newest record leaves the cohort aggregate it counts in, and their records
    leave the tallies blocks registered with `before_clear`, in the same transaction
    (every removal of records comes here: stores/api/cohorts.py)."""
    with transaction.atomic():
        cohorts.leave(course_id, item_id, anonymous_id)
        for leave in list(_before_clear):
            leave(course_id, item_id, anonymous_id)
        copies = ArtefactCopy.objects.filter(course_id=course_id, anonymous_id=anonymous_id, item_id=item_id)
        stored_files.delete_after_commit(stored_files.paths_in(copies.values_list("data", flat=True)))
        if copies.delete()[0]:
            _removed_from(course_id, item_id)


def generation(course_id, item_id):
    """How often copies of this item were removed: a reader that follows `since`
    ids starts again from scratch when it changed. One indexed query."""
    kept = tallies.read(course_id, item_id, GENERATION)
    return kept["n"] if kept else 0


def _removed_from(course_id, item_id):
    tallies.update(course_id, item_id, GENERATION, lambda kept: {"n": kept.get("n", 0) + 1}, dict)


def items_of(course_id, anonymous_id):
    return list(ArtefactCopy.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
                .order_by("item_id").values_list("item_id", flat=True).distinct())


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Clear the participant's edx-submissions rows of every item they wrote
    under (marked deleted by edx-submissions, unread by every block), then the copies."""
    for item_id in items_of(course_id, anonymous_id):
        submissions_api.reset_score(anonymous_id, course_id, item_id, clear_state=True, emit_signal=False)
        clear(course_id, item_id, anonymous_id)


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    ArtefactCopy.objects.all().delete()


def own_records(course_id, item_id, item_type, anonymous_id):
    """One participant's copies of this item and kind, oldest first: `of_participants`
    for one participant, in plain SQL (a participant write's hot read; stores/api/plain.py),
    through the participant's index on SQLite as `of_participants` reads it."""
    table, (course, item, kind, participant, pk) = plain.quoted(
        ArtefactCopy, ("course_id", "item_id", "item_type", "anonymous_id", "id"))
    connection = plain.connection_of(ArtefactCopy)
    indexed = (f" INDEXED BY {connection.ops.quote_name('leergang_copy_participant')}"
               if connection.vendor == "sqlite" else "")
    _table, columns = plain.quoted(ArtefactCopy, _FIELDS)
    sql = (f"SELECT {', '.join(columns)} FROM {table}{indexed} WHERE {course} = %s AND {participant} = %s "
           f"AND {item} = %s AND {kind} = %s ORDER BY {pk}")
    return [Record(*row) for row in plain.rows(ArtefactCopy, _FIELDS, sql, [course_id, anonymous_id, item_id, item_type])]
