"""Every handler of every block against every role, from one table.

The table is each block's contract (tests/harness/blocks/). The test fails
when a block has a handler its contract does not list, so a new handler
cannot ship without a decision on who may call it.
"""
import json
import uuid

import pytest

from leergang_xblocks.core.handlers import handler_catalogue
from tests.harness.contracts import ROLE_PREFIX, ROLES, all_contracts
from tests.support.workbench import Participant

CONTRACTS = all_contracts()
CASES = [(c, h, role) for c in CONTRACTS for h in c.handlers for role in ROLES]


@pytest.mark.parametrize("contract", CONTRACTS, ids=[c.block_type for c in CONTRACTS])
def test_every_handler_is_in_the_table(contract):
    declared = {h.name for h in contract.handlers}
    assert set(handler_catalogue(contract.block_class)) == declared


def participant(role, path="lms"):
    prefix = ROLE_PREFIX[role]
    return Participant("none" if prefix is None else f"{prefix}_{uuid.uuid4().hex[:8]}", path=path)


@pytest.mark.parametrize("contract, spec, role", CASES,
                         ids=[f"{c.block_type}-{h.name}-{r}" for c, h, r in CASES])
def test_role_gets_the_declared_status(contract, spec, role):
    usage_id = contract.usage_id()
    # Studio's save handler is called on Studio's path, every other one in the LMS.
    person = participant(role, path="studio" if spec.studio else "lms")
    if contract.arrange_role is not None and role != "no_user":
        contract.arrange_role(role, person.student_id, usage_id)
    example = spec.example(contract, usage_id)
    if spec.method == "POST":
        response = person.post(usage_id, spec.name, example)
    else:
        response = person.get(usage_id, spec.name, example)
    assert response.status_code == spec.expected[role], response.content[:300]
    if response.status_code >= 400:
        error = json.loads(response.content)["error"]
        # Studio's save also answers `messages`, the list Studio's editor script shows.
        assert set(error) - {"problems"} == ({"code", "message", "messages"} if spec.studio else {"code", "message"})
        assert error["message"]
    # The other method is refused on every handler.
    wrong = person.get(usage_id, spec.name) if spec.method == "POST" else person.post(usage_id, spec.name, {})
    assert wrong.status_code in (403, 405)
