"""The one lock facility (`stores.api.locks.held`) serialises two threads that
ask for the same (course, scope, key) on SQLite, and lets a different key pass.

The sleep inside the first holder only gives a broken lock the chance to show
itself; the assertions are on the order of events, never on time.
"""
import threading
import time
import uuid

import pytest
from django.db import connection, connections

from leergang_xblocks.stores.api import locks
from leergang_xblocks.stores.models import Lock


def _run_two(first_key, second_key):
    course = f"course-v1:Lock+{uuid.uuid4().hex[:8]}+T"
    events, first_in, second_trying = [], threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with locks.held(course, "block-item", first_key):
                events.append("first in")
                first_in.set()
                second_trying.wait(10)
                time.sleep(0.3)
                events.append("first out")
        except Exception as exc:  # pragma: no cover: shown by the assertion below
            errors.append(exc)
            first_in.set()
        finally:
            connections.close_all()

    def second():
        try:
            first_in.wait(10)
            second_trying.set()
            with locks.held(course, "block-item", second_key):
                events.append("second in")
        except Exception as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    return events, course


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path of the lock")
def test_the_same_lock_makes_the_second_thread_wait_for_the_first_to_commit():
    events, _ = _run_two("anon-1", "anon-1")
    assert events == ["first in", "first out", "second in"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path of the lock")
def test_one_lock_row_per_course_scope_and_key_however_often_it_is_taken():
    course = f"course-v1:Lock+{uuid.uuid4().hex[:8]}+T"
    for _ in range(3):
        with locks.held(course, "block-item", "anon-1"):
            pass
    with locks.held(course, "course:case", "team-a"):
        pass
    rows = sorted(Lock.objects.filter(course_id=course).values_list("scope", "key"))
    expected = [] if locks._begins_immediate() else [("block-item", "anon-1"), ("course:case", "team-a")]
    assert rows == expected


def test_a_failure_inside_the_lock_rolls_back_what_was_written_in_it():
    course = f"course-v1:Lock+{uuid.uuid4().hex[:8]}+T"
    with pytest.raises(RuntimeError):
        with locks.held(course, "block-item", "anon-1"):
            Lock.objects.create(course_id=course, scope="written inside", key="x")
            raise RuntimeError("stop")
    assert not Lock.objects.filter(course_id=course, scope="written inside").exists()
