"""A small programme as one workbench course for "Mijn leergang" tests: the demo's
scenario (leergang_xblocks/my_programme/scenarios.py) under a new id, so each test
has a course of its own; and the participants' work written through the blocks'
own handlers."""
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from demo.scenarios import without_url_names
from leergang_xblocks.my_programme.scenarios import SCENARIOS
from tests.support.groups import arrange
from tests.support.workbench import Participant

FEEDBACK_TEXT = "Wat heb je zelf gemerkt toen je de cijfers liet zien?"


def new_programme_course(xml=None):
    """(scenario id, {block type or url-ish name: usage id}) of a fresh copy of the scenario.
    The two trust scans are "leergang_trust_scan" (start) and "leergang_trust_scan#2" (end)."""
    tag = uuid.uuid4().hex[:10]
    scenario = f"myprogrammetest.{tag}"
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    add_xml_scenario(scenario, f"my programme test {tag}", without_url_names(xml or SCENARIOS[0][1]))
    runtime = WorkbenchRuntime("loader")
    root = runtime.get_block(get_scenarios()[scenario].usage_id)
    usages = {}
    for child in root.children:
        kind = runtime.get_block(child).scope_ids.block_type
        usages[kind if kind not in usages else kind + "#2"] = str(child)
    return scenario, usages


def put_in_one_group(usages, students):
    arrange(usages["leergang_case"], {"Groep Noord": list(students)})


def scan_answers(usage):
    block = WorkbenchRuntime("reader").get_block(usage)
    return {item.key: 4 for item in block.instrument.items}


def write_journey(usages, student, peers=()):
    """`student`'s work in every block: a case with two entries' actions, an update and
    feedback to each peer, a position and a reflection, both scans."""
    me = Participant(student)
    ok = [
        me.post(usages["leergang_case"], "save_case", {"fields": {"title": "Minder formulieren <b>nu</b>"}}),
        me.post(usages["leergang_case"], "log_entry", {
            "session": 1, "parts": {}, "reflection": {"action": "Gesprek gevoerd"}, "seen": 0,
            "actions": [{"text": "Control bellen", "due": "2020-01-01"}, {"text": "Later iets", "due": "2099-01-01"}]}),
        me.post(usages["leergang_feedback_round"], "post_update", {"text": f"Update van {student}"}),
        me.post(usages["leergang_trust_scan"], "submit", {"answers": scan_answers(usages["leergang_trust_scan"])}),
    ]
    for response in ok:
        assert response.status_code == 200, response.content[:300]
    return me


def give_feedback(usages, giver, to_name, text=FEEDBACK_TEXT):
    person = Participant(giver)
    state = person.get(usages["leergang_feedback_round"], "round_state").json()
    target = next(p for p in state["to_review"] if p["name"] == to_name)
    key = state["prompts"][0]["key"]
    response = person.post(usages["leergang_feedback_round"], "give_feedback", {"to": target["ref"], "answers": {key: text}})
    assert response.status_code == 200, response.content[:300]
