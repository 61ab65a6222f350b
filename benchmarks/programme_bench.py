"""The programme overview: staff's overview, participant detail and CSV over a course
where every block is in use, at 10,000 participants (goal: < 2 s and < 200 MB each);
its query count at 20 and 5,000 participants is a test (tests/perf/test_programme_query_counts.py).
Called by benchmarks/run.py, which prints this section under its own table."""
from workbench.runtime import WorkbenchRuntime

from benchmarks.case_seeding import seed_cases
from benchmarks.cost import analyze
from benchmarks.dialogue_bench import seed_positions
from benchmarks.feedback_round_seeding import seed_rounds
from benchmarks.seeding import seed_trust_scan
from benchmarks.tables import best_time_and_peak, staff_table
from leergang_xblocks.core import platform
from tests.support.programme import new_programme
from tests.support.workbench import Participant

STAFF_SECONDS, STAFF_MB = 2.0, 200


def seeded_programme(size, prefix):
    """A new course with a block of each kind and `size` participants who used every one:
    in groups of four with a whole feedback round, a case with entries and attendance,
    a position in the dilemma, and both trust scans. Returns (scenario, usage ids, students)."""
    scenario, ids = new_programme()
    students = seed_rounds(ids["leergang_feedback_round"][0], size, prefix)
    case = WorkbenchRuntime("seeder").get_block(ids["leergang_case"][0])
    seed_cases(platform.course_id(case), case.case_key, size, prefix)
    seed_positions(ids["leergang_dialogue"][0], size, prefix)
    for usage_id in ids["leergang_trust_scan"]:
        seed_trust_scan(WorkbenchRuntime("seeder").get_block(usage_id), size, prefix, user_state=False)
    analyze()
    return scenario, ids, students


def staff_requests(ids, students, staff=None):
    """The overview's staff requests: [(name, call)]."""
    staff = staff or Participant("staff_programme_bench")
    usage = ids["leergang_programme"][0]
    someone = platform.workbench_anonymous_id(students[len(students) // 2])
    return [("overview", lambda: staff.get(usage, "overview")),
            ("participant", lambda: staff.get(usage, "participant", f"participant={someone}")),
            ("export_csv", lambda: staff.get(usage, "export_csv", "format=nl"))]


def measure(staff_size=10000):
    scenario, ids, students = seeded_programme(staff_size, f"bp{staff_size}_")
    return {"staff_size": staff_size,
            "staff": {name: best_time_and_peak(name, call) for name, call in staff_requests(ids, students)}}


def report(figures):
    return staff_table(f"Programme overview: staff at {figures['staff_size']:,} participants, every block in use",
                       figures["staff"], STAFF_SECONDS, STAFF_MB)
