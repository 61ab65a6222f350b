"""The programme overview reads each kind of record with a bounded number of queries:
its staff requests cost the same number of SQL queries at 20 and at 5,000 participants
(benchmarks/programme_bench.py times them at 10,000)."""
import uuid

from benchmarks.cost import query_log
from benchmarks.programme_bench import seeded_programme, staff_requests


def queries_per_request(size):
    scenario, ids, students = seeded_programme(size, f"pq{size}_{uuid.uuid4().hex[:4]}_")
    counts = {}
    for name, call in staff_requests(ids, students):
        with query_log() as captured:
            response = call()
        assert response.status_code == 200, (name, response.content[:300])
        counts[name] = len(captured.captured_queries)
    return counts


def test_the_overviews_queries_do_not_grow_with_the_cohort():
    small, large = queries_per_request(20), queries_per_request(5000)
    assert small == large
    assert all(count > 0 for count in small.values())
