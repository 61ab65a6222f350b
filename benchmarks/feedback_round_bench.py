"""Feedback rounds: a participant's requests in a course of 20 and of 5,000
participants (goal: flat, growth <= 1.5x), and the staff overview and CSV of
10,000 participants (goal: < 2 s, < 200 MB). Called by benchmarks/run.py, which
prints this section under its own table."""
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks.feedback_round_seeding import seed_rounds
from benchmarks.tables import best_time_and_peak, growth_table
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
STAFF_SECONDS, STAFF_MB = 2.0, 200


def _course(name):
    scenario = f"bench.round.{name}"
    add_xml_scenario(scenario, f"bench round {name}",
                     f'<leergang_feedback_round group_set_name="bench{name}" round_kind="both" method="incident"/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def measure(timed, repeat, sizes=(20, 5000), staff_size=10000):
    rows = {}
    for size in sizes:
        scenario, usage_id = _course(f"p{size}")
        students = seed_rounds(usage_id, size, prefix=f"br{size}_")
        middle = (len(students) // 8) * 4         # the first member of a group in the middle
        person, writer = Participant(students[middle]), Participant(students[middle + 1])
        state = person.get(usage_id, "round_state").json()
        received = state["received"][0]["id"]
        rows[size] = {
            "round page": timed(lambda i: person.page(scenario), repeat),
            "round_state": timed(lambda i: person.get(usage_id, "round_state"), repeat),
            "post_update": timed(lambda i: writer.post(usage_id, "post_update", {"text": f"Stand {i}"}), repeat),
            "rate_feedback": timed(lambda i: person.post(usage_id, "rate_feedback",
                                                         {"feedback": received, "helpful": 1 + i % 4}), repeat),
        }
    staff = {}
    if staff_size:
        scenario, usage_id = _course(f"s{staff_size}")
        seed_rounds(usage_id, staff_size, prefix=f"bs{staff_size}_")
        reader = Participant("staff_round_bench")
        staff = {name: best_time_and_peak(f"{name} at {staff_size}", call) for name, call in (
            ("staff_overview", lambda: reader.get(usage_id, "staff_overview")),
            ("export_csv", lambda: reader.get(usage_id, "export_csv", "names=0")))}
    return {"sizes": list(sizes), "rows": rows, "staff_size": staff_size, "staff": staff}


def report(figures):
    lines = growth_table("Feedback rounds: participant requests", figures, GROWTH_TARGET,
                         writes=("post_update", "rate_feedback"))
    if figures.get("staff"):
        lines += ["", f"Feedback rounds: staff views of {figures['staff_size']:,} participants", "",
                  "| view | seconds | peak MB | target | |", "|---|---|---|---|---|"]
        for name, row in figures["staff"].items():
            ok = row["seconds"] < STAFF_SECONDS and row["peak_mb"] < STAFF_MB
            lines.append(f"| {name} | {row['seconds']} | {row['peak_mb']} | < {STAFF_SECONDS:g} s, < {STAFF_MB} MB | "
                         f"{'PASS' if ok else 'MISS'} |")
    return lines
