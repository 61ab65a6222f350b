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


def test_the_overlap_check_sees_duplicates_stuck_participants_and_lost_drafts():
    for contract in all_contracts():
        if contract.block_type != "leergang_trust_scan":
            continue  # the other blocks' overlap checks: tests/load/test_overlap_checks_can_fail.py
        usage_id = contract.usage_id()

        def answered(kind, index, statuses):
            found, stages = contract.overlap_journey(index, usage_id)
            assert found == kind
            flat = iter(statuses)
            return [[{"handler": s.handler, "body": s.body, "status": next(flat), "retries": 0, "staff": False}
                     for s in stage] for stage in stages]

        def final(records, submitted=True, draft=None):
            return {"results": {"submitted": submitted},
                    "my_data": {"data": {"stored_records": [{"attempt": a} for a in records],
                                         "draft_answers": draft or {}}}}

        index = {kind: next(i for i in range(10) if contract.overlap_journey(i, usage_id)[0] == kind)
                 for kind in ("burst", "draft_vs_submit", "two_tabs")}
        n = len(contract.overlap_journey(index["burst"], usage_id)[1][0])
        # Two of a burst accepted, stored twice with one attempt number.
        burst = answered("burst", index["burst"], [200, 200] + [409] * (n - 2))
        assert contract.overlap_verify("burst", burst, final([1, 1]))["duplicates"] >= 1
        # The clean burst passes.
        clean = answered("burst", index["burst"], [200] + [409] * (n - 1))
        verdict = contract.overlap_verify("burst", clean, final([1]))
        assert not verdict["problems"], verdict
        # A record stored, but the results say nothing was submitted.
        race = answered("draft_vs_submit", index["draft_vs_submit"], [200, 200, 200])
        assert contract.overlap_verify("draft_vs_submit", race, final([1], submitted=False))["stuck"] == 1
        # Both tabs acknowledged with one version: one of them is lost.
        tabs = answered("two_tabs", index["two_tabs"], [200, 200, 200])
        first_body = tabs[0][0]["body"]["answers"]
        assert contract.overlap_verify("two_tabs", tabs, final([], draft=first_body))["lost_drafts"] >= 1
        # A 500 is never an allowed answer.
        broken = answered("burst", index["burst"], [200, 500] + [409] * (n - 2))
        assert contract.overlap_verify("burst", broken, final([1]))["unexpected"] == 1
