"""The programme overview's lean reads give what the full reads give, only less of it:
the scans' span per participant (stores.api.artefacts.span_per_participant) against the
copies per block and participant, and a block's record parts with the time of some
kinds only (stores.api.group_records.parts_of_block) against the full rows."""
import datetime
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leergang_xblocks.stores.api import artefacts, group_records

START = timezone.now() - datetime.timedelta(days=10)


def course():
    return f"course-v1:Reads+{uuid.uuid4().hex[:6]}+2026"


def test_the_span_per_participant_is_the_copies_per_block_taken_together_in_one_query():
    here = course()
    moments = {("scan-1", "anna"): [0, 3], ("scan-2", "anna"): [5], ("scan-1", "bram"): [1],
               ("scan-3", "bram"): [9], ("scan-2", "chris"): [2, 4, 6]}
    for (item, who), days in moments.items():
        for attempt, day in enumerate(days, 1):
            artefacts.copy(here, item, "scan", who, attempt, {}, START + datetime.timedelta(days=day))
    artefacts.copy(here, "scan-1", "other_kind", "dewi", 1, {}, START)     # another kind: not counted

    with CaptureQueriesContext(connection) as queries:
        spans = artefacts.span_per_participant(here, "scan", ["scan-1", "scan-2"])
    assert len(queries) == 1
    per_block = artefacts.per_participant(here, "scan", ["scan-1", "scan-2"])
    expected = {}
    for (_item, who), (_n, first, last) in per_block.items():
        done, low, high = expected.get(who, (0, first, last))
        expected[who] = (done + 1, min(low, first), max(high, last))
    assert spans == expected
    assert spans["anna"] == (2, START, START + datetime.timedelta(days=5))
    assert spans["bram"][0] == 1 and "dewi" not in spans       # scan-3 is not one of the items asked
    assert artefacts.span_per_participant(here, "scan", ["scan-1", "scan-2"], anonymous_id="chris") == {
        "chris": spans["chris"]}
    assert artefacts.span_per_participant(here, "scan", []) == {}


def test_parts_with_the_time_of_some_kinds_only_are_the_full_rows_otherwise():
    here, prefix = course(), "round-1#group:"
    for n, kind in enumerate(["update", "feedback", "update", "reply", "feedback"]):
        group_records.add(here, f"{prefix}g{n % 2}", "round", f"anon-{n}", uuid.uuid4().hex,
                          START + datetime.timedelta(hours=n), {"kind": kind, "to": f"anon-{n + 1}", "text": "lang"})
    full = list(group_records.of_block(here, "round", prefix))
    lean = list(group_records.parts_of_block(here, "round", prefix, text_keys=("kind", "to"),
                                             times_of_kinds=("update",)))
    assert [(rid, author) for rid, author, _at, _data in lean] == [(rid, author) for rid, author, _at, _d in full]
    for (_rid, _author, at, data), (_r, _a, full_at, full_data) in zip(lean, full):
        assert data == {"kind": full_data["kind"], "to": full_data["to"]}
        assert at == (full_at if full_data["kind"] == "update" else None)
    assert [at for _rid, _author, at, _data in group_records.parts_of_block(here, "round", prefix, ("kind",))] == [
        at for _rid, _author, at, _data in full]
