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

Rendering the facilitator's HTML of every reason costs more than reading the
new rows: `rendered` keeps the HTML of each view's last poll with the data it
shows, and renders again only when the data differ (a poll with nothing new
compares and answers the HTML it has).
"""
import datetime
import threading
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
    by_participant: dict = field(default_factory=dict)


_followed = OrderedDict()
_rendered = OrderedDict()     # view key -> (data, html) of its last poll
_guard = threading.Lock()


def records_by_participant(own, now=None):
    """{anonymous id: [records, oldest first]} of the RecordStore `own`: every
    participant's records, of which only those added since the last call are read."""
    key = (own.course_id, own.item_id, own.item_type)
    generation = own.generation()
    horizon = (now or timezone.now()) - LOOKBACK
    with _guard:
        followed = _followed.get(key)
        if followed is None or followed.generation != generation:
            followed = _Followed(generation)
        followed.recent = {pk: at for pk, at in followed.recent.items() if at >= horizon}
        start = min([followed.cursor] + [pk - 1 for pk in followed.recent])
        for record_id, record in own.since(start):
            if record_id in followed.seen:
                continue
            followed.seen.add(record_id)
            followed.by_participant.setdefault(record.anonymous_id, []).append(record)
            followed.cursor = max(followed.cursor, record_id)
            if record.submitted_at >= horizon:
                followed.recent[record_id] = record.submitted_at
        _followed[key] = followed
        _followed.move_to_end(key)
        while len(_followed) > MAX_FOLLOWED:
            _followed.popitem(last=False)
        return {who: sorted(rows, key=_written) for who, rows in followed.by_participant.items()}


def _written(record):
    return record.submitted_at


def rendered(key, data, render):
    """The HTML of `data` for the view `key` (block, round, group, language, settings):
    what `render()` returned for equal data at an earlier poll, else rendered now."""
    with _guard:
        kept = _rendered.get(key)
    if kept is not None and kept[0] == data:
        return kept[1]
    html = render()
    with _guard:
        _rendered[key] = (data, html)
        _rendered.move_to_end(key)
        while len(_rendered) > MAX_FOLLOWED:
            _rendered.popitem(last=False)
    return html


def forget():
    """Forget every followed block and rendered view (tests, the demo's reset)."""
    with _guard:
        _followed.clear()
        _rendered.clear()
