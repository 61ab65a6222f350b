"""Statements of a participant's write that the ORM composes once per process.

Django composes a query's SQL anew on every call: for the small indexed reads and
single-row inserts of a participant's write that took several times longer than the
database took to answer them (cProfile of the trust scan's submit, docs/developers.md
"What a write costs"). `Read` lets the ORM build a read once per connection, keeps its
SQL and the ORM's own converters (JSON, times, the backend's), and runs it again with
new values; `insert` writes one row with the SQL the model's fields give, each value
prepared by its field as the ORM prepares it. The ORM models and their migrations stay
what they are; only the composing is saved. Callers are stores/api functions; blocks
never see this module. A statement the ORM cannot compose (a UNION ALL of limited
ranges, a named index) is written by hand in plain.py, which converts its columns the same way.
"""
import threading

from django.db import connections, router

_local = threading.local()  # a connection is a thread's own: so are the plans made on it


def _marker(index):
    # No "_", "%" or "\\": a LIKE pattern escapes those (`startswith`), and a marker
    # must come out of the ORM's preparation as itself.
    return f"\x00leergang{index}\x00"


class Read:
    """A read whose SQL is composed once per connection: `build(**values)` returns a
    `values_list` queryset of one model in which each named value is a text compared
    exactly or by `startswith`; `rows(**values)` runs it with these values and returns
    tuples converted as the ORM would have converted them."""

    def __init__(self, build, *names):
        self.build = build
        self.names = names

    def rows(self, **values):
        plan = self._plan()
        sql, slots, compiler, converters = plan
        params = [slot(values) for slot in slots]
        with compiler.connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        if converters:
            found = [tuple(row) for row in compiler.apply_converters(found, converters)]
        return found

    def _plan(self):
        plans = getattr(_local, "plans", None)
        if plans is None:
            plans = _local.plans = {}
        queryset = None
        alias = getattr(self, "_alias", None)
        if alias is None:
            queryset = self.build(**{name: _marker(i) for i, name in enumerate(self.names)})
            alias = self._alias = queryset.db
        key = (id(self), alias, id(connections[alias]))
        plan = plans.get(key)
        if plan is None:
            queryset = queryset if queryset is not None else self.build(
                **{name: _marker(i) for i, name in enumerate(self.names)})
            compiler = queryset.query.get_compiler(alias)
            sql, params = compiler.as_sql()
            slots = [self._slot(param, compiler.connection) for param in params]
            fields = [column[0] for column in compiler.select[:compiler.col_count]]
            plan = plans[key] = (sql, slots, compiler, compiler.get_converters(fields))
        return plan

    def _slot(self, param, connection):
        """How one parameter of the composed SQL is made from the values of a call."""
        for index, name in enumerate(self.names):
            marker = _marker(index)
            if param == marker:
                return lambda values, name=name: values[name]
            if isinstance(param, str) and marker in param:
                # A LIKE pattern (`startswith`): the value escaped as the ORM escapes it.
                return lambda values, name=name, param=param, marker=marker: param.replace(
                    marker, connection.ops.prep_for_like_query(values[name]))
        return lambda values, param=param: param


def insert(model, returning_id=False, **values):
    """Insert one row of `model`: every concrete field but the automatic key, from
    `values` or the field's default, prepared as the ORM prepares it for saving.
    Returns the values written (defaults filled in), with the new row's "id" when
    `returning_id` (RETURNING where the database has it, else the cursor's last id,
    as the ORM's own insert does)."""
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = _insert_fields(model, alias)
    row = {field.attname: values[field.attname] if field.attname in values else field.get_default()
           for field, _ in fields}
    sql = _insert_sql(model, alias, connection)
    returning = returning_id and connection.features.can_return_columns_from_insert
    if returning:
        sql += " " + connection.ops.return_insert_columns([model._meta.pk])[0]
    with connection.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_save(row[field.attname], connection) for field, _ in fields])
        if returning:
            row["id"] = cursor.fetchone()[0]
        elif returning_id:
            row["id"] = connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column)
    return row


def _insert_fields(model, alias):
    return [(field, field.column) for field in model._meta.concrete_fields
            if not (field.primary_key and field.get_internal_type() in ("AutoField", "BigAutoField"))]


def _insert_sql(model, alias, connection):
    cache = getattr(_local, "inserts", None)
    if cache is None:
        cache = _local.inserts = {}
    key = (model, alias)
    if key not in cache:
        quote = connection.ops.quote_name
        columns = [column for _, column in _insert_fields(model, alias)]
        cache[key] = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
                      f"VALUES ({', '.join(['%s'] * len(columns))})")
    return cache[key]
