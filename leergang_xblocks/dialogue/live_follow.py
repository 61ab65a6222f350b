"""The facilitator's live view reads only what was added since its last poll.

Every record a participant writes in a dialogue is also kept as a staff-side
copy whose id only grows (stores.api.artefacts, through `RecordStore.since`).
This process remembers, per block, the records it has read; a poll reads the
copies after an id (an index range read of the new rows) and adds those it
has not seen. When copies were removed since (a learner's state deleted, an
erasure), the item's removal count (`generation`) changed and everything is
read again once.

Ids are handed out when a row is inserted, not when its transaction commits:
on MySQL/MariaDB a write that started earlier can commit after a later one,
with a lower id than rows already read. So a poll reads from the lowest id
among the rows it read that are younger than LOOKBACK (a write step takes
well under a second), skipping ids it has; the rows read twice are those of
the last minute, bounded by activity, not by the cohort.

Per process: each gunicorn worker follows on its own; its first poll reads
every record once. At most MAX_FOLLOWED blocks are remembered.

Looking back, the rows of the window are read as ids only, and a row only when
its id is new: a cohort voting within one minute is not read again on every
poll of that minute. SQLite needs no look-back (one writer at a time).

A poll is handed a `Followed`: the records' version, and from it the
participants whose records changed after an earlier version (`changed_since`,
kept for the last HISTORY versions), so a view kept from an earlier poll folds
in only those participants; `everyone()` (a copy) is for a view built from
nothing. The follower's own dict is changed in place under the lock, never
copied: copying 10,000 participants on every new record cost more than the
record.

Building the view from every participant's records, and rendering the
facilitator's HTML of every reason, cost more than reading the new rows: a
view's kept counts (live_view.py) keep the data of its last poll with what it
was built from (the records' version, the round, the groups, the hidden and
flagged ids, the kept tally: a few small reads) and the HTML of its reasons,
under a version. A poll with nothing new makes those reads, compares, and
answers what it has; a page that says it shows that version (`seen`) gets only
"unchanged", not the view again.
"""
import datetime
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import timezone

MAX_FOLLOWED = 16
LOOKBACK = datetime.timedelta(seconds=60)
HISTORY = 64     # versions whose changed participants are kept (a view polled less often reads everyone)


@dataclass
class _Followed:
    generation: int
    cursor: int = 0
    recent: dict = field(default_factory=dict)          # id -> written at, of rows younger than LOOKBACK
    seen: set = field(default_factory=set)              # every id read: a row read twice is added once
    by_participant: dict = field(default_factory=dict)  # anonymous id -> records, oldest first
    version: int = 0                                    # grows whenever a record is added
    changes: OrderedDict = field(default_factory=OrderedDict)  # version -> who changed into it, in order
    # This follower's own: one forgotten (MAX_FOLLOWED) and followed again counts from 0 again.
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True, eq=False)
class Followed:
    """What one poll found of a block's records: their `version` ((generation, the
    follower's token, number): it changes whenever a record was added or everything was
    read again)."""
    version: tuple
    _followed: _Followed

    def everyone(self):
        """{anonymous id: [records, oldest first]} of every participant: a copy (made
        under the lock), so it never changes while it is read. Records added by a later
        poll may be in it: reading a participant's records again adds nothing twice."""
        with _guard:
            return dict(self._followed.by_participant)

    def changed_since(self, version):
        """{anonymous id: records} of the participants whose records changed after
        `version` (in the order they first appeared), or None when `version` is of
        another generation or older than the versions kept: then read `everyone()`."""
        generation, token, number = version if version else (None, None, None)
        with _guard:
            followed = self._followed
            if (generation, token) != (followed.generation, followed.token) or number > followed.version:
                return None
            if number < followed.version and number + 1 not in followed.changes:
                return None
            who = {}
            for at in range(number + 1, followed.version + 1):
                who.update(dict.fromkeys(followed.changes[at]))
            return {anonymous_id: followed.by_participant[anonymous_id] for anonymous_id in who}


_followed = OrderedDict()
_guard = threading.Lock()


def records_by_participant(own, now=None):
    """{anonymous id: [records, oldest first]} of the RecordStore `own`: every
    participant's records, of which only those added since the last call are read."""
    return followed_records(own, now).everyone()


def followed_records(own, now=None):
    """The `Followed` records of `own` after reading the rows added since the last
    poll. Rows of the look-back window are read as ids only; a row is read when its
    id is new."""
    key = (own.course_id, own.item_id, own.item_type)
    generation = own.generation()
    horizon = (now or timezone.now()) - _lookback()
    with _guard:
        followed = _followed.get(key)
        if followed is None or followed.generation != generation:
            followed = _Followed(generation, version=(followed.version + 1 if followed else 0))
        followed.recent = {pk: at for pk, at in followed.recent.items() if at >= horizon}
        start = min([followed.cursor] + [pk - 1 for pk in followed.recent])
        added = {}
        for record_id, record in own.since(start, followed.seen if start < followed.cursor else ()):
            if record_id in followed.seen:
                continue
            followed.seen.add(record_id)
            added.setdefault(record.anonymous_id, []).append(record)
            followed.cursor = max(followed.cursor, record_id)
            if record.submitted_at >= horizon:
                followed.recent[record_id] = record.submitted_at
        if added:
            # A new list per participant who wrote (a list handed out earlier never
            # changes); the dict is changed in place: `Followed` reads it under the lock.
            for who, rows in added.items():
                followed.by_participant[who] = sorted(followed.by_participant.get(who, []) + rows, key=_written)
            followed.version += 1
            followed.changes[followed.version] = tuple(added)
            while len(followed.changes) > HISTORY:
                followed.changes.popitem(last=False)
        _followed[key] = followed
        _followed.move_to_end(key)
        while len(_followed) > MAX_FOLLOWED:
            _followed.popitem(last=False)
        return Followed((generation, followed.token, followed.version), followed)


def _lookback():
    """LOOKBACK, or none on SQLite: it has one writer at a time, whose rows commit
    before the next writer's are inserted, so no row commits with an id below one
    already read."""
    from django.db import connection
    return datetime.timedelta(0) if connection.vendor == "sqlite" else LOOKBACK


def _written(record):
    return record.submitted_at


def forget():
    """Forget every followed block and kept view (tests, the demo's reset)."""
    from . import live_view
    with _guard:
        _followed.clear()
    live_view.forget()
