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


def _case_handler_counts(with_overview):
    """Queries of a participant's case handlers in a course with a case tracker, with or
    without a programme overview beside it."""
    from benchmarks.case_bench import participant_requests
    from tests.support.case import SESSIONS
    from tests.support.programme import new_programme
    from tests.support.workbench import Participant

    overview = '<leergang_programme display_name="Overzicht"/>' if with_overview else ""
    scenario, ids = new_programme(
        '<vertical_demo><leergang_case group_set_name="perf"><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'
        f"{overview}</vertical_demo>")
    person = Participant(f"pq_case_{uuid.uuid4().hex[:6]}")
    case = ids["leergang_case"][0]
    assert person.post(case, "save_case", {"fields": {"title": "Mijn casus"}}).status_code == 200
    counts = {}
    for name, call in participant_requests(scenario, case, person):
        if name == "page":   # the page renders every block on it; the LMS shows the overview to staff only
            continue
        with query_log() as captured:
            response = call(0)
        assert response.status_code == 200, (name, response.content[:300])
        counts[name] = len(captured.captured_queries)
    return counts


def test_no_other_blocks_participant_request_reads_more_because_the_overview_exists():
    assert _case_handler_counts(with_overview=True) == _case_handler_counts(with_overview=False)
