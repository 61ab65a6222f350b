"""A participant's request must cost the same number of SQL queries whatever
the cohort size (issue: benchmarks). Deterministic, so it is a test; the
timings live in benchmarks/run.py."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.seeding import seed_trust_scan
from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant


def queries_per_request(size):
    scenario = f"perf.queries{size}"
    if scenario not in get_scenarios():
        add_xml_scenario(scenario, f"perf queries {size}", '<leergang_trust_scan series="perf"/>')
    usage_id = str(get_scenarios()[scenario].usage_id)
    seed_trust_scan(WorkbenchRuntime("seeder").get_block(usage_id), size, prefix=f"perf{size}_")
    person = Participant(f"perf_person_{size}")
    full = {item.key: 4 for item in shipped_instrument("sturen_vanuit_vertrouwen").items}
    counts = {}
    for name, call in (
        ("save_draft", lambda: person.post(usage_id, "save_draft", {"answers": {"vm1": 2}, "version": 0})),
        ("submit", lambda: person.post(usage_id, "submit", {"answers": full})),
        ("results", lambda: person.get(usage_id, "results")),
        ("save_reflection", lambda: person.post(usage_id, "save_reflection", {"text": "x"})),
        ("my_data", lambda: person.get(usage_id, "my_data")),
    ):
        with CaptureQueriesContext(connection) as captured:
            response = call()
        assert response.status_code == 200, (name, response.content[:200])
        counts[name] = len(captured.captured_queries)
    return counts


def test_participant_queries_do_not_grow_with_the_cohort():
    small, large = queries_per_request(10), queries_per_request(1000)
    assert small == large


@pytest.mark.parametrize("size", [10])
def test_the_measurement_sees_queries(size):
    assert all(count > 0 for count in queries_per_request(size + 1).values())
