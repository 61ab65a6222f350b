"""The newest entries of a few logs of one item in one statement (the dialogue's reasons
per option: stores.api.logs.newest_of_each), the same as `newest` gives per log."""
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from leergang_xblocks.stores.api import logs


def test_the_newest_of_each_log_in_one_statement_as_newest_gives_them():
    course = f"course-v1:Logs+{uuid.uuid4().hex[:6]}+2026"
    for n in range(5):
        logs.append(course, "item#wall", "r1:a", {"n": n, "text": f"a{n}"})
    logs.append(course, "item#wall", "r1:b", {"n": 10, "text": "b0"})
    logs.append(course, "item#wall", "r2:a", {"n": 20})             # another key: not asked for
    logs.append(course, "other#wall", "r1:a", {"n": 30})            # another log of the course
    logs.append(f"{course}x", "item#wall", "r1:a", {"n": 40})       # another course
    keys = ["r1:a", "r1:b", "r1:c"]
    with CaptureQueriesContext(connection) as queries:
        found = logs.newest_of_each(course, "item#wall", keys, 3)
    assert len(queries) == 1
    assert list(found) == keys
    assert [e.data["n"] for e in found["r1:a"]] == [4, 3, 2] and found["r1:c"] == []
    for key in keys:
        assert found[key] == logs.newest(course, "item#wall", key, 3)
    assert logs.newest_of_each(course, "item#wall", [], 3) == {}


def test_the_newest_of_a_few_logs_together_as_of_keys_gives_them():
    course = f"course-v1:Logs+{uuid.uuid4().hex[:6]}+2026"
    for n in range(4):
        logs.append(course, "item#responses", f"to:r{n % 2}", {"n": n})
    logs.append(course, "item#responses", "to:r9", {"n": 9})          # not asked for
    logs.append(course, "other#responses", "to:r0", {"n": 10})        # another log
    with CaptureQueriesContext(connection) as queries:
        found = logs.newest_of_keys(course, "item#responses", ["to:r0", "to:r1", "to:r0"], 3)
    assert len(queries) == 1
    assert found == logs.of_keys(course, "item#responses", ["to:r0", "to:r1"], 3)
    assert [e.data["n"] for e in found] == [1, 2, 3]
    assert logs.newest_of_keys(course, "item#responses", [], 3) == []
