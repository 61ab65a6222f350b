"""Shared logs: append-only entries that many participants write and read, cheap at any size.

A block's logs of one kind live under one item id (say "<block item>#wall");
each log in it has a key ("r1:a": the reasons given for option a in round 1).
The entries are rows of the package's own table (stores.api.logs):

    log = SharedLog(course_id, block_item + "#wall", "leergang_dialogue_wall")
    log.append("r1:a", {"text": ...}, entry_uuid=token, author=anonymous_id)   # one insert
    log.newest("r1:a", 20)                 # one query, index-ordered, LIMIT 20
    log.since(last_seen_id)                # what was added to any key since a reader's last look
    log.update_latest("rounds", change, empty)   # read-modify-append under the log's lock

"The newest 20 reasons for option a" is an index range read of 20 rows, so a
participant request reading a few logs costs the same at 20 and at 5,000
participants. Entry ids only grow.

An entry's `uuid` may be given by the caller: a block that shows entries under
an opaque random id uses it to find or remove exactly those entries later.
`author` (the writer's anonymous id) is never shown; it is what erasure finds
a participant's entries by.
"""
from ..stores.api import logs


class SharedLog:
    """The logs of one item id (one block's logs of one kind), by key."""

    def __init__(self, course_id, item_id, item_type=""):
        self.course_id = course_id
        self.item_id = item_id
        self.item_type = item_type  # kept for callers; the item id alone names the logs

    def append(self, key, data, entry_uuid=None, author=""):
        """Add an entry to the log `key`; returns it."""
        return logs.append(self.course_id, self.item_id, key, data, entry_uuid=entry_uuid, author=author)

    def newest(self, key, limit):
        """The newest `limit` entries of one log, newest first (one bounded query)."""
        return logs.newest(self.course_id, self.item_id, key, limit)

    def latest(self, key):
        found = self.newest(key, 1)
        return found[0] if found else None

    def by_uuid(self, entry_uuid):
        """The entry with this uuid in this item id's logs, or None (one indexed query)."""
        return logs.by_uuid(self.course_id, self.item_id, entry_uuid)

    def of_keys(self, keys, limit=None):
        """Every entry (or the newest `limit`) of a few logs together, oldest first."""
        return logs.of_keys(self.course_id, self.item_id, keys, limit)

    def since(self, after_id=0, limit=None):
        """Entries of every key added after id `after_id`, oldest first (a reader's cursor)."""
        return logs.since(self.course_id, self.item_id, after_id, limit)

    def all_entries(self, key_prefix=""):
        """(key, entry) of every entry of this item id (staff views and checks; not for participants)."""
        return logs.all_entries(self.course_id, self.item_id, key_prefix)

    def update_latest(self, key, change, empty):
        """Append `change(newest data or empty())` as the newest entry under the
        log's lock (nothing when `change` returns None). Inside the caller's transaction."""
        return logs.update_latest(self.course_id, self.item_id, key, change, empty)

    def mark_deleted(self, entry_uuids):
        """Remove these entries (a participant's state was deleted)."""
        logs.remove(self.course_id, self.item_id, entry_uuids)
