"""Where a participant's data lives, and the one rule for writing it.

Records
-------
- `RecordStore`: a participant's own artefacts (scan results, case entries,
  positions, posts): edx-submissions rows, one new row per write, never
  updated in place, reached through `submissions.api` only; the
  participant's reads come from there. Each write also keeps a copy in the
  package's own table (stores.api.artefacts) for staff views of every
  participant, live views' "since id N" and erasure. Its student ids
  are always the participant's anonymous id. Totals are computed from those
  rows (or folded into a tally, stores.api.tallies) so two participants
  writing at the same moment never overwrite each other.
- `PrivateState`: a participant's own working state (a draft, a private
  note), versioned rows in the package's own table (stores.api.private_state).
  Only the participant (and their own-data download) reads it. It is kept out
  of `Scope.user_state` on purpose: the LMS prints every learner's user state
  in the instructor's "Problem responses" report, and user state cannot be
  read fresh inside a handler (below).
- `NoteStore`: records kept *about* a participant that are not their
  artefact (what staff record, the row a staff overview reads, the series
  copies a scan compares with), in the package's own table
  (stores.api.notes), with RecordStore's reading interface.

See docs/storage.md for what lives where and why.

The rule for handlers that write (every block follows it)
---------------------------------------------------------
One participant's requests overlap: a double click, two tabs, an autosave
racing the submit. So:

1. A handler that changes participant data declares `@json_handler(...,
   writes=True)`. The decorator runs it inside `participant_write(block,
   identity)`: one database transaction that first takes the participant's
   lock of this block (stores.api.locks.held). A second request of the same
   participant waits there until the first has committed; other participants
   never wait.
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
   records of several stores (results, the newest private state, series),
   one bounded read per store, each by the participant's own key.
"""
import contextlib
import json

from submissions import api as submissions_api
from submissions.errors import SubmissionRequestError

from ..stores.api import artefacts, endorsements, locks, logs, notes, private_state, stored_files, tallies
from ..stores.data import Record
from . import platform

PRIVATE_SUFFIX = "#private"
# edx-submissions refuses an answer over 100 KB (its Submission.MAXSIZE, 1024 * 100).
MAX_RECORD_BYTES = 1024 * 100


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
    with locks.held(platform.course_id(block), platform.item_id(block), identity.anonymous_id):
        yield


# --- Records ------------------------------------------------------------------------

def _api(call, *args, **kwargs):
    """Call `submissions.api`, once more when a concurrent first request made the
    StudentItem between the API's lookup and its insert: the API's validation
    then refuses the key as not unique (SubmissionRequestError) instead of
    reading the row, which exists by now."""
    try:
        return call(*args, **kwargs)
    except SubmissionRequestError:
        return call(*args, **kwargs)


def _storable_id(anonymous_id):
    """edx-submissions' serializer trims white space from a student id and refuses a
    blank one: an id that is not its own trimmed self names nobody's records (and
    would be stored under another id). The platform's anonymous ids never have any."""
    return bool(anonymous_id) and anonymous_id == anonymous_id.strip()


def _as_record(anonymous_id, row):
    return Record(anonymous_id, row["attempt_number"], row["submitted_at"], row["answer"])


class RecordStore:
    """A participant's artefacts of one kind (`item_type`) in one block (or
    course-level item): edx-submissions through `submissions.api`."""

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
        `attempt` None: one more than the newest record's, as the API numbers it."""
        if len(json.dumps(data)) > MAX_RECORD_BYTES:
            raise ValueError("record too large for edx-submissions")
        if not _storable_id(anonymous_id):
            raise ValueError("not an anonymous id edx-submissions stores as given")
        row = _api(submissions_api.create_submission, self._student_item(anonymous_id), data, attempt_number=attempt)
        artefacts.copy(self.course_id, self.item_id, self.item_type, anonymous_id, row["attempt_number"], data,
                       row["submitted_at"])
        return Record(anonymous_id, row["attempt_number"], row["submitted_at"], data)

    def read_participant(self, anonymous_id):
        """This participant's records, oldest first (as `read_together` gives them)."""
        return self.history(anonymous_id)

    def history(self, anonymous_id):
        """This participant's records, oldest first."""
        if not _storable_id(anonymous_id):
            return []
        rows = _api(submissions_api.get_submissions, self._student_item(anonymous_id))
        return [_as_record(anonymous_id, row) for row in reversed(rows)]

    def latest(self, anonymous_id):
        """This participant's newest record, or None."""
        if not _storable_id(anonymous_id):
            return None
        rows = _api(submissions_api.get_submissions, self._student_item(anonymous_id), limit=1)
        return _as_record(anonymous_id, rows[0]) if rows else None

    def clear(self, anonymous_id):
        """Remove this participant's records, as the LMS's "Delete learner's state" does:
        edx-submissions marks them deleted (they stay for analytics, unread by blocks)."""
        submissions_api.reset_score(anonymous_id, self.course_id, self.item_id, clear_state=True,
                                    emit_signal=False)
        artefacts.clear(self.course_id, self.item_id, anonymous_id)

    def latest_per_participant(self):
        """The newest record of every participant (staff views: from the copies,
        stores.api.artefacts; edx-submissions' get_all_submissions serialises
        every row, seconds for 10,000 participants)."""
        last_seen = None
        for record in artefacts.rows(self.course_id, self.item_id, self.item_type, "anonymous_id", "-id"):
            if record.anonymous_id != last_seen:
                last_seen = record.anonymous_id
                yield record

    def all_records(self):
        """Every record of this item, participant by participant, oldest first (staff views)."""
        return artefacts.rows(self.course_id, self.item_id, self.item_type, "anonymous_id", "id")

    def newest(self, limit):
        """The `limit` newest records of this item, every participant's, newest first
        (one query on the copies, bounded by `limit` whatever the cohort size)."""
        return artefacts.newest(self.course_id, self.item_id, self.item_type, limit)

    def of_participants(self, anonymous_ids):
        """The records of these participants in this item, oldest first (one query on the
        copies, bounded by how many participants are asked for)."""
        return artefacts.of_participants(self.course_id, self.item_id, self.item_type, anonymous_ids)

    def since(self, after_id=0, known=()):
        """(id, record) of every participant's records added after id `after_id`
        (a live view's cursor), but those whose id is in `known`; and `generation()`
        to tell when some were removed."""
        return artefacts.since(self.course_id, self.item_id, self.item_type, after_id, known)

    def generation(self):
        return artefacts.generation(self.course_id, self.item_id)


class NoteStore:
    """Records kept about a participant (not their artefact), with RecordStore's
    interface, in the package's own table. With `read_prefix`, writes go to
    the item id and reads cover every item whose id starts with the prefix (a
    series of scans); clearing still clears the item id only."""

    def __init__(self, block, item_type, item_id=None, course_id=None, read_prefix=None):
        self.course_id = course_id or platform.course_id(block)
        self.item_id = item_id or platform.item_id(block)
        self.item_type = item_type
        self.read_prefix = read_prefix

    def append(self, anonymous_id, data, attempt):
        if len(json.dumps(data)) > MAX_RECORD_BYTES:
            raise ValueError("record too large")
        return notes.append(self.course_id, self.item_id, self.item_type, anonymous_id, data, attempt)

    def _rows(self, *order, anonymous_id=None, limit=None):
        return notes.rows(self.course_id, self.read_prefix or self.item_id, self.item_type, *order,
                          anonymous_id=anonymous_id, limit=limit, prefix=bool(self.read_prefix))

    def read_participant(self, anonymous_id):
        return self.history(anonymous_id)

    def history(self, anonymous_id):
        return list(self._rows("id", anonymous_id=anonymous_id))

    def latest(self, anonymous_id):
        return next(self._rows("-id", anonymous_id=anonymous_id, limit=1), None)

    def clear(self, anonymous_id):
        notes.clear(self.course_id, self.item_id, anonymous_id)

    def latest_per_participant(self):
        return notes.latest_per_participant(self.course_id, self.read_prefix or self.item_id, self.item_type,
                                            prefix=bool(self.read_prefix))

    def all_records(self):
        return self._rows("anonymous_id", "id")

    def all_data(self, newest_only=False, anonymous_ids=None):
        """(anonymous id, row id, data) of every participant's records (of `anonymous_ids`'
        only; each one's newest with `newest_only`), oldest first: for views that need
        neither the times nor the participant order (stores.api.notes.data_rows)."""
        return notes.data_rows(self.course_id, self.read_prefix or self.item_id, self.item_type,
                               newest_only=newest_only, prefix=bool(self.read_prefix), anonymous_ids=anonymous_ids)

    def append_many(self, data_by_participant):
        notes.append_many(self.course_id, self.item_id, self.item_type, data_by_participant)

    def items(self, anonymous_id):
        """The item ids (under this store's read prefix) this participant has records of."""
        return notes.items_of(self.course_id, self.read_prefix or self.item_id, self.item_type, anonymous_id)

    def items_of_each(self, anonymous_ids):
        """{anonymous id: `items(anonymous id)`} of a few participants: one query."""
        return notes.items_of_each(self.course_id, self.read_prefix or self.item_id, self.item_type, anonymous_ids)

    def who_has(self, ids):
        return notes.who_has(self.course_id, self.item_id, self.item_type, ids)


class PrivateState:
    """A participant's private working state in one block, with a version.

    Each write adds a version holding the whole state; the newest is the
    state. A handler compares the version the browser last saw with `read()`
    inside `participant_write` and writes in the same step, so of two writers
    who saw the same version exactly one wins (the table's unique version
    refuses the other even without the step).
    """

    def __init__(self, block, item_type, course_id=None, item_id=None):
        self.course_id = course_id or platform.course_id(block)
        self.item_id = (item_id or platform.item_id(block)) + PRIVATE_SUFFIX
        self.item_type = item_type

    def read(self, anonymous_id):
        """(version, data): (0, {}) before the first write. One query."""
        return self.state_of(private_state.newest(self.course_id, self.item_id, anonymous_id))

    @staticmethod
    def state_of(record):
        """(version, data) of the newest private record (or None), as `read` gives it."""
        return (record.attempt, record.data) if record else (0, {})

    def read_participant(self, anonymous_id):
        """[the newest version] or [] (as `read_together` gives it)."""
        newest = private_state.newest(self.course_id, self.item_id, anonymous_id)
        return [newest] if newest else []

    def write(self, anonymous_id, data, version):
        """Store `data` as the state after `version`; returns the new version."""
        return private_state.write(self.course_id, self.item_id, self.item_type, anonymous_id, data,
                                   version + 1).attempt

    def history(self, anonymous_id):
        return private_state.history(self.course_id, self.item_id, anonymous_id)

    def clear(self, anonymous_id):
        private_state.clear(self.course_id, self.item_id, anonymous_id)


def read_together(anonymous_id, *stores):
    """One participant's records in several stores: a list per store, oldest
    first, as each store's `history` gives them (a PrivateState: only its
    newest record, as `read` uses). One bounded read per store, by the
    participant's own key, so it costs the same whatever the cohort size."""
    return [store.read_participant(anonymous_id) for store in stores]


def delete_all_records():
    """The demo's "Reset state" (never called in the LMS): every participant's
    records are cleared through the API by the demo; the package's own tables
    are emptied here."""
    for store in (artefacts, endorsements, locks, logs, notes, private_state, stored_files, tallies):
        store.delete_all()
