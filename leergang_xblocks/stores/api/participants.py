"""Names of participants, in our own table (``Participant``, annotated ``.. pii:``).

    note(course_id, anonymous_id, username, full_name, user_id)   # when they act
    names(course_id, anonymous_ids=None)   # {anonymous id: (username, full name)}

Refreshed from the platform's `user` service when a participant acts. A
participant's first request in a process writes their row in one statement (an
upsert); after that the process remembers what it wrote, and a request whose
names did not change costs no query at all (every write step notes its
participant, so this is on every block's write path). Only erasure removes a
row, and a retired user does not act again; `erase` and `delete_all` forget
what this process remembered (a process that did not erase may remember a
removed row: its later notes of that participant, should there be any, are
skipped until it forgets, `_NOTED_KNOWN` entries later or on restart).
"""
import threading
from collections import OrderedDict

from django.db import connections, router, transaction
from django.utils import timezone

from ..models import Participant

CHUNK = 500
_NOTED_KNOWN = 20000
_noted = OrderedDict()  # (course id, anonymous id) -> (username, full name, user id) as last written
_noted_lock = threading.Lock()  # a threaded server's requests share the memory


def note(course_id, anonymous_id, username="", full_name="", user_id=None):
    """Record or refresh who `anonymous_id` is. Empty values never overwrite known ones
    (a staff paste knows a username, not always a full name)."""
    if not anonymous_id:
        return
    given = ((username or "")[:150], (full_name or "")[:255], user_id)
    memo = (course_id, anonymous_id)
    with _noted_lock:
        known = _noted.get(memo)
        if known is not None and all(not value or value == old for value, old in zip(given, known)):
            _noted.move_to_end(memo)
            return
    username, full_name, user_id = given
    fields = [field for field, value in zip(("username", "full_name", "user_id"), given) if value]
    row = Participant(course_id=course_id, anonymous_id=anonymous_id, username=username, full_name=full_name,
                      user_id=user_id)
    _write(row, fields)
    written = tuple(value or old for value, old in zip(given, known or ("", "", None)))
    # Remembered once the row is committed: a write step that fails rolls the note back
    # with it, and the participant's next request must write it again.
    transaction.on_commit(lambda: _remember(memo, written))


# The statement a note of these fields is, as the ORM's bulk_create composed it the
# first time (by database alias and the fields given): composing it again on every
# participant's first write took longer than running it.
_COMPOSED = {}


def _write(row, fields):
    """One statement, not a read then a write: INSERT ... ON CONFLICT DO UPDATE (SQLite,
    PostgreSQL) or ON DUPLICATE KEY UPDATE (MySQL, whose only unique key besides the id
    is (course, anonymous id)) of the given values only; with none given, an insert
    that ignores an existing row."""
    alias = router.db_for_write(Participant)
    db = connections[alias]
    inserted = [field for field in Participant._meta.concrete_fields if not field.primary_key]
    sql = _COMPOSED.get((alias, tuple(fields)))
    if sql is None:
        seen = []

        def keep(execute, statement, params, many, context):
            seen.append((statement, params))
            return execute(statement, params, many, context)

        with db.execute_wrapper(keep):
            _bulk_create(db, row, fields)
        if len(seen) == 1 and len(seen[0][1]) == len(inserted):   # one row's values, in the fields' order
            _COMPOSED[(alias, tuple(fields))] = seen[0][0]
        return
    row.updated_at = timezone.now()   # auto_now, as the ORM's pre_save sets it
    with db.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_save(getattr(row, field.attname), db) for field in inserted])
        if cursor.description:
            cursor.fetchall()   # a RETURNING clause's row


def _bulk_create(db, row, fields):
    if fields:
        target = ["course_id", "anonymous_id"] if db.features.supports_update_conflicts_with_target else None
        Participant.objects.bulk_create([row], update_conflicts=True, update_fields=fields, unique_fields=target)
    else:
        Participant.objects.bulk_create([row], ignore_conflicts=True)


def _remember(memo, written):
    with _noted_lock:
        _noted[memo] = written
        _noted.move_to_end(memo)
        if len(_noted) > _NOTED_KNOWN:
            _noted.popitem(last=False)


def forget_noted():
    """Forget which names this process wrote (after rows were removed behind its back:
    the benchmarks' clean-up, tests)."""
    with _noted_lock:
        _noted.clear()


def note_many(course_id, people):
    """{anonymous id: (username, full name)} from a staff paste: rows made or refreshed."""
    for anonymous_id, (username, full_name) in people.items():
        note(course_id, anonymous_id, username, full_name)


def names(course_id, anonymous_ids=None):
    """{anonymous id: (username, full name)}: of the given ids (a group: one query),
    or of everyone the course knows (staff views: one query, streamed)."""
    rows = Participant.objects.filter(course_id=course_id)
    if anonymous_ids is None:
        return {aid: (u, n) for aid, u, n in rows.values_list("anonymous_id", "username", "full_name")
                .iterator(chunk_size=2000)}
    ids = sorted(set(anonymous_ids))
    if len(ids) > 4 * CHUNK:  # most of a course: one streamed query beats many IN lists
        wanted = set(ids)
        return {aid: pair for aid, pair in names(course_id).items() if aid in wanted}
    found = {}
    for start in range(0, len(ids), CHUNK):
        found.update({aid: (u, n) for aid, u, n in rows.filter(anonymous_id__in=ids[start:start + CHUNK])
                      .values_list("anonymous_id", "username", "full_name")})
    return found


def of(course_id, anonymous_id):
    """{"username", "full_name", "user_id"} of one participant, or None (their own-data download)."""
    return (Participant.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
            .values("username", "full_name", "user_id").first())


def anonymous_ids_of_user(user_id, username=""):
    """[(course id, anonymous id)] of an LMS user: by user id, and by username for
    rows that never learned the user id (a name a staff paste gave)."""
    rows = Participant.objects.filter(user_id=user_id) if user_id is not None else Participant.objects.none()
    found = set(rows.values_list("course_id", "anonymous_id"))
    if username:
        found |= set(Participant.objects.filter(username=username, user_id__isnull=True)
                     .values_list("course_id", "anonymous_id"))
    return sorted(found)


def erase(course_id, anonymous_id):
    Participant.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    with _noted_lock:
        _noted.pop((course_id, anonymous_id), None)


def delete_all():
    """Every row of the names (the demo's "Reset state"; never called in the LMS)."""
    for model in (Participant,):
        model.objects.all().delete()
    forget_noted()
