"""The live view's follower (dialogue/live_follow.py): reads from a cursor, adds
each record once, picks up a row that committed late with a lower id, and
starts again when records were removed."""
import datetime
import uuid

from leergang_xblocks.dialogue import live_follow
from leergang_xblocks.stores.data import Record

NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)


class FakeRecords:
    """A RecordStore's `since`/`generation` over a list, counting what each call returned."""

    def __init__(self):
        # A fresh item id each: an id() can be reused once an earlier test's object is gone.
        self.course_id, self.item_id, self.item_type = "course-v1:X+Y+Z", f"item-{uuid.uuid4().hex}", "leergang_dialogue"
        self.rows, self.removed, self.returned = {}, 0, []

    def add(self, pk, who, seconds_ago=1):
        self.rows[pk] = Record(who, 1, NOW - datetime.timedelta(seconds=seconds_ago), {"pk": pk})

    def since(self, after_id, known=()):
        found = [(pk, record) for pk, record in sorted(self.rows.items()) if pk > after_id and pk not in known]
        self.returned.append([pk for pk, _ in found])
        return found

    def generation(self):
        return self.removed


def ids(by_participant):
    return sorted(record.data["pk"] for rows in by_participant.values() for record in rows)


def test_a_poll_reads_only_the_rows_after_what_it_has_read():
    records = FakeRecords()
    for pk in (1, 2, 3):
        records.add(pk, f"p{pk}", seconds_ago=600)
    assert ids(live_follow.records_by_participant(records, NOW)) == [1, 2, 3]
    records.add(4, "p4", seconds_ago=600)
    assert ids(live_follow.records_by_participant(records, NOW)) == [1, 2, 3, 4]
    assert records.returned[-1] == [4]


def test_a_late_commit_with_a_lower_id_is_picked_up_once(monkeypatch):
    # MySQL/MariaDB: a write that started earlier can commit later with a lower id.
    monkeypatch.setattr(live_follow, "_lookback", lambda: live_follow.LOOKBACK)
    records = FakeRecords()
    records.add(10, "a")
    records.add(12, "b")                    # 11 is still uncommitted
    assert ids(live_follow.records_by_participant(records, NOW)) == [10, 12]
    records.add(11, "c")                    # commits after 12 was read
    assert ids(live_follow.records_by_participant(records, NOW)) == [10, 11, 12]
    assert records.returned[-1] == [11]     # the look-back returns only the row it lacked
    assert ids(live_follow.records_by_participant(records, NOW)) == [10, 11, 12]
    assert records.returned[-1] == []


def test_the_version_changes_only_when_a_record_was_added():
    records = FakeRecords()
    records.add(1, "a")
    first = live_follow.followed_records(records, NOW)
    again = live_follow.followed_records(records, NOW)
    by_participant = again.everyone()
    assert again.version == first.version
    records.add(2, "a")
    later = live_follow.followed_records(records, NOW)
    assert later.version != first.version
    assert ids(by_participant) == [1] and ids(later.everyone()) == [1, 2]   # a copy handed out stays as it was


def test_a_poll_gets_the_participants_who_wrote_after_a_version_it_had():
    records = FakeRecords()
    records.add(1, "a")
    records.add(2, "b")
    first = live_follow.followed_records(records, NOW)
    assert first.changed_since(first.version) == {}
    records.add(3, "c")
    records.add(4, "a")
    second = live_follow.followed_records(records, NOW)
    records.add(5, "d")
    third = live_follow.followed_records(records, NOW)
    assert list(third.changed_since(first.version)) == ["c", "a", "d"]   # in the order they wrote
    assert ids(third.changed_since(first.version)) == [1, 3, 4, 5]      # with all of their records
    assert list(third.changed_since(second.version)) == ["d"]
    # Removed records, or a version no longer kept: the caller reads everyone again.
    records.removed += 1
    again = live_follow.followed_records(records, NOW)
    assert again.changed_since(third.version) is None and again.changed_since(again.version) == {}
    for pk in range(10, 10 + live_follow.HISTORY):
        records.add(pk, f"p{pk}")
        latest = live_follow.followed_records(records, NOW)
    assert len(latest.changed_since(again.version)) == live_follow.HISTORY
    records.add(99, "late")
    assert live_follow.followed_records(records, NOW).changed_since(again.version) is None


def test_removed_records_make_it_read_everything_again():
    records = FakeRecords()
    records.add(1, "a", seconds_ago=600)
    records.add(2, "b", seconds_ago=600)
    live_follow.records_by_participant(records, NOW)
    del records.rows[1]
    records.removed += 1
    assert ids(live_follow.records_by_participant(records, NOW)) == [2]


def test_sqlite_needs_no_look_back(monkeypatch):
    """One writer at a time: no row commits with an id below one already read, so a
    poll reads only after its cursor, however recent the rows it has."""
    from django.db import connection
    assert live_follow._lookback() == (datetime.timedelta(0) if connection.vendor == "sqlite"
                                       else live_follow.LOOKBACK)
    monkeypatch.setattr(live_follow, "_lookback", lambda: datetime.timedelta(0))
    records = FakeRecords()
    records.add(1, "a")
    live_follow.records_by_participant(records, NOW)
    live_follow.records_by_participant(records, NOW)
    assert records.returned[-1] == []
