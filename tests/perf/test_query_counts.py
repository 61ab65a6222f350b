"""A participant's request costs the same whatever the cohort size (issue 8):
the same number of SQL queries at 20 and at 5,000 participants, and the same
work inside SQLite (virtual-machine instructions, benchmarks/cost.py), so a
request that reads every participant's rows fails here even when it does so in
one query. Deterministic, so it is a test; the timings live in benchmarks/run.py."""
import functools

from benchmarks.cost import measured, participant_requests
from benchmarks.seeding import seeded_scans
from tests.support.workbench import Participant

SIZES = (20, 5000)
MAX_GROWTH = 1.5


@functools.lru_cache(maxsize=None)
def seeded_cohorts():
    """One scan per size, each in a course of its own, seeded before SQLite's
    statistics are refreshed once for both (see benchmarks/cost.analyze)."""
    return seeded_scans(SIZES, "perf")


def costs(size, person_id):
    scenario, usage_id = seeded_cohorts()[size]
    person = Participant(person_id)
    found = {}
    for name, call in participant_requests(scenario, usage_id, person):
        with measured() as cost:
            response = call()
        assert response.status_code == 200, (name, response.content[:200])
        found[name] = cost
    return found


def test_participant_requests_cost_the_same_at_20_and_5000():
    small, large = costs(20, "perf_small"), costs(5000, "perf_large")
    assert {name: c["queries"] for name, c in small.items()} == {name: c["queries"] for name, c in large.items()}
    grown = {name: round(large[name]["sqlite_instructions"] / small[name]["sqlite_instructions"], 2) for name in small}
    assert all(growth <= MAX_GROWTH for growth in grown.values()), grown


def test_the_measurement_sees_a_request_that_reads_the_whole_cohort():
    """The staff report reads every record (staff may): the same measure must see it grow."""
    found = {}
    for size in SIZES:
        _, usage_id = seeded_cohorts()[size]
        with measured() as cost:
            assert Participant("staff_perf").get(usage_id, "staff_report").status_code == 200
        found[size] = cost
    assert found[5000]["queries"] == found[20]["queries"]  # one query either way...
    assert found[5000]["sqlite_instructions"] > 20 * found[20]["sqlite_instructions"]  # ...but not the same work
