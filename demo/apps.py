"""The demo as a Django app, for one thing done at migrate time: one row per key
in the workbench's key-value store.

xblock-sdk's `XBlockState` has no unique key, and its store reads a row with a
plain `get_or_create`. A participant's first two overlapping requests can then
both create the row for one key; every later request of that participant fails
with MultipleObjectsReturned (a 500). The LMS's `StudentModule` has a unique
key, so this is the demo's problem only. With a unique index on the key,
Django's `get_or_create` recovers: the second insert fails and it reads the
row the first one made.
"""
from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

# v2 compares keys whose scope id is NULL too: a per-user field of no single
# block (Scope.user_info: the blocks remember there where a user was course staff,
# core/platform.py) is stored with a NULL scope id, and a plain unique index
# lets two such rows in.
INDEX = "leergang_xblockstate_one_row_per_key_v2"
OLD_INDEXES = ("leergang_xblockstate_one_row_per_key",)
KEY_COLUMN = "leergang_scope_key"   # MariaDB/MySQL: IFNULL(scope_id, '') as a stored column
TABLE = "workbench_xblockstate"


class DemoConfig(AppConfig):
    name = "demo"
    label = "leergang_demo"
    verbose_name = "Leergang demo"

    def ready(self):
        post_migrate.connect(one_row_per_state_key, dispatch_uid=INDEX)
        # Scenario loading with the sample courses and the authored rows made up
        # front (demo/scenarios.py). Installed here, when Django starts, rather
        # than in the URLconf: gunicorn's master loads the scenarios before any
        # URLconf is imported, and the workers would otherwise race to create
        # the content rows, which the unique index cannot guard (no user id).
        import workbench.scenarios

        from demo.scenarios import init_scenarios_with_sample_courses

        workbench.scenarios.init_scenarios = init_scenarios_with_sample_courses


def one_row_per_state_key(sender=None, using="default", **kwargs):
    """Create the unique index once, after removing duplicates an older run left."""
    connection = connections[using]
    mysql = connection.vendor == "mysql"
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return
        constraints = connection.introspection.get_constraints(cursor, TABLE)
        if INDEX in constraints:
            return
        for old in OLD_INDEXES:
            if old in constraints:
                cursor.execute(f"DROP INDEX {old} ON {TABLE}" if mysql else f"DROP INDEX {old}")
        # Keep the oldest row of each key (MySQL needs the subquery wrapped to
        # delete from the table it reads).
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE id NOT IN (SELECT keep FROM "
            f"(SELECT MIN(id) AS keep FROM {TABLE} GROUP BY scope, IFNULL(scope_id, ''), user_id) AS oldest)")
        # Rows without a user (content, settings) have NULL user ids, which a
        # unique index does not compare; the demo creates those while the
        # scenarios load, in one process (demo/scenarios.py). A NULL scope id is
        # compared as '': SQLite indexes the expression, MariaDB a stored column.
        if mysql:
            cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN {KEY_COLUMN} VARCHAR(255) "
                           f"AS (IFNULL(scope_id, '')) STORED")
            cursor.execute(f"CREATE UNIQUE INDEX {INDEX} ON {TABLE} (scope, {KEY_COLUMN}, user_id)")
        else:
            cursor.execute(f"CREATE UNIQUE INDEX {INDEX} ON {TABLE} (scope, IFNULL(scope_id, ''), user_id)")
