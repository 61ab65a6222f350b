"""A participant's own copies in plain SQL (stores.api.artefacts.own_records) are what
`of_participants` gives for them, through the participant's index."""
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leergang_xblocks.stores.api import artefacts


def test_own_records_are_of_participants_for_one():
    course = f"course-v1:Own+{uuid.uuid4().hex[:6]}+2026"
    now = timezone.now()
    for attempt, (who, item, kind) in enumerate([("a", "d1", "k"), ("b", "d1", "k"), ("a", "d1", "k"),
                                                 ("a", "d2", "k"), ("a", "d1", "other")], start=1):
        artefacts.copy(course, item, kind, who, attempt, {"n": attempt, "text": "é <x>"}, now)
    with CaptureQueriesContext(connection) as queries:
        found = artefacts.own_records(course, "d1", "k", "a")
    assert len(queries) == 1 and "INDEXED BY" in queries[0]["sql"]
    assert found == artefacts.of_participants(course, "d1", "k", ["a"])
    assert [r.data["n"] for r in found] == [1, 3] and found[0].submitted_at == now
    assert artefacts.own_records(course, "d1", "k", "nobody") == []
