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
# Queries per request of a new participant (workbench request path, SQLite with
# BEGIN IMMEDIATE), at both sizes. About half are the workbench's field store (a
# query per field read, more per field write); the rest is the participant's
# serialised step: BEGIN, one read per store of their records (results through
# submissions.api, newest private state and series in the package's tables),
# the appends, the group-mean aggregate (its row locked, updated), COMMIT. A
# change here must be a deliberate one: update the numbers to the new true
# counts, with the reason.
# Issue 19 raised the reads: the results are read with submissions.api's
# get_submissions, which makes the participant's StudentItem on their first
# read (lookup, the serializer's uniqueness check, savepoint, insert, release:
# +5 on a new participant's first page) and then reads the rows (2 queries
# where the hand-written join took 1); the private state and series are one
# query each instead of a share of that join. Every record written adds one
# insert: its staff-side copy (stores.api.artefacts). Still equal at 20 and 5,000.
# +1 on every view and write (+4 on a participant's first page, where the
# workbench makes the row): the per-user field that recognises course staff
# viewing as a learner (core/platform.py, viewing_as_learner); in the LMS that
# field comes with the request's FieldDataCache, one query at most.
# save_draft +6, save_reflection/start_retake/submit (retake) +2: a new
# participant's first write also stores the user-state marker that keeps their
# StudentModule for the LMS's "Delete learner's state" (core/reset.py); the
# workbench's field store takes six queries for that one field, once per
# participant (the LMS: its one StudentModule row). Later writes only read it
# (two workbench queries); the LMS reads it from the user state it loaded anyway.
# Counted on the suite's environment (Python 3.11 with the platform's pins, xblock-sdk
# 0.14: scripts/setup.sh); every write also notes the writer in the Participant
# table for retirement (one read; core/handlers.py).
# Issue 19 (speed): save_draft -2: a new participant's first note in that table is one
# INSERT OR IGNORE, not a savepoint around an insert (stores/api/participants.py).
# Issue 19 (writes): every write -1: its checks read the participant's results from the
# package's copies in one plain query (trust_scan/records.py ResultRecords), where
# get_submissions took two (and serialised each earlier result).
EXPECTED_QUERIES = {
    "student_view": 16,
    # Each write one fewer since the name note is one upsert on a first write and nothing
    # while the names are unchanged (stores/api/participants.py).
    "save_draft": 16,
    # submit and its retake -2: the marker is not read in a write that saves the report
    # copy, which makes the user-state row itself (core/reset.py keep_participant_state).
    "submit": 23,
    "results": 13,
    "save_reflection": 10,
    "start_retake": 12,
    "submit (retake)": 23,
    "my_data": 10,
    "student_view (results)": 17,
}


@functools.lru_cache(maxsize=None)
def seeded_cohorts():
    """One scan per size, each in a course of its own, seeded before SQLite's
    statistics are refreshed once for both (see benchmarks/cost.analyze). Each
    page is loaded once first: a block's first page ever makes the workbench's
    row for its content (three queries, once per block), as the benchmark's
    warm-up rounds do before it counts."""
    scans = seeded_scans(SIZES, "perf")
    for scenario, _ in scans.values():
        assert Participant("perf_warm_up").page(scenario).status_code == 200
    return scans


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
    # At most the pinned count: a warm process cache (the workbench's, Django's) can
    # save one query when other tests ran before in the same process (seen in the
    # whole suite: student_view 5 instead of 6); a new query per request still fails.
    counted = {name: c["queries"] for name, c in small.items()}
    assert set(counted) == set(EXPECTED_QUERIES)
    assert all(counted[name] <= EXPECTED_QUERIES[name] for name in counted), "; ".join(f"{k}={v}" for k, v in sorted(counted.items()))
    grown = {name: round(large[name]["sqlite_instructions"] / small[name]["sqlite_instructions"], 2) for name in small}
    assert all(growth <= MAX_GROWTH for growth in grown.values()), grown


def test_the_measurement_sees_a_request_that_reads_the_whole_cohort():
    """The staff report reads every record (staff may): the same measure must see it grow."""
    found = {}
    for size in SIZES:
        _, usage_id = seeded_cohorts()[size]
        # The second of two reads: a first one may carry one-off work of the process (the
        # demo's scenario set-up, caches), which would hide the growth being measured.
        for _attempt in range(2):
            with measured() as cost:
                assert Participant("staff_perf").get(usage_id, "staff_report").status_code == 200
        found[size] = cost
    assert found[5000]["queries"] == found[20]["queries"]  # one query either way...
    # ...but not the same work: well beyond MAX_GROWTH, the limit participant requests are
    # held to (a request that does not read the cohort stays near 1x). Staff reads come from
    # the package's own copy table since issue 19, which costs less per row than the
    # edx-submissions join did: 5-15x, since the small cohort's cost rises with whatever
    # earlier tests left in the tables, where it was over 20x.
    assert found[5000]["sqlite_instructions"] > 2 * MAX_GROWTH * found[20]["sqlite_instructions"], found
