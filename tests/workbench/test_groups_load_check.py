"""The groups load check must be able to fail: a lost introduction, a record
read across groups, and an overview that hides someone are all reported."""
from tests.harness.blocks import small_groups
from tests.support.workbench import Participant


def test_the_groups_load_check_reports_losses_and_leaks():
    usage = small_groups.usage_id()
    # "never0001" was answered 200 but nothing reached the database.
    outcomes = [("never0001", [{"handler": "post_introduction", "body": {"text": "intro 1 a"}, "status": 200,
                                "retries": 0, "staff": False}])]
    report = Participant("staff_check").get(usage, "groups_overview").json()
    verdict = small_groups.verify(usage, outcomes, report)
    assert verdict["lost"] >= 1 and any("1 introductions accepted, 0 stored" in p for p in verdict["problems"])
    # chk0000 read an introduction by chk0009, who was never in any group with them.
    leak = [("chk0000", [{"handler": "group_introductions", "body": "", "status": 200, "retries": 0,
                                 "staff": False, "response": {"introductions": [{"text": "intro 9 a"}]}}])]
    verdict = small_groups.verify(usage, leak, report)
    assert any("without ever sharing a group" in p for p in verdict["problems"])
    report = {**report, "ungrouped": [{"id": "x"}], "version": -1}
    verdict = small_groups.verify(usage, [], report)
    assert any("ended in no group" in p for p in verdict["problems"])
    assert any("versions stored" in p for p in verdict["problems"])
