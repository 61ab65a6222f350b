"""Shared logs: append-only rows that many participants write and read, cheap at any size.

A log is an edx-submissions `StudentItem` that belongs to nobody (its
`student_id` is the log's key, say "r1:a" for the reasons given for option a in
round 1) under an item id of the block's own. Each entry is one `Submission`
row of that student item:

    log = SharedLog(course_id, block_item + "#wall", "leergang_dialogue_wall")
    log.append("r1:a", {"text": ...}, entry_uuid=token)   # one insert (plus the item, once)
    log.newest("r1:a", 20)                                  # one query, index-ordered, LIMIT 20
    log.update_latest("tally:r1", fold_one)                 # read-modify-append under a row lock

Why not the participants' own student items: "the newest 20 reasons for option
a" over per-participant items scans every participant who chose a, so the cost
grows with the course; over one student item it is an index range read of 20
rows (the foreign key's index ends in the primary key). A participant request
reading a few logs therefore costs the same at 20 and at 5,000 participants.

`update_latest` is how a running aggregate is kept (as trust_scan/cohort.py
does): inside the caller's transaction, the log's student item row is locked
(`select_for_update`; SQLite serialises write transactions anyway), the newest
entry read, changed by a pure function and appended as a new entry. Entries
are never changed in place, so a recount from the records can always check it.

An entry's `uuid` (edx-submissions' indexed column) may be given by the caller:
a block that shows entries under an opaque random id uses it to find, hide or
delete exactly those entries later (`mark_deleted`).
"""
import uuid as uuid_module
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from submissions.models import DELETED, StudentItem, Submission


@dataclass(frozen=True)
class Entry:
    id: int
    uuid: str
    submitted_at: object
    data: dict


class SharedLog:
    """The logs of one item id (one block's logs of one kind), by key."""

    def __init__(self, course_id, item_id, item_type):
        self.course_id = course_id
        self.item_id = item_id
        self.item_type = item_type

    def _lookup(self, key):
        return {"course_id": self.course_id, "student_id": key, "item_id": self.item_id}

    def _student_item(self, key, lock=False):
        rows = StudentItem.objects.filter(**self._lookup(key))
        found = (rows.select_for_update() if lock else rows).first()
        if found:
            return found
        try:
            with transaction.atomic():  # a savepoint: a concurrent first writer may win the insert
                StudentItem.objects.create(item_type=self.item_type, **self._lookup(key))
        except IntegrityError:
            pass
        rows = StudentItem.objects.filter(**self._lookup(key))
        return (rows.select_for_update() if lock else rows).get()

    def append(self, key, data, entry_uuid=None):
        """Add an entry to the log `key`; returns it."""
        item = self._student_item(key)
        row = Submission.objects.create(student_item=item, attempt_number=1, answer=data,
                                        uuid=uuid_module.UUID(str(entry_uuid)) if entry_uuid else uuid_module.uuid4())
        return Entry(row.id, row.uuid.hex, row.submitted_at, data)

    def _entries(self, keys):
        return (Submission.objects
                .filter(student_item__course_id=self.course_id, student_item__item_id=self.item_id,
                        student_item__student_id__in=list(keys), student_item__item_type=self.item_type))

    def newest(self, key, limit):
        """The newest `limit` entries of one log, newest first (one bounded query)."""
        rows = self._entries([key]).order_by("-id").values_list("id", "uuid", "submitted_at", "answer")[:limit]
        return [Entry(pk, entry_uuid.hex, at, answer) for pk, entry_uuid, at, answer in rows]

    def latest(self, key):
        found = self.newest(key, 1)
        return found[0] if found else None

    def by_uuid(self, entry_uuid):
        """The entry with this uuid in this item id's logs, or None (one indexed query)."""
        try:
            wanted = uuid_module.UUID(str(entry_uuid))
        except ValueError:
            return None
        row = (Submission.objects
               .filter(uuid=wanted, student_item__course_id=self.course_id, student_item__item_id=self.item_id,
                       student_item__item_type=self.item_type)
               .values_list("id", "uuid", "submitted_at", "answer").first())
        return Entry(row[0], row[1].hex, row[2], row[3]) if row else None

    def of_keys(self, keys, limit=None):
        """Every entry (or the newest `limit`) of a few logs together, oldest first.

        For logs that stay small (the responses to one participant's reasons):
        one query whatever the course size."""
        rows = self._entries(keys).order_by("-id").values_list("id", "uuid", "submitted_at", "answer")
        if limit:
            rows = rows[:limit]
        return [Entry(pk, entry_uuid.hex, at, answer) for pk, entry_uuid, at, answer in rows][::-1]

    def all_entries(self, key_prefix=""):
        """Every entry of every log of this item id (staff views and checks; not for participants)."""
        rows = (Submission.objects
                .filter(student_item__course_id=self.course_id, student_item__item_id=self.item_id,
                        student_item__item_type=self.item_type, student_item__student_id__startswith=key_prefix)
                .order_by("id").values_list("student_item__student_id", "id", "uuid", "submitted_at", "answer"))
        for key, pk, entry_uuid, at, answer in rows.iterator(chunk_size=2000):
            yield key, Entry(pk, entry_uuid.hex, at, answer)

    def update_latest(self, key, change, empty):
        """Append `change(newest data or empty())` as the newest entry, under a lock
        on the log's row (nothing when `change` returns None). Call inside the
        caller's transaction (all or nothing)."""
        with transaction.atomic(savepoint=False):
            item = self._student_item(key, lock=True)
            latest = (Submission.objects.select_for_update().filter(student_item=item)
                      .order_by("-id").values_list("answer", flat=True).first())
            data = change(latest if latest is not None else empty())
            if data is None:  # the change decided there is nothing to append
                return latest
            Submission.objects.create(student_item=item, attempt_number=1, answer=data)
            return data

    def mark_deleted(self, entry_uuids):
        """Mark these entries deleted, as edx-submissions' reset does (kept for
        analytics, never read by a log again)."""
        wanted = [uuid_module.UUID(str(value)) for value in entry_uuids if value]
        if wanted:
            Submission.objects.filter(uuid__in=wanted, student_item__item_id=self.item_id,
                                      student_item__course_id=self.course_id).update(status=DELETED)
