"""Erasure (AVG article 17) in the tables of locks, private state, shared logs,
tallies and notes, and the participant's edx-submissions rows: after `erasure.erase_participant(course, anonymous id)`
nothing keyed by that participant is left in that course, and everyone else's
rows (and the participant's rows in another course) are untouched."""
import uuid

from leergang_xblocks.core.storage import RecordStore
from leergang_xblocks.stores.api import erasure, locks, logs, notes, private_state, tallies
from leergang_xblocks.stores.models import Lock, LogEntry, ParticipantNote, PrivateStateVersion, Tally


def _fill(course, who):
    with locks.held(course, "block-1", who):
        private_state.write(course, "block-1#private", "t", who, {"draft": "mijn tekst"}, 1)
        logs.append(course, "block-1#wall", "r1:a", {"text": "omdat"}, author=who)
        notes.append(course, "leergang:case:x#staff", "t", who, {"comment": "goed"})
        for item in ("block-1", "leergang:case:x"):
            RecordStore(None, "leergang_test", item_id=item, course_id=course).append(who, {"answer": 1}, None)
    Lock.objects.get_or_create(course_id=course, scope="block-1", key=who)  # as on MySQL, where the row is kept


def _left(course, who):
    return {
        "locks": Lock.objects.filter(course_id=course, key=who).count(),
        "private": PrivateStateVersion.objects.filter(course_id=course, anonymous_id=who).count(),
        "logs": LogEntry.objects.filter(course_id=course, author=who).count(),
        "notes": ParticipantNote.objects.filter(course_id=course, anonymous_id=who).count(),
        "artefacts": sum(len(RecordStore(None, "leergang_test", item_id=item, course_id=course).history(who))
                         for item in ("block-1", "leergang:case:x")),
    }


def test_erasure_leaves_nothing_of_the_participant_and_everything_of_the_others():
    course, other_course = (f"course-v1:Erase+{uuid.uuid4().hex[:8]}+T" for _ in range(2))
    for who in ("anna", "bram"):
        _fill(course, who)
    _fill(other_course, "anna")
    tallies.update(course, "block-1#tally", "tally:r1", lambda t: {"a": t.get("a", 0) + 2}, dict)

    erasure.erase_participant(course, "anna")

    assert _left(course, "anna") == {"locks": 0, "private": 0, "logs": 0, "notes": 0, "artefacts": 0}
    assert _left(course, "bram") == {"locks": 1, "private": 1, "logs": 1, "notes": 1, "artefacts": 2}
    assert _left(other_course, "anna") == {"locks": 1, "private": 1, "logs": 1, "notes": 1, "artefacts": 2}
    # Tallies hold counts, no identifier: a participant's share is folded out by
    # the block's own clear (clear_student_state), not by erasure of a key.
    assert Tally.objects.get(course_id=course, key="tally:r1").data == {"a": 2}


def test_every_stores_module_with_participant_rows_registers_an_eraser():
    registered = {fn.__module__.rsplit(".", 1)[-1] for fn in erasure.erasers()}
    assert {"artefacts", "locks", "logs", "notes", "private_state"} <= registered
