"""The feedback round's load-test check must be able to fail: an accepted write missing
from the database, a read of another group's items, a wrong overview count."""
import uuid

from tests.harness.blocks import feedback_round as contract_module
from tests.support.workbench import Participant


def test_a_lost_write_a_foreign_read_and_a_wrong_count_are_reported():
    contract = contract_module.CONTRACT
    usage = contract.usage_id()
    student = "loadcheck_" + uuid.uuid4().hex[:6]
    contract.prepare(student, usage)
    stored = Participant(student).post(usage, "post_update", {"text": "wel opgeslagen"})
    assert stored.status_code == 200
    outcomes = [(student, [
        {"handler": "post_update", "body": {"text": "wel opgeslagen"}, "status": 200, "retries": 0, "staff": False},
        {"handler": "post_update", "body": {"text": "nooit aangekomen"}, "status": 200, "retries": 0, "staff": False},
        {"handler": "round_state", "body": "", "status": 200, "retries": 0, "staff": False,
         "response": {"updates": [{"name": "iemand_uit_een_andere_groep"}], "received": []}},
    ])]
    verdict = contract.load_verify(usage, outcomes, {"totals": {"members": 99}, "ungrouped": []})
    assert verdict["lost"] == 1
    assert any("stored 0 times" in p for p in verdict["problems"])
    assert any("not of their group" in p for p in verdict["problems"])
    assert any("overview counts 99" in p for p in verdict["problems"])
    clean = contract.load_verify(usage, outcomes[:0], {"totals": {"members": 0}, "ungrouped": []})
    assert clean == {"checked": 0, "lost": 0, "problems": []}
