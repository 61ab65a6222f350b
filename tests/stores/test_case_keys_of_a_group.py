"""A round's view asks for the case keys of every member of a group: one query for the
group (CaseActions.know_case_keys), and the same keys as asked one by one."""
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from leergang_xblocks.core.action_list import SUMMARY_SUFFIX, SUMMARY_TYPE, CaseActions, case_item
from leergang_xblocks.core.storage import NoteStore


def _overview(course, key, anonymous_id):
    NoteStore(None, SUMMARY_TYPE, item_id=case_item(key) + SUMMARY_SUFFIX, course_id=course).append(
        anonymous_id, {"title": key}, None)


def test_the_case_keys_of_a_group_are_read_in_one_query_and_match_the_ones_read_one_by_one():
    course = f"course-v1:Keys+{uuid.uuid4().hex[:6]}+2026"
    _overview(course, "case", "anon-a")
    _overview(course, "team", "anon-a")
    _overview(course, "case", "anon-b")
    group = ["anon-a", "anon-b", "anon-c"]
    one_by_one = {aid: CaseActions(course).case_keys(aid) for aid in group}

    lookup = CaseActions(course)
    with CaptureQueriesContext(connection) as captured:
        lookup.know_case_keys(group)
        together = {aid: lookup.case_keys(aid) for aid in group + ["anon-a"]}
    assert len(captured.captured_queries) == 1
    assert together == one_by_one == {"anon-a": ["case", "team"], "anon-b": ["case"], "anon-c": []}
