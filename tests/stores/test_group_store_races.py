"""Group sets under concurrent first requests: the database's unique keys decide,
not a check before the insert."""
import threading
import uuid

from django.db import connection

from leergang_xblocks.core.group_store import GroupSetStore


def _at_once(count, work):
    """Run `work()` in `count` threads released together; their results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait()
            results[index] = work()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_two_first_requests_register_a_participant_once():
    """Before: `register` looked for the roster row, then inserted one: two first
    requests at once both found none and both inserted (two roster rows, both
    answering "registered by me"). Now a unique key lets one insert win."""
    store = GroupSetStore(f"course-v1:Race+{uuid.uuid4().hex[:8]}+2026", "intervisie")
    for _attempt in range(5):
        anonymous_id = f"anon-{uuid.uuid4().hex[:12]}"
        results = _at_once(6, lambda aid=anonymous_id: store.register(aid, "Anna de Vries", "anna"))
        assert results.count(True) == 1, results
        assert store.is_registered(anonymous_id)
        assert list(store.roster()).count(anonymous_id) == 1


def test_two_staff_saving_the_same_version_at_once_one_wins_the_other_hears_so():
    from leergang_xblocks.core.group_store import VersionConflict

    store = GroupSetStore(f"course-v1:Race+{uuid.uuid4().hex[:8]}+2026", "intervisie")

    def save(name):
        try:
            store.save(0, [{"key": "g1", "name": name, "members": ["anon-a", "anon-b"]}], {}, {}, "staff")
            return "saved"
        except VersionConflict as conflict:
            return conflict.current

    results = _at_once(4, lambda: save(f"Groep {threading.get_ident()}"))
    assert results.count("saved") == 1 and results.count(1) == 3, results
    latest = store.latest()
    assert latest.version == 1 and [g.name for g in latest.groups] == [store.group("set:intervisie:g1").name]


def test_a_double_click_flags_once():
    from leergang_xblocks.core.moderation import Moderation
    from leergang_xblocks.core.platform import Identity

    moderation = Moderation(None, course_id=f"course-v1:Race+{uuid.uuid4().hex[:8]}+2026", block_item="block-1")
    me = Identity("anon-flagger", "flagger", "Flagger", False)
    results = _at_once(4, lambda: moderation.flag(me, 42, "set:intervisie:g1", "not kind"))
    assert results.count(True) == 1
    assert [f.record_id for f in moderation.flags()] == ["42"]
