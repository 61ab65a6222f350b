"""Reads that must go through one index, whatever SQLite's statistics say.

The per-item tables (artefact copies, participant notes) have an index per item (every
participant's rows, for staff views) and one per participant. "These few participants'
rows of this item" can use either. MariaDB/MySQL estimate each index by looking into it
and take the participant's; SQLite estimates from ANALYZE's averages, and in a database
where most items are small it takes the item's and reads every participant's rows of a
large item (tests/perf/test_participant_reads_use_their_index.py). On SQLite these reads
name their index with INDEXED BY, which fails loudly if the index is ever renamed.
"""
from django.db import connections
from django.db.models.expressions import RawSQL


def sql_through(queryset, index_name):
    """(sql, params) of `queryset` (one model's table, no joins), reading the table
    through `index_name` on SQLite; unchanged elsewhere."""
    connection = connections[queryset.db]
    sql, params = queryset.query.sql_with_params()
    if connection.vendor != "sqlite":
        return sql, params
    table = f"FROM {connection.ops.quote_name(queryset.model._meta.db_table)}"
    if sql.count(table) != 1:
        raise ValueError(f"expected one {table} in {sql!r}")
    return sql.replace(table, f"{table} INDEXED BY {connection.ops.quote_name(index_name)}"), params


def values_through(queryset, index_name, fields):
    """The rows of `queryset` as tuples of `fields`, in its order, converted as the ORM
    converts them (JSON, times): through `index_name` on SQLite."""
    sql, params = sql_through(queryset.only(*fields), index_name)
    return [tuple(getattr(row, name) for name in fields) for row in queryset.model.objects.raw(sql, params)]


def plain_values_through(queryset, index_name):
    """The rows of a values_list `queryset` of plain text and numbers, as tuples:
    through `index_name` on SQLite."""
    sql, params = sql_through(queryset, index_name)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def subquery_through(queryset, index_name):
    """A values queryset of one column as a subquery (`id__in=`), read through
    `index_name` on SQLite."""
    return RawSQL(*sql_through(queryset, index_name))
