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

Rows are keyed by the participant's anonymous id only.

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

Databases: on MySQL/MariaDB the lock is `SELECT ... FOR UPDATE` on the row;
reads after it see every committed write because Django's MySQL connections
run at READ COMMITTED (Django's default since 2.0, which the LMS keeps). On
SQLite, which has one writer at a time, the lock is the database's write lock,
taken by the step's first statement (a write).
"""
import contextlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from submissions import api as submissions_api
from submissions.models import DELETED, StudentItem, Submission

from . import platform

LOCK_ITEM_TYPE = "leergang_lock"
LOCK_SUFFIX = "#lock"
PRIVATE_SUFFIX = "#private"


@dataclass(frozen=True)
class Record:
    anonymous_id: str
    attempt: int
    submitted_at: object
    data: dict


# --- The serialised step ------------------------------------------------------------

@contextlib.contextmanager
def participant_write(block, identity):
    """One transaction in which one participant's writes to one block happen in turn.

    Takes a lock on a row of this participant and this block (an edx-submissions
    `StudentItem` of its own, made on first use) before anything else, and holds
    it until the transaction ends. Everything inside commits together or, on an
    exception, not at all.
    """
    if not identity.anonymous_id:
        raise ValueError("only a signed-in participant can write")
    key = {
        "student_id": identity.anonymous_id,
        "course_id": platform.course_id(block),
        "item_id": platform.item_id(block) + LOCK_SUFFIX,
        "item_type": LOCK_ITEM_TYPE,
    }
    with transaction.atomic():
        _take_lock(key)
        yield


def _take_lock(key):
    rows = StudentItem.objects.filter(**key)
    if not connection.features.has_select_for_update:
        # SQLite: a write takes the database's write lock, which is then held
        # until commit (in IMMEDIATE mode the transaction already holds it).
        if not rows.update(item_type=LOCK_ITEM_TYPE):
            StudentItem.objects.create(**key)
        return
    if list(rows.select_for_update().values_list("pk", flat=True)):
        return
    try:
        # A first request creates the row. Two first requests: the second
        # insert waits for the first transaction, then fails on the unique key
        # (course, student, item) and locks the row the first one made.
        with transaction.atomic():
            StudentItem.objects.create(**key)
    except IntegrityError:
        list(rows.select_for_update().values_list("pk", flat=True))


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
        student_item = self._student_item_row(anonymous_id)
        if attempt is None:  # as the API does: one more than the newest record's
            newest = (Submission.objects.filter(student_item=student_item).order_by("-submitted_at", "-id")
                      .values_list("attempt_number", flat=True).first())
            attempt = (newest or 0) + 1
        row = Submission.objects.create(student_item=student_item, attempt_number=attempt, answer=data)
        return Record(anonymous_id, row.attempt_number, row.submitted_at, data)

    def _student_item_row(self, anonymous_id):
        """This participant's StudentItem, made on first use. Inside the
        participant's serialised step no other request of theirs creates it;
        the savepoint covers a caller outside that step."""
        key = self._student_item(anonymous_id)
        found = StudentItem.objects.filter(**key).first()
        if found:
            return found
        try:
            with transaction.atomic():
                return StudentItem.objects.create(**key)
        except IntegrityError:
            return StudentItem.objects.get(**key)

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
        return (record.attempt, record.data) if record else (0, {})

    def write(self, anonymous_id, data, version):
        """Store `data` as the state after `version`; returns the new version."""
        return self.store.append(anonymous_id, data, version + 1).attempt

    def history(self, anonymous_id):
        return self.store.history(anonymous_id)

    def clear(self, anonymous_id):
        self.store.clear(anonymous_id)


def delete_all_records():
    """Mark every record deleted (the demo's "Reset state"; never called in the LMS)."""
    Submission.objects.exclude(status=DELETED).update(status=DELETED)
    StudentItem.objects.filter(item_type=LOCK_ITEM_TYPE).delete()
