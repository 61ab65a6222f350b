"""Courses with a dialogue block of their own, for tests and benchmarks."""
import uuid

from workbench.scenarios import add_xml_scenario, get_scenarios

CASE = ('case_nl="Een casus over een regel en de bedoeling." case_en="A case about a rule and its purpose." '
        'options_nl="Ja&#10;Nee&#10;Eerst overleggen" options_en="Yes&#10;No&#10;Consult first" '
        'values_nl="rechtszekerheid&#10;gelijkheid&#10;vertrouwen" values_en="legal certainty&#10;equality&#10;trust" '
        'variations_nl="Maar wat als het de derde keer is?" variations_en="But what if it is the third time?"')


def new_dialogue(extra="", scope="cohort", min_positions=3, set_name="testset"):
    """A new one-block scenario (a course of its own); returns (scenario id, usage id)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"dialoguetest.{tag}"
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    add_xml_scenario(scenario, f"dialogue test {tag}",
                     f'<leergang_dialogue scope="{scope}" min_positions="{min_positions}" '
                     f'group_set_name="{set_name}" {CASE} {extra}/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def position(option="a", reason="Omdat het kan.", values=None):
    return {"option": option, "reason": reason, "values": values or {"keys": [], "own": []}}


def written(person, usage, handler, body):
    """`person`'s write, answered with the regions of their view it changed: each region
    is held against their view read afresh right after it (`room`, the exercise as the
    page loads it; tests/support/regions.py). Returns that fresh state."""
    from tests.support.regions import assert_answer_matches_page
    answer = person.post(usage, handler, body)
    assert answer.status_code == 200, answer.content[:300]
    state = person.get(usage, "room").json()
    assert_answer_matches_page(answer.json(), state["html"])
    return state
