"""A participant whose data is removed (staff's in-block tool, or erasure when the
platform retires them) leaves no count behind in the aggregates kept in our own
tables: the running sums and participant count equal a recount from the records
that are left, in the same step as the removal."""
import uuid
from types import SimpleNamespace

from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core.platform import workbench_anonymous_id
from leergang_xblocks.stores import retirement
from tests.support.workbench import Participant
from tests.workbench.test_cohort_comparison import new_scan, person, submit


def four_submitted():
    scan = new_scan()
    people = [person() for _ in range(4)]
    for who, value in zip(people, (1, 2, 4, 5)):
        submit(scan, who, value)
    return scan, people


def check(scan):
    return WorkbenchRuntime("staff_check").get_block(scan).cohort_check()


def test_staffs_removal_tool_takes_the_participant_out_of_the_cohort_aggregate():
    scan, people = four_submitted()
    staff = Participant("staff_" + uuid.uuid4().hex[:8])
    response = staff.post(scan, "remove_participant_data", {"participant": people[0].student_id})
    assert response.status_code == 200, response.content
    assert response.json()["removed"] == workbench_anonymous_id(people[0].student_id)
    kept = check(scan)
    assert kept["aggregate"] == kept["recount"]
    assert kept["aggregate"]["participants"] == 3


def test_the_removal_confirmation_says_the_group_figures_change():
    scan, _people = four_submitted()
    block = WorkbenchRuntime("staff_panel").get_block(scan)
    assert "%(k)s" not in block.staff_removal_panel_html()
    assert block.staff_removal_params().get("k") == 3


def test_retirement_takes_the_participant_out_of_the_cohort_aggregate():
    scan, people = four_submitted()
    erased = retirement.on_retire(None, user=SimpleNamespace(id=None, username=people[1].student_id))
    assert erased
    kept = check(scan)
    assert kept["aggregate"] == kept["recount"]
    assert kept["aggregate"]["participants"] == 3


def test_removing_someone_twice_counts_them_out_once():
    scan, people = four_submitted()
    staff = Participant("staff_" + uuid.uuid4().hex[:8])
    for _ in range(2):
        assert staff.post(scan, "remove_participant_data", {"participant": people[2].student_id}).status_code == 200
    retirement.on_retire(None, user=SimpleNamespace(id=None, username=people[2].student_id))
    kept = check(scan)
    assert kept["aggregate"] == kept["recount"] and kept["aggregate"]["participants"] == 3


def test_retirement_takes_the_participant_out_of_the_dialogue_tally():
    from tests.support.dialogue import new_dialogue, position
    _scenario, usage = new_dialogue()
    people = ["d" + uuid.uuid4().hex[:8] for _ in range(3)]
    for who, option in zip(people, ("a", "b", "b")):
        assert Participant(who).post(usage, "take_position", position(option, f"reden {who}")).status_code == 200
    assert retirement.on_retire(None, user=SimpleNamespace(id=None, username=people[0]))
    live = Participant("staff_tally").get(usage, "live").json()
    assert live["positions"] == 2 and live["counts_checked"] is True


def test_an_erasure_in_a_process_that_never_loaded_a_block_still_reaches_its_tallies():
    """The LMS loads XBlock classes when it needs them; a retirement request may be the
    first thing a process does. Erasure loads the package's blocks itself."""
    import os
    import pathlib
    import subprocess
    import sys
    script = (
        "import django; django.setup()\n"
        "from leergang_xblocks.stores.api import artefacts, erasure\n"
        "before = sorted(f.__module__ for f in artefacts._before_clear)\n"
        "erasure.load_erasers()\n"
        "print(before, sorted(f.__module__ for f in artefacts._before_clear))\n")
    root = pathlib.Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "demo.settings", "PYTHONPATH": str(root)})
    assert done.stdout.strip() == "[] ['leergang_xblocks.dialogue.records']", done.stdout + done.stderr


def test_retirement_takes_the_participant_out_of_the_session_evaluation_figures():
    from leergang_xblocks.sessions import evaluation, rules
    from tests.support.sessions import usage_id
    usage = usage_id("speaker")
    who, staff = Participant("p_" + uuid.uuid4().hex[:8]), Participant("staff_" + uuid.uuid4().hex[:8])
    answer = {"scales": {"inhoud": 4, "sprekers": 3, "ruimte": 5}, "open": ""}
    assert who.post(usage, "answer_evaluation", answer).status_code == 200
    block = staff.block(usage)
    aggregate = evaluation.aggregate(block, rules.fingerprint(block.scales))
    before = aggregate.current()
    assert retirement.on_retire(None, user=SimpleNamespace(id=None, username=who.student_id))
    after = aggregate.current()
    assert after["participants"] == before["participants"] - 1
    assert after["sums"]["inhoud"] == [before["sums"]["inhoud"][0] - 400, before["sums"]["inhoud"][1] - 1]


def test_a_snapshot_that_would_rest_on_fewer_than_k_participants_is_withdrawn():
    scan = new_scan()   # K = 3
    people = [person() for _ in range(3)]
    for who, value in zip(people, (1, 3, 5)):
        submit(scan, who, value)
    assert people[1].get(scan, "results").json()["cohort_participants"] == 3
    staff = Participant("staff_" + uuid.uuid4().hex[:8])
    assert staff.post(scan, "remove_participant_data", {"participant": people[0].student_id}).status_code == 200
    shown = people[1].get(scan, "results").json()
    assert shown["cohort_participants"] is None
    assert all(d["cohort_mean"] is None for d in shown["dimensions"])


def test_a_snapshot_of_k_or_more_stays_until_k_changes():
    """A new snapshot right after a removal would give the removed person's scores away
    to anyone who saw both: it waits for K changes, the removal being one."""
    scan, people = four_submitted()
    published = check(scan)["published"]
    staff = Participant("staff_" + uuid.uuid4().hex[:8])
    assert staff.post(scan, "remove_participant_data", {"participant": people[3].student_id}).status_code == 200
    assert check(scan)["published"] == published
