"""A dialogue write folds its change into the tally it read with one UPDATE when nobody
changed the tally since (stores.api.tallies.update_if_version), and under the row's lock
when someone did: no count is lost either way (dialogue/records.py `fold_changes`)."""
import uuid

from leergang_xblocks.dialogue import exercise
from leergang_xblocks.dialogue.records import DialogueStore
from leergang_xblocks.stores.api import tallies


def position(option):
    return {"kind": "position", "round": 1, "option": option, "values": {"keys": [], "own": []}}


def test_an_update_applies_only_to_the_version_read():
    course = f"course-v1:Tally+{uuid.uuid4().hex[:6]}+2026"
    assert tallies.read_versioned(course, "item", "k") == (0, None)
    assert tallies.update_if_version(course, "item", "k", 0, {"n": 1}) is False   # no row, no change yet
    tallies.update(course, "item", "k", lambda data: {"n": data["n"] + 1}, lambda: {"n": 0})
    version, data = tallies.read_versioned(course, "item", "k")
    assert (version, data) == (1, {"n": 1})
    assert tallies.update_if_version(course, "item", "k", version, {"n": 2}) is True
    assert tallies.update_if_version(course, "item", "k", version, {"n": 99}) is False   # read before the last change
    assert tallies.read_versioned(course, "item", "k") == (2, {"n": 2})
    assert tallies.read(course, "item", "k") == {"n": 2}                          # as the ORM reads it
    assert tallies.update(course, "item", "k", lambda data: {"n": data["n"] + 1}, dict) == {"n": 3}


def test_a_write_folds_into_what_it_read_and_loses_nothing_when_another_came_between():
    course = f"course-v1:Tally+{uuid.uuid4().hex[:6]}+2026"
    store = DialogueStore(None, course_id=course, item_id="dialogue-1")
    store.fold_changes(1, [(position("a"), 1)])              # the first change: under the lock
    store.tally(1)                                           # this request reads the room
    store.fold_changes(1, [(position("b"), 1)])              # nothing between: one UPDATE
    assert store.tally(1)["first"] == {"a": 1, "b": 1}
    other = DialogueStore(None, course_id=course, item_id="dialogue-1")
    other.fold_changes(1, [(position("a"), 1)])             # another participant, after this read
    store.fold_changes(1, [(position("c"), 1)])              # stale read: folded in under the lock
    store.read_once.clear()
    assert store.tally(1)["first"] == {"a": 2, "b": 1, "c": 1} and store.tally(1)["positions"] == 4
    assert exercise.comparable(store.tally(1)) == exercise.comparable(exercise.recount(
        {"p1": [position("a")], "p2": [position("b")], "p3": [position("a")], "p4": [position("c")]}, 1))
