"""Plain SQL for a participant request's hot reads of the package's own tables.

Composing an ORM query (filters, ordering, slicing, compiling) took longer than SQLite
took to answer it, several times per write (the trust scan's hot lookups are plain SQL
for that reason). `rows` runs a statement and converts each column as the ORM converts
that model field (the backend's converters and the field's own: times, JSON, UUIDs),
so what it returns is what `values_list` would. Statements name their columns with
`columns`, quoted for the connection's backend.

Its sibling prepared.py has the ORM compose a read or an insert once and reuses its SQL:
the first choice. This module is for the statements the ORM does not compose: a UNION ALL
of per-key index ranges each with its own LIMIT (logs.newest_of_each), a read that must
name its index on SQLite (artefacts.own_records).
"""
import functools

from django.db import connections


def connection_of(model):
    return connections[model.objects.db]


def quoted(model, names):
    """(quoted table, quoted column names) of `model` on its connection."""
    quote = connection_of(model).ops.quote_name
    return quote(model._meta.db_table), [quote(model._meta.get_field(name).column) for name in names]


@functools.lru_cache(maxsize=64)
def _converters(model, names, vendor):
    connection = connection_of(model)
    found = []
    for name in names:
        column = model._meta.get_field(name).get_col(model._meta.db_table)
        found.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
    return found


def rows(model, names, sql, params):
    """The rows of `sql` (selecting `names` of `model`, in that order) as tuples of
    values converted as the ORM converts them."""
    connection = connection_of(model)
    names = tuple(names)
    converters = _converters(model, names, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    converted = []
    for row in found:
        values = []
        for value, (column, steps) in zip(row, converters):
            for step in steps:
                value = step(value, column, connection)
            values.append(value)
        converted.append(tuple(values))
    return converted
