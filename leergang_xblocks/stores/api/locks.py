"""The one lock facility: `held(course_id, scope, key)`.

Scopes: a participant's writes to a block (course, block item id, anonymous
id), course-level records (course, "course:<kind>", key), a group set
(course, "groupset:<name>", "").

MySQL/MariaDB: the step locks its row with `SELECT ... FOR UPDATE`; plain reads
after it see every write committed before the lock was granted, at READ
COMMITTED (Django's default for MySQL) always and at REPEATABLE READ too,
because the step's first plain read comes after the lock. That needs the step
to be the outermost transaction, which it is in the LMS: its handler view
(`handle_xblock_callback` in lms/djangoapps/courseware/block_render.py) is
`non_atomic_requests`. The row is created before the step, in a transaction of
its own, so that first requests racing to create it do not deadlock.

SQLite has one writer at a time: the lock is the database's write lock, taken
when the step begins if the connection opens transactions IMMEDIATE (the
demo's setting), else by the step's first statement, a write to the lock row.
Either way it is held until the step commits.
"""
import contextlib
from collections import OrderedDict

from django.db import IntegrityError, OperationalError, connection, transaction

from ..models import Lock
from . import erasure

MYSQL_DEADLOCK = 1213  # ER_LOCK_DEADLOCK

_ROWS_KNOWN = 20000
_rows_made = OrderedDict()  # lock rows this process made or found: not looked up again


@contextlib.contextmanager
def held(course_id: str, scope: str, key: str = ""):
    """Hold the lock for (course_id, scope, key) until the transaction it opens ends.

    Everything inside the block runs in that transaction and commits together
    or, on an exception, not at all. Another `held` of the same triple waits
    until then; other triples never wait (on SQLite: see the module's note).
    """
    if connection.features.has_select_for_update and not connection.in_atomic_block:
        _make_row(course_id, scope, key)
    with transaction.atomic():
        _take(course_id, scope, key)
        yield


def _make_row(course_id, scope, key):
    """Create the lock row in a transaction of its own, before the step.

    Inside the step, several first requests inserting the same row deadlock on
    InnoDB: the losers keep the shared lock their failed insert took until the
    step ends, and each then waits for the other's to lock the row. Committed
    here, a failed insert keeps nothing. A row this process has seen is not
    looked up again (should one be removed, `_take` makes it again).
    """
    memo = (course_id, scope, key)
    if memo in _rows_made:
        _rows_made.move_to_end(memo)
        return
    if not Lock.objects.filter(course_id=course_id, scope=scope, key=key).exists():
        try:
            with transaction.atomic():
                Lock.objects.create(course_id=course_id, scope=scope, key=key)
        except IntegrityError:
            pass  # another first request made it
        except OperationalError as exc:
            # Another first request made the row and holds it in its step; its
            # inserts next to this key's index entry can make InnoDB pick this
            # lone insert as a deadlock victim. The row exists, which is all
            # this was for; the step waits for it as usual.
            if exc.args[:1] != (MYSQL_DEADLOCK,):
                raise
    _rows_made[memo] = True
    if len(_rows_made) > _ROWS_KNOWN:
        _rows_made.popitem(last=False)


def _take(course_id, scope, key):
    rows = Lock.objects.filter(course_id=course_id, scope=scope, key=key)
    if not connection.features.has_select_for_update:
        if _begins_immediate():
            return  # the step's BEGIN IMMEDIATE took SQLite's write lock, held until commit
        # SQLite: a write takes the database's write lock, which is then held until commit.
        if not rows.update(key=key):
            Lock.objects.create(course_id=course_id, scope=scope, key=key)
        return
    if list(rows.select_for_update().values_list("pk", flat=True)):
        return
    try:
        # The row was removed since this process saw it: make it again. Two
        # such requests: the second insert waits for the first transaction,
        # then fails on the unique key and locks the row the first one made.
        with transaction.atomic():
            Lock.objects.create(course_id=course_id, scope=scope, key=key)
    except IntegrityError:
        list(rows.select_for_update().values_list("pk", flat=True))


def _begins_immediate():
    """True when SQLite transactions start with BEGIN IMMEDIATE (Django 5.1's
    `transaction_mode` option), which takes the write lock at once."""
    return (connection.vendor == "sqlite"
            and str(connection.settings_dict.get("OPTIONS", {}).get("transaction_mode", "")).upper() == "IMMEDIATE")


def forget_rows():
    """Forget which lock rows this process has seen (after they were deleted)."""
    _rows_made.clear()


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Remove the participant's lock rows (their key is the anonymous id)."""
    Lock.objects.filter(course_id=course_id, key=anonymous_id).delete()
    for memo in [memo for memo in _rows_made if memo[0] == course_id and memo[2] == anonymous_id]:
        del _rows_made[memo]


def delete_all():
    """Remove every lock row (the demo's "Reset state"; never called in the LMS)."""
    Lock.objects.all().delete()
    forget_rows()
