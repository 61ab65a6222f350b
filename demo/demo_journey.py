"""Anna's own part in the "Mijn leergang" scenario (leergang_xblocks/my_programme/scenarios.py),
so a visitor who opens the overview as Anna sees a year in progress at once: her case with
entries and actions (one overdue, one due this week), her update and the feedback she gave
and received in the round, her position and reflection in the dilemma, and both trust
scans. demo/demo_groups.py has written what Bram and Chris did there first.

Written through the blocks' own handlers, as Anna would write it, once: a scenario where
Anna has a case already is left as it is. Action dates are set around today, so "still
open this week" always has something in it.
"""
import datetime

import workbench.scenarios

from demo.demo_groups import _call

SCENARIO = "leergang_my_programme.0"
ANNA = "anna"

ENTRY = {
    "session": 1, "seen": 0, "parts": {},
    "reflection": {"action": "Mijn casus in mijn kleine groep ingebracht en het gesprek met control voorbereid.",
                   "looking_back": "Ik praatte vooral over regels, niet over de consulenten zelf.",
                   "trial": "Volgende keer begin ik bij wat de consulent nodig heeft."},
}
UPDATE = ("Het gesprek met control is gevoerd: een proef van een half jaar mag, als we de steekproef achteraf "
          "goed regelen. Het voorstel schrijf ik samen met twee consulenten.")
FEEDBACK_TO_BRAM = "Wat zou er gebeuren als je het dubbel vastleggen een maand lang gewoon laat vallen?"
FEEDBACK_TO_ANNA = "Wie van de consulenten wil het voorstel mee schrijven? En wat vraag jij van control?"
POSITION = "Vertrouwen vooraf, met een afspraak over hoe we terugkijken als het misgaat."
REFLECTION = "Bram liet me zien dat vertrouwen ook iets van mij vraagt: niet meteen ingrijpen."


def seed(runtime):
    scenario = workbench.scenarios.SCENARIOS.get(SCENARIO)
    if scenario is None:
        return
    blocks = {}
    for child in runtime.get_block(scenario.usage_id).children:
        block = runtime.get_block(child)
        blocks.setdefault(block.scope_ids.block_type, []).append((str(child), block))
    case_usage, case = blocks["leergang_case"][0]
    if _has_case(case):
        return
    _write_case(case_usage, case)
    _write_round(blocks["leergang_feedback_round"][0][0])
    dilemma_usage, dilemma = blocks["leergang_dialogue"][0]
    _call(dilemma_usage, ANNA, "take_position", {"option": dilemma.dilemma.option_keys[-2], "reason": POSITION})
    _call(dilemma_usage, ANNA, "reflect", {"values": {"keys": [], "own": []}, "changed": REFLECTION, "note": ""})
    for value, (scan_usage, scan) in zip((3, 4), blocks["leergang_trust_scan"]):
        _call(scan_usage, ANNA, "submit", {"answers": {item.key: value for item in scan.instrument.items}})


def _has_case(case):
    from workbench.runtime import WorkbenchRuntime
    anna = WorkbenchRuntime(ANNA).get_block(case.scope_ids.usage_id)
    view, _sessions = anna.participant_case(anna.identity)
    return view.defined


def _write_case(usage, case):
    from leergang_xblocks.case.demo_content import CASE
    from leergang_xblocks.core import dates
    today = dates.today(case.time_zone)
    fields = {key: value for key, value in CASE.items() if key in set(case.field_keys)}
    _call(usage, ANNA, "save_case", {"fields": fields})
    _call(usage, ANNA, "log_entry", {**ENTRY, "actions": [
        {"text": "Gesprek met control over de bezwaarzaken van twee jaar geleden",
         "due": (today - datetime.timedelta(days=5)).isoformat()},
        {"text": "Met drie consulenten in kaart brengen waar de formulieren tijd kosten",
         "due": (today + datetime.timedelta(days=3)).isoformat()},
        {"text": "Voorstel voor de proef aan de afdelingsmanager", "due": (today + datetime.timedelta(days=40)).isoformat()},
    ]})


def _write_round(usage):
    _call(usage, ANNA, "post_update", {"text": UPDATE})
    _give(usage, ANNA, "Bram", FEEDBACK_TO_BRAM)
    _give(usage, "bram", "Anna", FEEDBACK_TO_ANNA)


def _give(usage, giver, to_name, text):
    state = _call(usage, giver, "round_state", method="GET")
    if not state:
        return
    target = next((p for p in state.get("to_review", []) if (p.get("name") or "").lower() == to_name.lower()), None)
    if target is not None and state.get("prompts"):
        _call(usage, giver, "give_feedback", {"to": target["ref"], "answers": {state["prompts"][0]["key"]: text}})
