"""What a dialogue request read once is read again after its own write only where the
write landed (dialogue/records.py `DialogueStore.once` and `shared`)."""
from leergang_xblocks.dialogue.records import DialogueStore


def test_a_write_to_one_log_key_makes_only_the_reads_that_cover_it_stale():
    store = DialogueStore(None, course_id="course-v1:X+Y+Z", item_id="dialogue-1")
    reads = []

    def reader(name):
        return lambda: reads.append(name) or name
    wall_keys = [store.wall_key(1, key) for key in "ab"]
    store.once((store.wall.item_id, "reasons", 1), reader("reasons"), covers=wall_keys)
    store.once((store.wall.item_id, "needs", 1), reader("needs"), covers=[store.needs_key(1)])
    store.once((store.responses.item_id, "to", ("r1",)), reader("to r1"), covers=["to:r1"])
    store.once((store.wall.item_id, "uncovered"), reader("uncovered"))
    assert reads == ["reasons", "needs", "to r1", "uncovered"]

    store.shared(store.responses, "r9", "to:r2")      # a response to someone else's reason
    store.shared(store.wall, "r8", store.wall_key(1, "b"))
    for key, name in (((store.wall.item_id, "reasons", 1), "reasons"), ((store.wall.item_id, "needs", 1), "needs"),
                      ((store.responses.item_id, "to", ("r1",)), "to r1"), ((store.wall.item_id, "uncovered"), "uncovered")):
        store.once(key, reader(name))
    assert reads[4:] == ["reasons", "uncovered"]     # the wall's reasons and a read that names no keys
    store.shared(store.responses)                     # no key given: every read of the log
    store.once((store.responses.item_id, "to", ("r1",)), reader("to r1"))
    assert reads[-1] == "to r1"
    assert store.responses_to(["r8"]) == [] and store.responses_to([]) == []    # r8 is new: nobody answered it
