"""The load test's check must be able to fail: a write reported as accepted but
missing from the database, or an aggregate that does not match, is caught."""
from tests.harness.contracts import all_contracts
from tests.support.workbench import Participant


def test_a_lost_write_and_a_wrong_aggregate_are_reported():
    for contract in all_contracts():
        if contract.block_type != "leergang_trust_scan":
            continue  # other blocks check their own verification (e.g. tests/workbench/test_groups_load_check.py)
        usage_id = contract.usage_id()
        steps = contract.load_journey(1, usage_id)
        submit = next(s for s in steps if s.handler == "submit")
        # Participant 1 "was answered 200" but never reached the server.
        outcomes = [("never-arrived-1", [{"handler": "submit", "body": submit.body, "status": 200,
                                            "retries": 0, "staff": False}])]
        report = Participant("staff_check").get(usage_id, "staff_report").json()
        verdict = contract.load_verify(usage_id, outcomes, report)
        assert verdict["lost"] >= 1 and verdict["problems"]
        report["responses"] += 1
        report["dimensions"][0]["mean"] = -1
        verdict = contract.load_verify(usage_id, [], report)
        assert any("staff report counts" in p for p in verdict["problems"])
        assert any("recomputed" in p for p in verdict["problems"])
