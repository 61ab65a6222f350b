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

Building the view from every participant's records, and rendering the
facilitator's HTML of every reason, cost more than reading the new rows:
`built` keeps the data of each view's last poll with what it was built from
(the records' version, the round, the groups, the hidden and flagged ids, the
kept tally: a few small reads), and `rendered` the HTML with the data it
shows, under a version. A poll with nothing new makes those reads, compares,
and answers what it has; a page that says it shows that version (`seen`) gets
only "unchanged", not the view again.
"""
import datetime
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import timezone

MAX_FOLLOWED = 16
LOOKBACK = datetime.timedelta(seconds=60)


@dataclass
class _Followed:
    generation: int
    cursor: int = 0
    recent: dict = field(default_factory=dict)          # id -> written at, of rows younger than LOOKBACK
    seen: set = field(default_factory=set)              # every id read: a row read twice is added once
    by_participant: dict = field(default_factory=dict)  # anonymous id -> records, oldest first
    version: int = 0                                    # grows whenever a record is added


_followed = OrderedDict()
_rendered = OrderedDict()     # view key -> (data, html, version) of its last poll
_built = OrderedDict()        # view key -> (inputs, data) of its last poll
_guard = threading.Lock()


def records_by_participant(own, now=None):
    """{anonymous id: [records, oldest first]} of the RecordStore `own`: every
    participant's records, of which only those added since the last call are read.
    The same dict is handed out while nothing changes: read it, never change it."""
    return followed_records(own, now)[0]


def followed_records(own, now=None):
    """(records_by_participant, version): the version changes whenever a record was
    added (or everything was read again), so a view built from the records can be
    kept while it stays the same. Rows of the look-back window are read as ids only;
    a row is read when its id is new."""
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
            # A new dict and new lists: a dict handed out earlier (to a poll still
            # reading it on another thread) never changes.
            by_participant = dict(followed.by_participant)
            for who, rows in added.items():
                by_participant[who] = sorted(by_participant.get(who, []) + rows, key=_written)
            followed.by_participant = by_participant
            followed.version += 1
        _followed[key] = followed
        _followed.move_to_end(key)
        while len(_followed) > MAX_FOLLOWED:
            _followed.popitem(last=False)
        return followed.by_participant, (generation, followed.version)


def _lookback():
    """LOOKBACK, or none on SQLite: it has one writer at a time, whose rows commit
    before the next writer's are inserted, so no row commits with an id below one
    already read."""
    from django.db import connection
    return datetime.timedelta(0) if connection.vendor == "sqlite" else LOOKBACK


def _written(record):
    return record.submitted_at


def built(key, inputs, build):
    """What `build()` returned for the view `key` when its `inputs` (the followed
    records' version and the small reads a view is built from) were equal, else
    built now. `key` None: built now, kept nowhere."""
    if key is None:
        return build()
    with _guard:
        kept = _built.get(key)
    if kept is not None and kept[0] == inputs:
        return kept[1]
    data = build()
    with _guard:
        _built[key] = (inputs, data)
        _built.move_to_end(key)
        while len(_built) > MAX_FOLLOWED:
            _built.popitem(last=False)
    return data


def rendered(key, data, render):
    """(HTML, version) of `data` for the view `key` (block, round, group, language,
    settings): what `render()` returned for equal data at an earlier poll, else
    rendered now under a new version (random, so no two views or processes share one)."""
    with _guard:
        kept = _rendered.get(key)
    if kept is not None and kept[0] == data:
        return kept[1], kept[2]
    html, version = render(), uuid.uuid4().hex
    with _guard:
        _rendered[key] = (data, html, version)
        _rendered.move_to_end(key)
        while len(_rendered) > MAX_FOLLOWED:
            _rendered.popitem(last=False)
    return html, version


def forget():
    """Forget every followed block and rendered view (tests, the demo's reset)."""
    from . import live_view
    with _guard:
        _followed.clear()
        _rendered.clear()
        _built.clear()
    live_view.forget()
