"""The names a participant's write notes (stores.api.participants.note): what is stored,
and what a note of unchanged names costs (every write step notes its participant)."""
import uuid

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from leergang_xblocks.stores.api import erasure, participants


def _course():
    return f"course-v1:Names+{uuid.uuid4().hex[:6]}+2026"


def _queries(call):
    """Statements of `call` inside a transaction, as in a write step (its BEGIN is the step's)."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            call()
    return len(captured.captured_queries)


def test_a_first_note_is_one_statement_and_an_unchanged_one_none():
    course = _course()
    assert _queries(lambda: participants.note(course, "anon-a", "anna", "Anna de Vries", 11)) == 1
    assert _queries(lambda: participants.note(course, "anon-a", "anna", "Anna de Vries", 11)) == 0
    assert _queries(lambda: participants.note(course, "anon-a", "anna", "", None)) == 0   # nothing new given
    assert participants.of(course, "anon-a") == {"username": "anna", "full_name": "Anna de Vries", "user_id": 11}


def test_a_changed_name_is_written_and_empty_values_keep_the_known_ones():
    course = _course()
    participants.note(course, "anon-a", "anna", "", None)              # a staff paste: a username only
    participants.note(course, "anon-a", "", "Anna de Vries", None)     # then the full name
    participants.note(course, "anon-a", "anna", "Anna Jansen", 11)     # a changed name, the user id learned
    assert participants.of(course, "anon-a") == {"username": "anna", "full_name": "Anna Jansen", "user_id": 11}


def test_a_row_written_by_another_process_is_refreshed_not_duplicated():
    course = _course()
    participants.note(course, "anon-a", "anna", "Anna de Vries", 11)
    participants.forget_noted()                                        # as a process that never saw it
    participants.note(course, "anon-a", "", "Anna Jansen", None)
    assert participants.of(course, "anon-a") == {"username": "anna", "full_name": "Anna Jansen", "user_id": 11}
    assert participants.names(course, ["anon-a"]) == {"anon-a": ("anna", "Anna Jansen")}


def test_after_erasure_a_participant_who_acts_again_is_noted_again():
    course = _course()
    participants.note(course, "anon-a", "anna", "Anna de Vries", 11)
    erasure.erase_participant(course, "anon-a")
    assert participants.of(course, "anon-a") is None
    participants.note(course, "anon-a", "anna", "Anna de Vries", 11)
    assert participants.of(course, "anon-a") == {"username": "anna", "full_name": "Anna de Vries", "user_id": 11}


def test_a_note_rolled_back_with_its_write_step_is_written_again_by_the_next_request():
    course = _course()

    class Refused(Exception):
        pass
    try:
        with transaction.atomic():          # a write step whose handler refuses: nothing stays
            participants.note(course, "anon-a", "anna", "Anna de Vries", 11)
            raise Refused()
    except Refused:
        pass
    assert participants.of(course, "anon-a") is None
    participants.note(course, "anon-a", "anna", "Anna de Vries", 11)
    assert participants.of(course, "anon-a") == {"username": "anna", "full_name": "Anna de Vries", "user_id": 11}
