"""Courses with a feedback round of their own, for tests and benchmarks."""
import uuid

from workbench.scenarios import add_xml_scenario, get_scenarios

from tests.support import groups as groups_support
from tests.support.groups import store_of  # noqa: F401  (re-exported for the round tests)
from tests.support.workbench import Participant


def new_round(set_name="rondeset", **attributes):
    """A new one-block scenario; returns (scenario id, usage id)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"roundtest.{tag}"
    extra = " ".join(f'{key}="{value}"' for key, value in attributes.items())
    get_scenarios()  # load the demo's scenarios first (see tests/support/groups.py)
    add_xml_scenario(scenario, f"round test {tag}",
                     f'<leergang_feedback_round group_set_name="{set_name}" {extra}/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def arrange(usage_id, groups_by_name):
    """Save a version with these groups ({name: [student ids]}) straight into the store
    (tests/support/groups.py); returns {group name: group id}."""
    return {g.name: g.id for g in groups_support.arrange(usage_id, groups_by_name).groups}


def people(n, tag=None):
    tag = tag or uuid.uuid4().hex[:5]
    return [f"r{tag}_{i}" for i in range(n)]


def state(usage_id, student):
    response = Participant(student).get(usage_id, "round_state")
    assert response.status_code == 200, response.content[:400]
    return response.json()


def post_update(usage_id, student, text=None):
    response = Participant(student).post(usage_id, "post_update", {"text": text or f"Update van {student}"})
    assert response.status_code == 200, response.content[:400]
    return response.json()


def give(usage_id, giver, receiver_name, answers):
    """Feedback from `giver` to the member named `receiver_name` (as the giver sees them)."""
    view = state(usage_id, giver)
    ref = next(p["ref"] for p in view["to_review"] if p["name"] == receiver_name)
    return Participant(giver).post(usage_id, "give_feedback", {"to": ref, "answers": answers})
