"""Where a dialogue exercise keeps its data, and what one participant's request reads.

Every write is append-only, made inside the participant's serialised step
(core/storage.py), and nothing is tallied read-modify-write in block state:

- **own records** (`RecordStore`, item type `leergang_dialogue`): everything a
  participant contributes, in their own rows: position, re-vote, response,
  the minority's answer, reflection, and a "seen" mark on first view. This is
  the truth their page, their data download and every recount are built from.
- **what the others read**, by scope:
  - small group: a copy of the shared part (option, reason, response) as a
    core `GroupRecords` record of the participant's current group, so a
    group's page reads one query on that group's rows (`visible_group()`
    decides who may read: members only, staff any group);
  - whole cohort: reasons in one shared log per round and option (`SharedLog`,
    core/shared_log.py), the minority's answers in one per round, and the
    responses to a reason in a log keyed by that reason's id. A page reads
    the newest few of each log: bounded, whatever the cohort size.
- **the tally** per round (stores.api.tallies, one row per round): running
  counts (first vote, latest position, moves, values, listening levels),
  folded in by each write under the row's lock. The cohort page reads it in one query; staff and the
  load test compare it with a recount from the own records
  (`exercise.recount`).
- **rounds**: a log of round starts. Staff start a new round for a new live
  session; every record carries its round, so earlier rounds stay whole.

Ids that participants see are random (`rid`, a UUID4 also stored as the shared
row's uuid), never row ids or anonymous ids, and lists are ordered by that id,
not by time, so neither an id nor the order tells who wrote what or when.
"""
import uuid

from django.db import transaction

from ..core import platform
from ..core.group_records import GroupRecords
from ..core.moderation import Moderation
from ..core.shared_log import SharedLog
from ..core.storage import RecordStore
from ..stores.api import artefacts, logs, tallies
from . import exercise

OWN_ITEM_TYPE = "leergang_dialogue"
GROUP_ITEM_TYPE = "leergang_dialogue_group"
SHARED_ITEM_TYPE = "leergang_dialogue_shared"
WALL_LIMIT = 12          # reasons per option a participant sees in cohort scope
NEEDS_LIMIT = 20         # answers of the minority a participant sees in cohort scope
RESPONSES_LIMIT = 50     # responses to one's own reasons


def new_rid():
    return uuid.uuid4().hex


class _OwnRecords(RecordStore):
    """The participants' own records. A request reads a participant's history once and
    keeps it, with what it appends: only they append to it, inside their serialised
    step, so the page a write answers with needs no second read.

    The history is read from the package's copies of the records (stores.api.artefacts,
    written with each record in the same transaction and cleared with it): one query on
    the participant's index, where edx-submissions' `get_submissions` took four (and made
    a new participant's StudentItem on their first read)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept = {}

    def history(self, anonymous_id):
        if anonymous_id not in self._kept:
            self._kept[anonymous_id] = (artefacts.own_records(self.course_id, self.item_id, self.item_type,
                                                              anonymous_id) if anonymous_id else [])
        return list(self._kept[anonymous_id])

    def append(self, anonymous_id, data, attempt):
        record = super().append(anonymous_id, data, attempt)
        if anonymous_id in self._kept:
            self._kept[anonymous_id].append(record)
        return record

    def clear(self, anonymous_id):
        self._kept.pop(anonymous_id, None)
        super().clear(anonymous_id)


class DialogueStore:
    """The stores of one dialogue block (optionally for another block's ids:
    clear_student_state is called with the course and item as strings)."""

    def __init__(self, block, course_id=None, item_id=None):
        self.block = block
        # What one request reads once and reuses: the round, the participant's current group,
        # the tally, the wall's newest reasons, hidden ids (a write's check and its answer).
        self.read_once = {}
        self.course_id = course_id or platform.course_id(block)
        self.item_id = item_id or platform.item_id(block)
        self.own = _OwnRecords(block, OWN_ITEM_TYPE, item_id=self.item_id, course_id=self.course_id)
        self.rounds_log = SharedLog(self.course_id, self.item_id + "#rounds", SHARED_ITEM_TYPE)
        self.tally_item = self.item_id + "#tally"
        self.wall = SharedLog(self.course_id, self.item_id + "#wall", SHARED_ITEM_TYPE)
        self.responses = SharedLog(self.course_id, self.item_id + "#responses", SHARED_ITEM_TYPE)

    def group_records(self, source=None):
        return GroupRecords(self.block, GROUP_ITEM_TYPE, source=source)

    # --- Rounds ---------------------------------------------------------------------

    def current_round(self):
        """The round now, read once per request (a write and the page it answers with
        are about the same round)."""
        if "round" not in self.read_once:
            # The newest entry of the rounds log, in plain SQL (what `rounds_log.latest` reads).
            newest = logs.newest_of_each(self.course_id, self.rounds_log.item_id, ["rounds"], 1)["rounds"]
            self.read_once["round"] = newest[0].data["round"] if newest else 1
        return self.read_once["round"]

    def round_starts(self):
        return [entry.data for entry in self.rounds_log.of_keys(["rounds"])]

    def start_round(self, expected, by):
        """Start round `expected + 1`; None when the current round is not `expected`
        (another facilitator started one meanwhile). Under the rounds log's row lock."""
        started = []

        def change(latest):
            if latest.get("round", 1) != expected:
                return None
            started.append(expected + 1)
            return {"round": expected + 1, "by": by}
        self.read_once.pop("round", None)
        with transaction.atomic():
            self.rounds_log.update_latest("rounds", change, lambda: {"round": 1, "by": ""})
        return started[0] if started else None

    # --- The tally ------------------------------------------------------------------

    @staticmethod
    def _tally_key(round_number):
        return f"tally:r{round_number}"

    def tally(self, round_number):
        """The round's tally, read once per request (a write's check and its answer both
        show the room; the answer folds in the write's own changes, `pending`)."""
        key = ("tally", round_number)
        if key not in self.read_once:
            version, kept = tallies.read_versioned(self.course_id, self.tally_item, self._tally_key(round_number))
            self.read_once[key] = kept if kept is not None else exercise.empty_tally(round_number)
            self.read_once[("tally version", round_number)] = version
        return self.read_once[key]

    def fold_changes(self, round_number, changes):
        """Fold (record, sign) pairs into the round's tally, under its row lock. When this
        request read the tally (its answer shows the room), the changes are folded into
        what it read and saved with one UPDATE if nobody changed the tally since (on SQLite
        nobody can: the participant's step holds the database's write lock); else, and
        before the tally's first change, under the lock of `tallies.update`."""
        read = self.read_once.pop(("tally", round_number), None)
        version = self.read_once.pop(("tally version", round_number), 0)

        def change(tally):
            for record, sign in changes:
                tally = exercise.fold(tally, record, sign)
            return tally
        key = self._tally_key(round_number)
        if read is not None and version:
            folded = change(read)
            if tallies.update_if_version(self.course_id, self.tally_item, key, version, folded):
                return folded
        return tallies.update(self.course_id, self.tally_item, key, change, lambda: exercise.empty_tally(round_number))

    # --- The cohort's shared logs ---------------------------------------------------

    @staticmethod
    def wall_key(round_number, option):
        return f"r{round_number}:{option}"

    @staticmethod
    def needs_key(round_number):
        return f"r{round_number}:need"

    def once(self, key, read, covers=None):
        """`read()`, called once per request for `key` (kept in `read_once`); `covers`:
        the keys of the shared log it read (see `shared`)."""
        if key not in self.read_once:
            self.read_once[key] = read()
            if covers is not None:
                self.read_once[("covers",) + key] = frozenset(covers)
        return self.read_once[key]

    def shared(self, log, rid=None, log_key=None):
        """`log` had an entry added in this request, under `log_key` (`rid`: the entry's
        new id, which nobody can have responded to yet): what was read of it is read
        again, of that key only when the read names the keys it covers."""
        if rid:
            self.read_once.setdefault("new rids", set()).add(rid)
        stale = [key for key in self.read_once if isinstance(key, tuple) and key[0] == log.item_id
                 and (log_key is None or log_key in self.read_once.get(("covers",) + key, (log_key,)))]
        for key in stale:
            del self.read_once[key]
            self.read_once.pop(("covers",) + key, None)

    def cohort_reasons(self, round_number, option_keys, limit=WALL_LIMIT):
        """{option: [entries]}: the newest `limit` reasons per option (one query for every
        option), read once per request while nothing is added to the wall (`shared`)."""
        def read():
            found = logs.newest_of_each(self.course_id, self.wall.item_id,
                                        [self.wall_key(round_number, key) for key in option_keys], limit)
            return {key: found[self.wall_key(round_number, key)] for key in option_keys}
        return self.once((self.wall.item_id, "reasons", round_number, tuple(option_keys), limit), read,
                         covers=[self.wall_key(round_number, key) for key in option_keys])

    def cohort_needs(self, round_number, limit=NEEDS_LIMIT):
        return self.once((self.wall.item_id, "needs", round_number, limit),
                         lambda: self.wall.newest(self.needs_key(round_number), limit),
                         covers=[self.needs_key(round_number)])

    def responses_to(self, rids):
        """Responses to these reasons (a participant's own): one query, once per request;
        none when every reason was written in this request (its id is new, and nobody
        else reads it before the step commits)."""
        new = self.read_once.get("new rids", set())
        rids = [rid for rid in rids if rid not in new]
        if not rids:
            return []
        keys = [f"to:{rid}" for rid in rids]
        return self.once((self.responses.item_id, "to", tuple(rids)),
                         lambda: logs.newest_of_keys(self.course_id, self.responses.item_id, keys, RESPONSES_LIMIT),
                         covers=keys)

    # --- Clearing a participant ---------------------------------------------------------

    def clear(self, anonymous_id):
        """What "Delete learner's state" removes: their own records, their rows in the
        shared logs, their group copies, and (as their records go) their counts in
        every round's tally."""
        with transaction.atomic():
            history = self.own.history(anonymous_id)
            rids = [record.data.get("rid") for record in history if record.data.get("rid")]
            self.wall.mark_deleted(rids)
            self.responses.mark_deleted(rids)
            GroupRecords.participant_store(self.course_id, self.item_id, GROUP_ITEM_TYPE).clear(anonymous_id)
            Moderation(self.block, course_id=self.course_id, block_item=self.item_id).clear(anonymous_id)
            self.own.clear(anonymous_id)   # their counts leave the round tallies (leave_round_tallies)
            self.read_once.clear()


class _Clearer:
    def __init__(self, store):
        self.store = store

    def clear(self, anonymous_id):
        self.store.clear(anonymous_id)


def participant_store(block, course_id, item_id):
    return _Clearer(DialogueStore(block, course_id=course_id, item_id=item_id))


@artefacts.before_clear
def leave_round_tallies(course_id, item_id, anonymous_id):
    """Take a participant's records of a dialogue out of its rounds' tallies as the
    records are cleared (staff's tool, the LMS's reset, erasure on retirement), in
    the clearing transaction, under each tally row's lock. Their own copies are
    read: one query, and nothing when the item is not a dialogue."""
    by_round = {}
    for record in artefacts.of_participant(course_id, item_id, OWN_ITEM_TYPE, anonymous_id):
        if record.data.get("round"):
            by_round.setdefault(record.data["round"], []).append(record.data)
    tally_item = item_id + "#tally"
    for round_number, records in by_round.items():
        key = DialogueStore._tally_key(round_number)
        if tallies.read(course_id, tally_item, key) is None:
            continue   # never counted: nothing to take out

        def change(tally, records=records):
            for record in _without_replaced(records):
                tally = exercise.fold(tally, record, -1)
            return tally
        tallies.update(course_id, tally_item, key, change, lambda n=round_number: exercise.empty_tally(n))


def _without_replaced(records):
    """A participant's records of one round as the tally holds them: a replaced
    reflection was folded out when its successor came in, so only the latest counts."""
    return exercise.counted(records)
