"""A participant's group read and group-scoped record read cost the same number
of SQL queries in a course of 20 and of 2,000 participants (the benchmarks time
them at 20 and 5,000)."""

from benchmarks.group_seeding import seed_groups
from tests.support.groups import new_course
from tests.support.workbench import Participant
from benchmarks.cost import query_log


def queries_per_request(size):
    scenario, usage = new_course(set_name="perf")
    students = seed_groups(usage, size, prefix=f"gq{size}_")
    person = Participant(students[5])
    counts = {}
    for name, call in (
        ("page", lambda: person.page(scenario)),
        ("group_introductions", lambda: person.get(usage, "group_introductions")),
        ("post_introduction", lambda: person.post(usage, "post_introduction", {"text": "Hallo"})),
        ("my_data", lambda: person.get(usage, "my_data")),
    ):
        with query_log() as captured:
            response = call()
        assert response.status_code == 200, (name, response.content[:200])
        counts[name] = len(captured.captured_queries)
    return counts


def test_a_participants_group_requests_do_not_grow_with_the_course():
    small, large = queries_per_request(20), queries_per_request(2000)
    assert small == large
    assert all(count > 0 for count in small.values())


def test_the_group_read_itself_is_one_query():
    scenario, usage = new_course(set_name="perf")
    students = seed_groups(usage, 40, prefix="gq_one_")
    from tests.support.groups import store_of
    from leergang_xblocks.core.platform import workbench_anonymous_id
    store = store_of(usage)
    with query_log() as captured:
        group = store.group_of(workbench_anonymous_id(students[9]))
    assert len(captured.captured_queries) == 1 and group.size == 4
