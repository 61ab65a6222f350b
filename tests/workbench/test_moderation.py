"""core/moderation.py: flags and hidden items, append-only, read per scope."""
import uuid

from leergang_xblocks.core.moderation import Moderation
from leergang_xblocks.core.platform import Identity
from benchmarks.cost import query_log


def person(name, staff=False):
    return Identity(f"anon-{name}", name, name, staff)


def fresh():
    return Moderation(None, course_id=f"course-v1:test+{uuid.uuid4().hex[:8]}+run", block_item="block-v1:x+type@t+block@b")


def test_a_participant_flags_an_item_once_and_staff_see_every_flag():
    moderation = fresh()
    anna, bram = person("anna"), person("bram")
    assert moderation.flag(anna, 17, "set:g:g1", "unkind") is True
    assert moderation.flag(anna, "17", "set:g:g1", "again") is False  # a double click is one flag
    assert moderation.flag(bram, 17, "set:g:g1", "") is True
    assert moderation.flag(anna, 18, "set:g:g1") is True
    flags = moderation.flags()
    assert [(f.record_id, f.flagged_by, f.reason) for f in flags] == [
        ("17", "anon-anna", "unkind"), ("17", "anon-bram", ""), ("18", "anon-anna", "")]
    assert [f.record_id for f in moderation.flagged_by("anon-anna")] == ["17", "18"]


def test_hidden_items_are_per_scope_and_the_newest_decision_wins():
    moderation = fresh()
    staff = person("staff", staff=True)
    moderation.hide(staff, 17, "set:g:g1", "a citizen's name")
    moderation.hide(staff, 30, "set:g:g2")
    assert moderation.hidden_ids("set:g:g1") == {"17"}
    assert moderation.hidden_ids("set:g:g2") == {"30"}
    assert moderation.hidden_ids("cohort") == set()
    moderation.unhide(staff, 17, "set:g:g1")
    assert moderation.hidden_ids("set:g:g1") == set()
    moderation.hide(staff, 17, "set:g:g1", "after all")
    assert moderation.hidden_ids("set:g:g1") == {"17"}
    # The decisions are kept, in order, with who and why.
    decisions = moderation.decisions()
    assert [(d.record_id, d.hidden, d.reason) for d in decisions] == [
        ("17", True, "a citizen's name"), ("30", True, ""), ("17", False, ""), ("17", True, "after all")]
    assert set(moderation.hidden_everywhere()) == {"17", "30"}
    # A few scopes at once (a group's and the cohort's) in one query, each as read alone.
    scopes = ("set:g:g1", "set:g:g2", "cohort")
    with query_log() as captured:
        together = moderation.hidden_ids_in(scopes)
    assert len(captured.captured_queries) == 1
    assert together == {scope: moderation.hidden_ids(scope) for scope in scopes}


def test_clearing_a_participant_removes_their_flags_not_staff_decisions():
    moderation = fresh()
    anna, staff = person("anna"), person("staff", staff=True)
    moderation.flag(anna, 5, "cohort", "x")
    moderation.hide(staff, 5, "cohort")
    moderation.clear("anon-anna")
    assert moderation.flags() == [] and moderation.flagged_by("anon-anna") == []
    assert moderation.hidden_ids("cohort") == {"5"}


def test_a_reason_is_bounded():
    moderation = fresh()
    moderation.flag(person("anna"), 1, "cohort", "x" * 5000)
    assert len(moderation.flags()[0].reason) == 1000


def test_a_scope_read_costs_one_query_whatever_else_is_stored():
    moderation = fresh()
    staff = person("staff", staff=True)
    for n in range(30):
        moderation.hide(staff, n, f"set:g:g{n % 5}")
    with query_log() as queries:
        assert moderation.hidden_ids("set:g:g1") == {str(n) for n in range(1, 30, 5)}
    assert len(queries.captured_queries) == 1
