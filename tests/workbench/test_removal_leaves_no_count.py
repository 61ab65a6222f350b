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
