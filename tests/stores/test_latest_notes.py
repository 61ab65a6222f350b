"""Each participant's newest note in one query that reads only those rows (the case's
overview summary: core/storage.py NoteStore.latest_per_participant)."""
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from leergang_xblocks.stores.api import notes


def test_the_newest_row_of_each_participant_in_one_query():
    course = f"course-v1:Notes+{uuid.uuid4().hex[:6]}+2026"
    for n in range(3):
        notes.append(course, "case-1", "case_summary", "anon-b", {"n": n})
    notes.append(course, "case-1", "case_summary", "anon-a", {"n": 10})
    notes.append(course, "case-2", "case_summary", "anon-a", {"n": 99})    # another item: not this one's
    notes.append(course, "case-1", "other_kind", "anon-a", {"n": 98})     # another kind: not this one's
    notes.append(course, "case-1", "case_summary", "anon-a", {"n": 11})

    with CaptureQueriesContext(connection) as queries:
        found = [(r.anonymous_id, r.data["n"]) for r in notes.latest_per_participant(course, "case-1", "case_summary")]
    assert found == [("anon-a", 11), ("anon-b", 2)]
    assert len(queries) == 1


def test_under_a_prefix_the_newest_of_any_item_counts():
    course = f"course-v1:Notes+{uuid.uuid4().hex[:6]}+2026"
    notes.append(course, "scan#1", "scan_note", "anon-a", {"n": 1})
    notes.append(course, "scan#2", "scan_note", "anon-a", {"n": 2})
    notes.append(course, "other", "scan_note", "anon-a", {"n": 3})
    found = [r.data["n"] for r in notes.latest_per_participant(course, "scan#", "scan_note", prefix=True)]
    assert found == [2]
