"""Running tallies and aggregates: one row each, changed under its row lock.

`update(course, item, key, change, empty)` runs inside the writer's
transaction: the row is made on first use (race-safe), locked
(`select_for_update` on MySQL/MariaDB; on SQLite the writer's transaction
holds the database's write lock), changed by a pure function and saved; the
lock is held until the writer's transaction commits, so every writer of the
tally waits for the one before. Take it last in a step.
"""
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from ..models import Tally
from . import prepared


def _rows(course_id, item_id, key):
    return Tally.objects.filter(course_id=course_id, item_id=item_id, key=key)


def read(course_id, item_id, key):
    """The tally's data, or None before its first change. One indexed query."""
    row = _rows(course_id, item_id, key).values_list("version", "data").first()
    return row[1] if row and row[0] else None


def read_many(course_id, item_id, keys):
    """{key: data} of the item's tallies among `keys` that have changed at least once:
    one indexed query (staff views of every group's row)."""
    rows = Tally.objects.filter(course_id=course_id, item_id=item_id, key__in=list(keys), version__gt=0)
    return dict(rows.values_list("key", "data"))


# The row under its lock, and the change saved: composed once per process
# (stores/api/prepared.py), as every writer of a tally takes them in its step.
_LOCKED = prepared.Read(lambda course_id, item_id, key: _rows(course_id, item_id, key).select_for_update()
                        .values_list("pk", "version", "data")[:1], "course_id", "item_id", "key")


def update(course_id, item_id, key, change, empty):
    """Set the tally to `change(current or empty())` under its lock; returns the new
    data (the current data, or None, when `change` returns None and nothing changes)."""
    with transaction.atomic(savepoint=False):
        found = _LOCKED.rows(course_id=course_id, item_id=item_id, key=key)
        if not found:
            try:
                with transaction.atomic():  # a savepoint: a concurrent first writer may win the insert
                    Tally.objects.create(course_id=course_id, item_id=item_id, key=key)
            except IntegrityError:
                pass
            found = _LOCKED.rows(course_id=course_id, item_id=item_id, key=key)
        pk, version, current = found[0]
        current = current if version else None
        data = change(current if current is not None else empty())
        if data is None:
            return current
        _save(pk, data)
        return data


def _save(pk, data):
    """UPDATE the row's data, one more version and the time: the statement the ORM's
    `update(data=..., version=F("version") + 1, updated_at=...)` makes."""
    connection = connections[router.db_for_write(Tally)]
    meta, quote = Tally._meta, connection.ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in ("data", "version", "updated_at", "id")}
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(meta.db_table)} SET {column['data']} = %s, "
                       f"{column['version']} = {column['version']} + 1, {column['updated_at']} = %s "
                       f"WHERE {column['id']} = %s",
                       [meta.get_field("data").get_db_prep_save(data, connection),
                        meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection), pk])


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    Tally.objects.all().delete()


def _plain(sql_of, params):
    """Run a statement built by `sql_of(quote)` on the tallies' table; returns the cursor's
    (first row, row count). Plain SQL for a participant write's two statements: the ORM
    took longer to compose them than SQLite took to run them."""
    connection = connections[Tally.objects.db]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(sql_of(quote, quote(Tally._meta.db_table)), params)
        return (cursor.fetchone() if cursor.description else None), cursor.rowcount, connection


def _where(quote):
    return f"{quote('course_id')} = %s AND {quote('item_id')} = %s AND {quote('key')} = %s"


def read_versioned(course_id, item_id, key):
    """(version, data) of the tally, (0, None) before its first change: `read` with the
    version that `update_if_version` compares. One indexed query."""
    row, _count, connection = _plain(
        lambda quote, table: f"SELECT {quote('version')}, {quote('data')} FROM {table} WHERE {_where(quote)}",
        [course_id, item_id, key])
    if not row or not row[0]:
        return (0, None)
    return (row[0], Tally._meta.get_field("data").from_db_value(row[1], None, connection))


def update_if_version(course_id, item_id, key, version, data):
    """Set the tally to `data` if its version is still `version` (read in this
    transaction): one UPDATE, which takes the row's lock, instead of `update`'s locked
    read and UPDATE. False, and nothing changed, when another writer came first or the
    row has no change yet; the caller then folds its change in with `update`."""
    if not version:
        return False
    connection = connections[Tally.objects.db]
    fields = Tally._meta
    params = [fields.get_field("data").get_db_prep_value(data, connection),
              fields.get_field("updated_at").get_db_prep_value(timezone.now(), connection),
              course_id, item_id, key, version]
    _row, changed, _connection = _plain(
        lambda quote, table: (f"UPDATE {table} SET {quote('data')} = %s, {quote('version')} = {quote('version')} + 1, "
                              f"{quote('updated_at')} = %s WHERE {_where(quote)} AND {quote('version')} = %s"),
        params)
    return changed == 1
