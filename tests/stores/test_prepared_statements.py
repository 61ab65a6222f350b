"""Statements composed once per process (stores/api/prepared.py) give what the ORM gives:
the same rows, converted the same way (JSON, aware times), for every call's own values,
a prefix with LIKE's special characters matched as plain text; and inserts store what
the ORM's `create` stores, defaults included."""
import datetime
import uuid

from leergang_xblocks.stores.api import artefacts, notes, private_state, tallies
from leergang_xblocks.stores.models import ArtefactCopy, ParticipantNote, PrivateStateVersion, Tally


def course():
    return f"course-v1:Prep+{uuid.uuid4().hex[:6]}+2026"


def test_a_participants_newest_private_state_is_theirs_converted_as_the_orm_converts_it():
    here = course()
    private_state.write(here, "scan#private", "scan", "anon-a", {"draft": {"q1": 3}}, 1)
    private_state.write(here, "scan#private", "scan", "anon-a", {"draft": {"q1": 4}, "note": "é"}, 2)
    private_state.write(here, "scan#private", "scan", "anon-b", {"draft": {}}, 1)
    newest = private_state.newest(here, "scan#private", "anon-a")
    row = PrivateStateVersion.objects.get(course_id=here, anonymous_id="anon-a", version=2)
    assert (newest.attempt, newest.data, newest.submitted_at) == (2, {"draft": {"q1": 4}, "note": "é"}, row.written_at)
    assert isinstance(newest.submitted_at, datetime.datetime) and newest.submitted_at.tzinfo is not None
    assert private_state.newest(here, "scan#private", "anon-b").data == {"draft": {}}
    assert private_state.newest(here, "scan#private", "anon-c") is None


def test_a_participants_rows_under_a_prefix_take_like_characters_as_plain_text():
    here = course()
    notes.append(here, "series:a_b%:scan1", "series", "anon-a", {"n": 1}, 1)
    notes.append(here, "series:a_b%:scan2", "series", "anon-a", {"n": 2}, 1)
    notes.append(here, "series:aXbY:scan3", "series", "anon-a", {"n": 3}, 1)   # "_" and "%" would match it
    notes.append(here, "series:a_b%:scan1", "series", "anon-b", {"n": 4}, 1)
    found = [r.data["n"] for r in notes.rows(here, "series:a_b%:", "series", "id", anonymous_id="anon-a", prefix=True)]
    assert found == [1, 2]
    newest = list(notes.rows(here, "series:a_b%:", "series", "-id", anonymous_id="anon-a", limit=1, prefix=True))
    assert [r.data["n"] for r in newest] == [2]
    assert [r.data["n"] for r in notes.rows(here, "series:a_b%:scan1", "series", "id", anonymous_id="anon-b")] == [4]


def test_inserts_store_what_the_orms_create_stores():
    here = course()
    at = datetime.datetime(2026, 12, 7, 21, 0, tzinfo=datetime.timezone.utc)
    artefacts.copy(here, "scan", "scan", "anon-a", 2, {"answers": {"q1": 4}, "text": "<b>é</b>"}, at)
    copy = ArtefactCopy.objects.get(course_id=here)
    assert (copy.anonymous_id, copy.attempt, copy.data, copy.submitted_at) == (
        "anon-a", 2, {"answers": {"q1": 4}, "text": "<b>é</b>"}, at)
    record = notes.append(here, "series:x", "series", "anon-a", {"n": 1}, 3)
    note = ParticipantNote.objects.get(course_id=here)
    assert (note.attempt, note.data, note.written_at) == (3, {"n": 1}, record.submitted_at)
    assert note.written_at.tzinfo is not None


def test_a_tally_is_made_changed_and_versioned_as_before():
    here = course()
    assert tallies.update(here, "round", "votes", lambda kept: {**kept, "a": kept.get("a", 0) + 1}, dict) == {"a": 1}
    assert tallies.update(here, "round", "votes", lambda kept: {**kept, "a": kept["a"] + 1}, dict) == {"a": 2}
    assert tallies.update(here, "round", "votes", lambda kept: None, dict) == {"a": 2}   # no change: none saved
    row = Tally.objects.get(course_id=here)
    assert (row.version, row.data, tallies.read(here, "round", "votes")) == (2, {"a": 2}, {"a": 2})


def test_a_name_note_composed_once_writes_and_keeps_names_as_the_orm_did():
    from leergang_xblocks.stores.api import participants
    from leergang_xblocks.stores.models import Participant
    here = course()
    for n in range(3):   # the first composes the statement, the others reuse it
        participants.note(here, f"anon-{n}", f"user{n}", f"Naam {n}", 100 + n)
    participants.forget_noted()
    participants.note(here, "anon-1", "user1-new", "", None)   # an empty name keeps the known one
    rows = {row.anonymous_id: (row.username, row.full_name, row.user_id)
            for row in Participant.objects.filter(course_id=here)}
    assert rows == {"anon-0": ("user0", "Naam 0", 100), "anon-1": ("user1-new", "Naam 1", 101),
                    "anon-2": ("user2", "Naam 2", 102)}
    assert all(row.updated_at.tzinfo is not None for row in Participant.objects.filter(course_id=here))
