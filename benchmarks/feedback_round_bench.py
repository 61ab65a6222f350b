"""Feedback rounds: a participant's requests in a course of 20 and of 5,000
participants (goal: flat, growth <= 1.5x), and the staff overview and CSV of
10,000 participants (goal: < 2 s, < 200 MB). Each write is a new participant's first
of its kind, beside xblock-poll's vote in the same rounds (goal: <= 1.0x). Called by
benchmarks/run.py, which prints this section under its own table."""
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks import fresh
from benchmarks.feedback_round_seeding import seed_rounds
from benchmarks.tables import best_time_and_peak, growth_table, staff_table
from leergang_xblocks.core import platform
from tests.support.case import SESSIONS
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
# The participant writes, each a new participant's first of its kind, held to <= 1.0x the vote.
WRITES = ("post_update", "give_feedback", "rate_feedback", "follow_up_action")
STAFF_SECONDS, STAFF_MB = 2.0, 200


def course(name):
    scenario = f"bench.round.{name}"
    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    add_xml_scenario(scenario, f"bench round {name}",
                     f'<leergang_feedback_round group_set_name="bench{name}" round_kind="both" method="incident"/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def course_with_case(name):
    """A course with a case tracker and a feedback round on the same group set (the round
    opens with a member's case actions, which they follow up from it); returns the
    scenario, the round's usage id and the case tracker's."""
    scenario = f"bench.roundcase.{name}"
    get_scenarios()
    add_xml_scenario(scenario, f"bench round and case {name}", (
        f'<vertical_demo><leergang_case group_set_name="bench{name}"><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'
        f'<leergang_feedback_round group_set_name="bench{name}" round_kind="both" method="incident"/>'
        '</vertical_demo>'))
    root = WorkbenchRuntime("loader").get_block(get_scenarios()[scenario].usage_id)
    case, round_ = (str(child) for child in root.children)
    return scenario, round_, case


def first_writes(usage_id, course_id, group, case_id=None):
    """Each write as a new participant's first of its kind, in a group of four whose
    members have not written yet: {name: (before, call)}. `before(i)` (untimed) forgets
    what the group wrote (benchmarks/fresh.py) and writes what the measured write needs
    first: the first member's update before a peer's feedback on it, that feedback
    before the first member rates it; for a follow-up (`case_id`: the course's case
    tracker), the first member's case with an open action."""
    first = group[0]
    refs = {}

    def new_group(i):
        fresh.forget(course_id, [p.student_id for p in group])

    def update_posted(i):
        """The first member's update, and a member asked to give feedback on it (the
        round's method decides who reviews whom) with the reference their page holds."""
        new_group(i)
        first.post(usage_id, "post_update", {"text": "Mijn casus"})
        for giver in group[1:]:
            waiting = [peer["ref"] for peer in giver.get(usage_id, "round_state").json()["to_review"]
                       if peer["has_update"]]
            if waiting:
                refs["giver"], refs["to"] = giver, {"to": waiting[0], "answers": {"clarifying": f"Wat bedoel je {i}?"}}
                return
        raise RuntimeError("nobody in the group is asked to give feedback on the first member's update")

    def feedback_given(i):
        update_posted(i)
        refs["giver"].post(usage_id, "give_feedback", refs["to"])
        refs["received"] = first.get(usage_id, "round_state").json()["received"][0]["id"]
    def case_action_open(i):
        """The first member's case with one open action, which their round page lists."""
        new_group(i)
        for handler, body in (("save_case", {"fields": {"title": "Mijn casus"}}),
                              ("log_entry", {"session": 1, "parts": {}, "reflection": {"action": "Begonnen"},
                                             "actions": [{"text": "Gesprek plannen", "due": "2099-01-15"}],
                                             "carried": {}, "seen": 0})):
            response = first.post(case_id, handler, body)
            if response.status_code != 200:
                raise RuntimeError(f"benchmark set-up {handler} failed: {response.content[:200]}")
        refs["action"] = first.get(usage_id, "round_state").json()["case_actions"]["open"][0]["id"]
    writes = {
        "post_update": (new_group, lambda i: first.post(usage_id, "post_update", {"text": f"Stand {i}"})),
        "give_feedback": (update_posted, lambda i: refs["giver"].post(usage_id, "give_feedback", refs["to"])),
        "rate_feedback": (feedback_given, lambda i: first.post(usage_id, "rate_feedback", {
            "feedback": refs["received"], "helpful": 1 + i % 4})),
    }
    if case_id is not None:
        writes["follow_up_action"] = (case_action_open, lambda i: first.post(usage_id, "follow_up_action", {
            "action": refs["action"], "status": "done", "note": f"Besproken {i}"}))
    return writes


def measure(timed, repeat, sizes=(20, 5000), staff_size=10000):
    rows = {}
    for size in sizes:
        scenario, usage_id = course(f"p{size}")
        students = seed_rounds(usage_id, size, prefix=f"br{size}_")
        course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
        middle = (len(students) // 8) * 4         # the first member of a group in the middle
        person = Participant(students[middle])
        # The last group writes: its members' records are forgotten before each sample.
        newcomers = [Participant(s) for s in students[-4:]]
        rows[size] = {
            "round page": timed(lambda i: person.page(scenario), repeat),
            "round_state": timed(lambda i: person.get(usage_id, "round_state"), repeat),
        }
        for name, (before, call) in first_writes(usage_id, course_id, newcomers).items():
            rows[size][name] = timed(call, repeat, before=before)
        # Following up a case action needs a case tracker in the course: a course of its own,
        # so the rows above measure the round as before.
        _scenario, usage_id, case_id = course_with_case(f"p{size}")
        students = seed_rounds(usage_id, size, prefix=f"brc{size}_")
        course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
        before, call = first_writes(usage_id, course_id, [Participant(s) for s in students[-4:]],
                                    case_id)["follow_up_action"]
        rows[size]["follow_up_action"] = timed(call, repeat, before=before)
    staff = measure_staff(staff_size) if staff_size else {"staff_size": staff_size, "staff": {}}
    return {"sizes": list(sizes), "rows": rows, **staff}


def measure_staff(size):
    """The staff overview and the CSV (anonymous ids) of a round of `size` participants,
    in groups of four: {"staff_size", "staff": {view: seconds and peak MB}}. The full run
    and `run.py --only feedback` call this alike."""
    _scenario, usage_id = course(f"s{size}")
    seed_rounds(usage_id, size, prefix=f"bs{size}_")
    reader = Participant("staff_round_bench")
    staff = {name: best_time_and_peak(f"{name} at {size}", call) for name, call in (
        ("staff_overview", lambda: reader.get(usage_id, "staff_overview")),
        ("export_csv", lambda: reader.get(usage_id, "export_csv", "names=0")))}
    return {"staff_size": size, "staff": staff}


def report(figures):
    return growth_table("Feedback rounds: participant requests", figures, GROWTH_TARGET,
                        writes=WRITES) + report_staff(figures)


def report_staff(figures):
    """The staff views' table (no lines when they were not measured)."""
    if not figures.get("staff"):
        return []
    return staff_table(f"Feedback rounds: staff views of {figures['staff_size']:,} participants", figures["staff"],
                       STAFF_SECONDS, STAFF_MB, first_column="view", target=f"< {STAFF_SECONDS:g} s, < {STAFF_MB} MB")
