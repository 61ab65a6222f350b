"""Shared logs: append-only entries many participants write and read, cheap at any size.

A log is (course_id, log, key): `log` names a block's logs of one kind (say
"<block item>#wall"), `key` one log of them ("r1:a": the reasons for option a
in round 1). Reading the newest n of one key is an index range read, so a
participant request reading a few logs costs the same at 20 and at 5,000
participants. Entry ids only grow: `since(after_id)` gives what was added
after a reader's last look.
"""
import uuid as uuid_module

from ..data import Entry
from ..models import LogEntry
from . import erasure, locks, plain

_FIELDS = ("id", "uuid", "written_at", "data", "key")


def _entry(row):
    pk, entry_uuid, at, data, key = row
    return Entry(pk, entry_uuid.hex, at, data, key)


def _uuid(value):
    try:
        return uuid_module.UUID(str(value))
    except ValueError:
        return None


def append(course_id, log, key, data, entry_uuid=None, author=""):
    """Add an entry; returns it. One insert."""
    row = LogEntry.objects.create(course_id=course_id, log=log, key=key, data=data, author=author or "",
                                  uuid=_uuid(entry_uuid) if entry_uuid else uuid_module.uuid4())
    return Entry(row.id, row.uuid.hex, row.written_at, data, key)


def _of(course_id, log):
    return LogEntry.objects.filter(course_id=course_id, log=log)


def newest(course_id, log, key, limit):
    """The newest `limit` entries of one log, newest first (one bounded query)."""
    return [_entry(row) for row in _of(course_id, log).filter(key=key).order_by("-id").values_list(*_FIELDS)[:limit]]


def of_keys(course_id, log, keys, limit=None):
    """Every entry (or the newest `limit`) of a few logs together, oldest first."""
    rows = _of(course_id, log).filter(key__in=list(keys)).order_by("-id").values_list(*_FIELDS)
    if limit:
        rows = rows[:limit]
    return [_entry(row) for row in rows][::-1]


def by_uuid(course_id, log, entry_uuid):
    wanted = _uuid(entry_uuid)
    if wanted is None:
        return None
    row = _of(course_id, log).filter(uuid=wanted).values_list(*_FIELDS).first()
    return _entry(row) if row else None


def since(course_id, log, after_id=0, limit=None):
    """Entries of every key of this log added after id `after_id`, oldest first."""
    rows = _of(course_id, log).filter(id__gt=after_id or 0).order_by("id").values_list(*_FIELDS)
    if limit:
        rows = rows[:limit]
    return [_entry(row) for row in rows]


def all_entries(course_id, log, key_prefix=""):
    """(key, entry) of every entry of this log, oldest first (staff views and checks)."""
    rows = _of(course_id, log).filter(key__startswith=key_prefix).order_by("id").values_list(*_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        yield row[4], _entry(row)


def update_latest(course_id, log, key, change, empty):
    """Append `change(newest data or empty())` to the log `key` under the log's
    lock (nothing when `change` returns None); returns the data appended, or
    the newest data when nothing was. Inside the caller's transaction."""
    with locks.held(course_id, "log:" + log, key):
        latest = newest(course_id, log, key, 1)
        current = latest[0].data if latest else None
        data = change(current if current is not None else empty())
        if data is None:
            return current
        append(course_id, log, key, data)
        return data


def remove(course_id, log, entry_uuids):
    """Remove these entries (a participant's, when their state is deleted)."""
    wanted = [found for found in (_uuid(value) for value in entry_uuids if value) if found]
    if wanted:
        _of(course_id, log).filter(uuid__in=wanted).delete()


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Remove every entry this participant wrote in this course's logs."""
    LogEntry.objects.filter(course_id=course_id, author=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    LogEntry.objects.all().delete()




def newest_of_each(course_id, log, keys, limit):
    """{key: the newest `limit` entries of that log, newest first} for a few logs of one
    item: one statement (a UNION ALL of each key's index range read) where `newest` per
    key is a query each; plain SQL, since the ORM cannot order and slice the parts of a
    union on SQLite and took longer to compose the three than SQLite took to answer them.
    A participant's page in the dialogue reads the reasons of every option so."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    table, (pk, entry_uuid, written_at, data, key_column, course, log_column) = plain.quoted(
        LogEntry, _FIELDS + ("course_id", "log"))
    columns = ", ".join((pk, entry_uuid, written_at, data, key_column))
    quote = plain.connection_of(LogEntry).ops.quote_name
    parts = [f"SELECT * FROM (SELECT {columns} FROM {table} WHERE {course} = %s AND {log_column} = %s "
             f"AND {key_column} = %s ORDER BY {pk} DESC LIMIT %s) AS {quote(f'part{n}')}" for n in range(len(keys))]
    params = [value for key in keys for value in (course_id, log, key, int(limit))]
    found = {key: [] for key in keys}
    for row in plain.rows(LogEntry, _FIELDS, " UNION ALL ".join(parts), params):
        found[row[4]].append(_entry(row))
    for entries in found.values():
        entries.sort(key=lambda entry: entry.id, reverse=True)
    return found


def newest_of_keys(course_id, log, keys, limit):
    """The newest `limit` entries of a few logs of one item together, oldest first:
    `of_keys` with a limit, in plain SQL (a participant write's hot read, stores/api/plain.py)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    table, (pk, entry_uuid, written_at, data, key_column, course, log_column) = plain.quoted(
        LogEntry, _FIELDS + ("course_id", "log"))
    sql = (f"SELECT {', '.join((pk, entry_uuid, written_at, data, key_column))} FROM {table} "
           f"WHERE {course} = %s AND {log_column} = %s AND {key_column} IN ({', '.join(['%s'] * len(keys))}) "
           f"ORDER BY {pk} DESC LIMIT %s")
    return [_entry(row) for row in plain.rows(LogEntry, _FIELDS, sql, [course_id, log, *keys, int(limit)])][::-1]
