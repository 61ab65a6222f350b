"""Where a participant's data lives, and the one rule for writing it.

Records: append-only rows in edx-submissions
--------------------------------------------
Anything a block stores about a participant is an edx-submissions row (a
"record"), one new row per write, never updated in place:

- `RecordStore`: what staff or other participants read (scan results for the
  cohort comparison and the staff report; later peer updates and arguments).
  Totals are computed from those rows when they are read, so two participants
  writing at the same moment can never overwrite each other, as a
  read-modify-write tally in `Scope.user_state_summary` would.
- `PrivateState`: a participant's own working state (a draft, a private note),
  as versioned rows under an item id of its own. Only the participant (and
  their own-data download) reads it. It is kept out of `Scope.user_state` on
  purpose: the LMS prints every learner's user state in the instructor's
  "Problem responses" report, and user state cannot be read fresh inside a
  handler (below).

Rows are keyed by the participant's anonymous id only. The participant's hot
path (their step's reads, lookups and inserts) uses plain SQL on edx-submissions'
two tables, with values converted by the model's own fields: composing those
queries with the ORM cost more than running them.

The rule for handlers that write (every block follows it)
---------------------------------------------------------
One participant's requests overlap: a double click, two tabs, an autosave
racing the submit. So:

1. A handler that changes participant data declares `@json_handler(...,
   writes=True)`. The decorator runs it inside `participant_write(block,
   identity)`: one database transaction that first locks a row belonging to
   this participant and this block. A second request of the same participant
   waits there until the first has committed; other participants never wait.
2. Every check that decides a write (already submitted? which attempt? is the
   draft version current?) reads the records *inside* that step, and the write
   happens in the same step. A check made before the step, or on data read
   before it, is a race.
3. User state (`Scope.user_state`) is not a source of truth. The LMS reads it
   before the handler runs and writes it back as a whole after, so a value
   read there may be stale and a write can put back an older copy. Whatever
   mirrors the records (submitted or not, attempt numbers, results, "retaking")
   is derived from the records when it is needed. A block may keep a
   write-only copy in user state for the platform's report, written inside the
   step and never read to decide anything.
4. The block's dirty fields are saved (`self.save()`) inside the step by the
   decorator, not after the handler returns as the runtime would.
5. Read what the step needs once: `read_together` reads a participant's
   records of several stores (results, the newest private state, series) in one
   query, and remembers inside the step which of their StudentItem rows exist,
   so that the appends after it need no lookup of their own.

Databases: on MySQL/MariaDB the lock is `SELECT ... FOR UPDATE` on the row;
plain reads after it see every write committed before the lock was granted:
at READ COMMITTED (Django's default for MySQL since 2.0) always, and at
REPEATABLE READ too, because the step's first plain read comes after the lock.
That needs the step to be the outermost transaction, which it is in the LMS:
its handler view (`handle_xblock_callback` in
lms/djangoapps/courseware/block_render.py) is `non_atomic_requests`. The lock
row is created before the step, in a transaction of its own, so that first
requests racing to create it do not deadlock. On SQLite, which has one writer
at a time, the lock is the database's write lock: taken when the step begins
when the connection opens transactions IMMEDIATE (the demo's setting), else by
the step's first statement (a write to the lock row).
"""
import contextlib
import contextvars
import json
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, connection, transaction
from submissions import api as submissions_api
from submissions.models import DELETED, StudentItem, Submission

from ..stores.api import locks
from . import platform

PRIVATE_SUFFIX = "#private"
MYSQL_DEADLOCK = 1213  # ER_LOCK_DEADLOCK


@dataclass(frozen=True)
class Record:
    anonymous_id: str
    attempt: int
    submitted_at: object
    data: dict


# --- The serialised step ------------------------------------------------------------

@dataclass
class _Step:
    """The participant whose serialised step is running, its block, and the ids
    of the participant's StudentItem rows seen in it. Only this step creates
    this participant's rows of this block's items (item ids that hold the
    block's usage id: results, "#private", a series' "series:<name>:<usage
    id>"), so for those an id seen here stays valid until the step ends, and a
    missing one needs no savepoint. Items other blocks share (a course-level
    case, say) are left to the usual path."""
    anonymous_id: str
    course_id: str
    block_item: str
    student_items: dict = field(default_factory=dict)  # (item_id, item_type) -> pk

    def covers(self, anonymous_id, course_id, item_id):
        return (anonymous_id == self.anonymous_id and course_id == self.course_id
                and self.block_item in item_id)


_current_step = contextvars.ContextVar("leergang_participant_step", default=None)


@contextlib.contextmanager
def participant_write(block, identity):
    """One transaction in which one participant's writes to one block happen in turn.

    Holds the participant's lock of this block (`stores.api.locks.held` with
    scope = the block's item id, key = the anonymous id) from before anything
    else until the transaction ends. Everything inside commits together or, on
    an exception, not at all.
    """
    if not identity.anonymous_id:
        raise ValueError("only a signed-in participant can write")
    course_id = platform.course_id(block)
    block_item = platform.item_id(block)
    with locks.held(course_id, block_item, identity.anonymous_id):
        token = _current_step.set(_Step(identity.anonymous_id, course_id, block_item))
        try:
            yield
        finally:
            _current_step.reset(token)


# --- Records ------------------------------------------------------------------------

class RecordStore:
    """The records of one kind (`item_type`) for one block."""

    def __init__(self, block, item_type, item_id=None, course_id=None):
        self.course_id = course_id or platform.course_id(block)
        self.item_id = item_id or platform.item_id(block)
        self.item_type = item_type

    def _student_item(self, anonymous_id):
        return {
            "student_id": anonymous_id,
            "course_id": self.course_id,
            "item_id": self.item_id,
            "item_type": self.item_type,
        }

    def append(self, anonymous_id, data, attempt):
        """Add a new record; earlier ones stay. Call inside `participant_write`.

        Writes edx-submissions' models directly, as `latest_per_participant`
        reads them: the API's `create_submission` costs seven queries and a DRF
        serializer per record (get, exists, savepoint, insert, release, a re-read
        for the serializer, insert), which made submit slower than xblock-poll's
        vote. Its one check that matters here, the answer's size, is kept.
        """
        if len(json.dumps(data)) > Submission.MAXSIZE:
            raise ValueError("record too large for edx-submissions")
        student_item_id = self._student_item_id(anonymous_id)
        if attempt is None:  # as the API does: one more than the newest record's
            newest = (Submission.objects.filter(student_item_id=student_item_id).order_by("-submitted_at", "-id")
                      .values_list("attempt_number", flat=True).first())
            attempt = (newest or 0) + 1
        row = insert_submission(student_item_id, attempt, data)
        return Record(anonymous_id, row.attempt_number, row.submitted_at, data)

    def _student_item_id(self, anonymous_id):
        """The id of this participant's StudentItem, made on first use.

        Inside the participant's serialised step no other request of theirs
        creates it: an id the step has seen (`read_together`, an earlier append)
        is used without a query, and a missing row is created without a
        savepoint. Outside the step, the savepoint lets a racing creator win.
        """
        step = _current_step.get()
        in_step = step is not None and step.covers(anonymous_id, self.course_id, self.item_id)
        memo = (self.item_id, self.item_type)
        if in_step and memo in step.student_items:
            return step.student_items[memo]
        key = self._student_item(anonymous_id)
        found = student_item_id(key)
        if found is None:
            if in_step:
                found = _insert_student_item(key)
            else:
                found = student_item(key).pk
        if in_step:
            step.student_items[memo] = found
        return found

    def _condition(self, anonymous_id):
        """Which of a participant's rows (`si`: their StudentItems in the course,
        `s`: the rows) belong to this store: SQL and its parameters, for `read_together`."""
        return "(si.item_id = %s AND si.item_type = %s)", [self.item_id, self.item_type]

    def _owns(self, item_id, item_type):
        return item_id == self.item_id and item_type == self.item_type

    def history(self, anonymous_id):
        """This participant's records, oldest first (one query)."""
        return list(self._rows("submitted_at", "id", student_id=anonymous_id))

    def latest(self, anonymous_id):
        """This participant's newest record, or None (one query)."""
        return next(self._rows("-id", student_id=anonymous_id, limit=1), None)

    def clear(self, anonymous_id):
        """Remove this participant's records, as the LMS's "Delete learner's state" does:
        edx-submissions marks them deleted (they stay for analytics, unread by blocks)."""
        submissions_api.reset_score(anonymous_id, self.course_id, self.item_id, clear_state=True,
                                    emit_signal=False)

    def _rows(self, *order, student_id=None, limit=None):
        """(anonymous id, attempt, submitted_at, answer) of this item, in one streamed query."""
        only_one = {"student_item__student_id": student_id} if student_id else {}
        rows = (
            Submission.objects
            .filter(**only_one,
                    student_item__course_id=self.course_id,
                    student_item__item_id=self.item_id,
                    student_item__item_type=self.item_type)  # the default manager leaves out deleted rows
            .order_by(*order)
            .values_list("student_item__student_id", "attempt_number", "submitted_at", "answer")
        )
        if limit:
            rows = rows[:limit]
        for anonymous_id, attempt, submitted_at, answer in rows.iterator(chunk_size=2000):
            yield Record(anonymous_id, attempt, submitted_at, answer)

    def latest_per_participant(self):
        """The newest record of every participant.

        Reads the edx-submissions model directly rather than through
        `get_all_submissions`, whose per-row serializer dominates the cost of a
        staff report on a large cohort; the query is the same.
        """
        last_seen = None
        for record in self._rows("student_item__student_id", "-submitted_at", "-id"):
            if record.anonymous_id != last_seen:
                last_seen = record.anonymous_id
                yield record

    def all_records(self):
        """Every record of this item, participant by participant, oldest first."""
        return self._rows("student_item__student_id", "submitted_at", "id")


class PrivateState:
    """A participant's private working state in one block, with a version.

    Each write appends a row holding the whole state; the newest row is the
    state and its number is the version. A handler compares the version the
    browser last saw with `read()` inside `participant_write` and writes in the
    same step, so of two writers who saw the same version exactly one wins.
    """

    def __init__(self, block, item_type, course_id=None, item_id=None):
        base = item_id or platform.item_id(block)
        self.store = RecordStore(block, item_type, item_id=base + PRIVATE_SUFFIX, course_id=course_id)

    def read(self, anonymous_id):
        """(version, data): (0, {}) before the first write. One query."""
        record = self.store.latest(anonymous_id)
        return self.state_of(record)

    @staticmethod
    def state_of(record):
        """(version, data) of the newest private record (or None), as `read` gives it."""
        return (record.attempt, record.data) if record else (0, {})

    def _condition(self, anonymous_id):
        """Only the newest live row (what `read` gives), chosen inside the same query."""
        submission, student_item = _tables()
        return (f"s.id = (SELECT s2.id FROM {submission} s2 JOIN {student_item} si2 ON s2.student_item_id = si2.id"
                " WHERE si2.course_id = %s AND si2.student_id = %s AND si2.item_id = %s AND si2.item_type = %s"
                " AND s2.status <> %s ORDER BY s2.id DESC LIMIT 1)",
                [self.store.course_id, anonymous_id, self.store.item_id, self.store.item_type, DELETED])

    def _owns(self, item_id, item_type):
        return self.store._owns(item_id, item_type)

    def write(self, anonymous_id, data, version):
        """Store `data` as the state after `version`; returns the new version."""
        return self.store.append(anonymous_id, data, version + 1).attempt

    def history(self, anonymous_id):
        return self.store.history(anonymous_id)

    def clear(self, anonymous_id):
        self.store.clear(anonymous_id)


def read_together(anonymous_id, *stores):
    """One participant's records in several stores of one course, in one query:
    a list per store, oldest first, as each store's `history` gives them (a
    PrivateState: only its newest record, as `read` uses). Inside the
    participant's step, the StudentItem rows seen are remembered for appends.

    Reads only this participant's rows (their StudentItems by the unique key's
    prefix), so it costs the same whatever the cohort size.
    """
    course_id = _store_of(stores[0]).course_id
    if any(_store_of(store).course_id != course_id for store in stores):
        raise ValueError("read_together reads stores of one course")
    conditions, params = [], []
    for store in stores:
        sql, store_params = store._condition(anonymous_id)
        conditions.append(sql)
        params += store_params
    # Plain SQL: the same query built with the ORM took 30 times longer to
    # compose than to run, more than the two queries it replaces.
    submission, student_item = _tables()
    sql = (f"SELECT s.student_item_id, si.item_id, si.item_type, s.attempt_number, s.submitted_at, s.raw_answer"
           f" FROM {submission} s JOIN {student_item} si ON s.student_item_id = si.id"
           f" WHERE si.course_id = %s AND si.student_id = %s AND s.status <> %s AND ({' OR '.join(conditions)})"
           f" ORDER BY s.submitted_at, s.id")
    with connection.cursor() as cursor:
        cursor.execute(sql, [course_id, anonymous_id, DELETED] + params)
        rows = cursor.fetchall()
    found = [[] for _ in stores]
    step = _current_step.get()
    to_datetime, to_answer = _converter("submitted_at"), _converter("answer")
    for student_item_id, item_id, item_type, attempt, submitted_at, answer in rows:
        submitted_at, answer = to_datetime(submitted_at), to_answer(answer)
        if step is not None and step.covers(anonymous_id, course_id, item_id):
            step.student_items[(item_id, item_type)] = student_item_id
        for index, store in enumerate(stores):
            if store._owns(item_id, item_type):
                found[index].append(Record(anonymous_id, attempt, submitted_at, answer))
                break
    return found


def _store_of(store):
    return store.store if isinstance(store, PrivateState) else store


def student_item(key):
    """The StudentItem with this key (student, course, item id, item type), made on
    first use. Race-safe anywhere: the insert runs in a savepoint, so when another
    first writer wins it, this reads the row they made."""
    lookup = {name: key[name] for name in ("student_id", "course_id", "item_id")}
    found = StudentItem.objects.filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return StudentItem.objects.create(**key)
    except IntegrityError:
        return StudentItem.objects.get(**lookup)


def student_item_id(key, for_update=False):
    """The id of the StudentItem with this key (student, course, item: the
    unique key; and the item type if given), or None. Plain SQL: a hot path,
    where the ORM took ten times longer to compose the query than the database
    to answer it. `for_update` locks the row where the database can (not
    SQLite, whose write transactions are serialised already)."""
    _, student_item = _tables()
    typed = " AND item_type = %s" if "item_type" in key else ""
    lock = " FOR UPDATE" if for_update and connection.features.has_select_for_update else ""
    params = [key["course_id"], key["student_id"], key["item_id"]] + ([key["item_type"]] if typed else [])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {student_item} WHERE course_id = %s AND student_id = %s AND item_id = %s"
                       f"{typed}{lock}", params)
        row = cursor.fetchone()
    return row[0] if row else None


def insert_submission(student_item_id, attempt, answer):
    """Insert one edx-submissions row and return it (unsaved model, its values set).

    What `Submission.objects.create` does (the model has no save() of its own
    and no signals), with each column's value prepared by its own field, so a
    column the model adds is filled as the ORM would fill it; without the
    ORM's query composition, which cost twice the insert itself.
    """
    row = Submission(student_item_id=student_item_id, attempt_number=attempt, answer=answer)
    fields = [model_field for model_field in Submission._meta.concrete_fields if not model_field.primary_key]
    values = [model_field.get_db_prep_save(model_field.pre_save(row, True), connection) for model_field in fields]
    submission, _ = _tables()
    columns = ", ".join(connection.ops.quote_name(model_field.column) for model_field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {submission} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", values)
    return row


def _insert_student_item(key):
    """Insert a StudentItem (its four columns, unchanged since edx-submissions 1.x)
    and return its id: plain SQL, as `student_item_id`."""
    _, student_item = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {student_item} (student_id, course_id, item_id, item_type)"
                       " VALUES (%s, %s, %s, %s)",
                       [key["student_id"], key["course_id"], key["item_id"], key["item_type"]])
        return connection.ops.last_insert_id(cursor, StudentItem._meta.db_table, "id")


def newest_answer(key, for_update=False):
    """(answer, attempt) of the newest live record of the StudentItem with this
    key (as `student_item_id` reads it; a key with an "id" instead names the
    row directly), or None. Plain SQL, as `student_item_id`; `for_update`
    makes it a locking read, which sees the last committed row whatever the
    isolation level."""
    submission, student_item = _tables()
    lock = " FOR UPDATE" if for_update and connection.features.has_select_for_update else ""
    if "id" in key:
        source, where, params = f"{submission} s", "s.student_item_id = %s", [key["id"]]
    else:
        source = f"{submission} s JOIN {student_item} si ON s.student_item_id = si.id"
        where = "si.course_id = %s AND si.student_id = %s AND si.item_id = %s AND si.item_type = %s"
        params = [key["course_id"], key["student_id"], key["item_id"], key["item_type"]]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT s.raw_answer, s.attempt_number FROM {source} WHERE {where} AND s.status <> %s"
                       f" ORDER BY s.id DESC LIMIT 1{lock}", params + [DELETED])
        row = cursor.fetchone()
    return (_converter("answer")(row[0]), row[1]) if row else None


def _tables():
    """The two edx-submissions tables, quoted for the database in use."""
    quote = connection.ops.quote_name
    return quote(Submission._meta.db_table), quote(StudentItem._meta.db_table)


def _converter(field_name):
    """What the ORM does to a value of this Submission field as it comes from
    the database (a datetime made aware, the answer's JSON parsed)."""
    column = Submission._meta.get_field(field_name).get_col("s")
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def convert(value):
        for converter in converters:
            value = converter(value, column, connection)
        return value
    return convert


def delete_all_records():
    """Mark every record deleted (the demo's "Reset state"; never called in the LMS)."""
    Submission.objects.exclude(status=DELETED).update(status=DELETED)
    locks.delete_all()
