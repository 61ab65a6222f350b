"""Mijn leergang's requests cost the same number of SQL queries in a course of 20 and
of 2,000 participants who all worked in every block (case, feedback round, dilemma,
trust scan): the block reads only the asking participant's records in each block
(and, in a feedback round, their own group's), never every participant's."""
from workbench.runtime import WorkbenchRuntime

from benchmarks.case_seeding import seed_cases
from benchmarks.cost import analyze, query_log
from benchmarks.dialogue_bench import seed_positions
from benchmarks.feedback_round_seeding import seed_rounds
from benchmarks.seeding import seed_trust_scan
from leergang_xblocks.core import platform
from tests.support.my_programme import new_programme_course
from tests.support.workbench import Participant


def queries_per_request(size):
    scenario, usages = new_programme_course()
    prefix = f"mpq{size}_"
    students = seed_rounds(usages["leergang_feedback_round"], size, prefix=prefix)
    reader = WorkbenchRuntime("seeder")
    seed_cases(platform.course_id(reader.get_block(usages["leergang_case"])), "case", size, prefix=prefix)
    seed_positions(usages["leergang_dialogue"], size, prefix=prefix)
    seed_trust_scan(reader.get_block(usages["leergang_trust_scan"]), size, prefix, user_state=False)
    analyze()
    person = Participant(students[4])
    block = usages["leergang_my_programme"]
    # Once first: the workbench makes the participant's field rows on their first visit.
    assert person.page(scenario).status_code == 200
    counts = {}
    for name, call in (
        ("page", lambda: person.page(scenario)),
        ("journey", lambda: person.get(block, "journey")),
        ("download html", lambda: person.get(block, "download", "format=html")),
        ("download json", lambda: person.get(block, "download", "format=json")),
    ):
        with query_log() as captured:
            response = call()
        assert response.status_code == 200, (name, response.content[:300])
        counts[name] = len(captured.captured_queries)
    journey = person.get(block, "journey").json()
    assert (journey["cases"], journey["rounds"], journey["dilemmas"], journey["scans"]) == (1, 1, 1, 1)
    return counts


def test_a_participants_programme_requests_do_not_grow_with_the_course():
    small, large = queries_per_request(20), queries_per_request(2000)
    assert small == large
    assert all(count > 0 for count in small.values())
