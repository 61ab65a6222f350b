"""The demo's small groups and what their members already wrote, so that a visitor
who opens a scenario as Anna or Bram sees the block at work at once, never "You
are not in a group yet" (issue 21).

Every group set that a scenario's blocks use gets the same three groups of three
(`DEMO_GROUPS`) when the scenarios load, and each block that works in groups gets
a little of what its members wrote: introductions, updates and feedback in a
round, positions in a group dilemma, a team case, learning wishes. The content is
written through the blocks' own handlers, as the members themselves would write
it, so it keeps every rule the blocks keep. Anna's own part is left for the
visitor to write (the case tracker's VU-like scenario has her case already:
leergang_xblocks/case/demo_content.py).

A set that is arranged already (earlier, or by staff in the demo) is left as it
is. The sample courses get the groups here without the members' work: the demo
command adds it (demo/programme_demo.py, `LEERGANG_DEMO_SAMPLE_WORK`). The scenarios
in `STAFF_ARRANGES` are there for staff to arrange the groups themselves (and the
browser tests arrange them): their sets stay empty, and the index says so beside
them.
"""
import json
import logging

import workbench.scenarios
from webob import Request
from workbench.runtime import WorkbenchRuntime

log = logging.getLogger(__name__)

DEMO_GROUPS = {"Groep Noord": ["anna", "bram", "chris"], "Groep Midden": ["dewi", "emre", "fleur"],
               "Groep Zuid": ["gijs", "hanna", "ilse"]}
# The members who wrote something before the visitor came: everyone but the
# first of each group (Anna, Dewi, Gijs), so each of them still has their own turn.
WRITERS = [member for members in DEMO_GROUPS.values() for member in members[1:]]

# Scenarios where staff arrange the groups (a fresh group set, or the regrouping
# exercise, the round with the case tracker whose live mode staff set up, the
# action-learning round whose roles a trio gets):
# tests/browser/test_groups_browser.py, test_feedback_round_browser.py,
# test_round_live_browser.py and test_feedback_round_hands_browser.py arrange these,
# and tests/harness/blocks/small_groups.py makes groups in the first.
STAFF_ARRANGES = ("leergang_groups.1", "leergang_feedback_round.2", "leergang_feedback_round.3",
                  "leergang_feedback_round.4", "leergang_feedback_round.5")
# The sample courses get the groups here, not the members' work: they hold some twenty
# group blocks, and writing in each (a few hundred requests, some 14 s on a busy
# machine) would slow every start of the test servers. Only the demo command
# (scripts/demo.sh sets LEERGANG_DEMO_SAMPLE_WORK) writes it, with their cases,
# attendance and scans, for their programme overviews (demo/programme_demo.py).
SAMPLE_COURSES = "sample_course."


# The scenarios whose blocks work in the demo's groups (the index names the groups
# beside them); filled when the scenarios load.
ARRANGED = set()


def arrange_every_scenario(runtime):
    """Groups, with their members' contributions, in every scenario's group sets."""
    arranged = set()
    ARRANGED.clear()
    for scenario_id, scenario in sorted(workbench.scenarios.SCENARIOS.items()):
        if scenario_id in STAFF_ARRANGES:
            continue
        for block in _blocks(runtime, runtime.get_block(scenario.usage_id)):
            if not needs_groups(block):
                continue
            ARRANGED.add(scenario_id)
            key = (_course_id(block), block.group_set_name)
            if key not in arranged and arrange(block):
                arranged.add(key)
                if not scenario_id.startswith(SAMPLE_COURSES):
                    _write_content_of(key, runtime, scenario)


def needs_groups(block):
    """A block that works in the course's own group set (not Open edX teams; a dialogue
    for the whole cohort does not use groups)."""
    return (hasattr(block, "group_source") and bool(getattr(block, "group_set_name", ""))
            and not getattr(block, "teamset_id", "") and getattr(block, "scope", "group") != "cohort")


def arrange(block):
    """DEMO_GROUPS in the block's group set; False when the set was arranged already."""
    from leergang_xblocks.core import platform
    from leergang_xblocks.core.group_store import GroupSetStore

    store = GroupSetStore(_course_id(block), block.group_set_name)
    if store.latest().version:
        return False  # arranged already (or changed by staff in the demo): keep it
    names, usernames, spec = {}, {}, []
    for index, (group_name, members) in enumerate(DEMO_GROUPS.items(), start=1):
        ids = [platform.workbench_anonymous_id(member) for member in members]
        for member, anonymous_id in zip(members, ids):
            names[anonymous_id], usernames[anonymous_id] = member.capitalize(), member
            store.register(anonymous_id, member.capitalize(), member)
        spec.append({"key": f"g{index}", "name": group_name, "members": ids})
    store.save(0, spec, names, usernames, "demo")
    return True


def _write_content_of(key, runtime, scenario):
    """What the members wrote in every block of the scenario that uses this group set."""
    for block in _blocks(runtime, runtime.get_block(scenario.usage_id)):
        if needs_groups(block) and (_course_id(block), block.group_set_name) == key:
            writer = CONTENT.get(block.scope_ids.block_type)
            if writer is not None:
                writer(str(block.scope_ids.usage_id), block)


# --- What the members wrote, per block type -------------------------------------------------

INTRODUCTIONS = {
    "bram": "Ik ben Bram, beleidsadviseur wonen. Ik wil leren loslaten zonder het overzicht kwijt te raken.",
    "chris": "Chris, teamleider klantcontact. Mijn vraag: hoe geef je ruimte als de wethouder cijfers wil zien?",
    "emre": "Emre, jurist. Ik zoek uit waar de regel ruimte laat voor de bedoeling.",
    "fleur": "Fleur, projectleider in het sociaal domein. Ik werk aan minder formulieren voor inwoners.",
    "hanna": "Hanna, HR-adviseur. Eigen regie voor medewerkers is mijn thema.",
    "ilse": "Ilse, manager subsidies. Ik wil vertrouwen vooraf durven geven.",
}
UPDATES = {
    "bram": "Ik heb met twee consulenten een week lang bijgehouden waar de formulieren tijd kosten. Het meeste "
            "gaat zitten in het dubbel vastleggen van hetzelfde gesprek.",
    "chris": "Het gesprek met de wethouder is gevoerd: ze wil een proef, mits we elk kwartaal laten zien wat "
             "inwoners ervan merken.",
    "emre": "Ik heb de beleidsregel naast drie bezwaarzaken gelegd. De ruimte is groter dan we dachten.",
    "fleur": "Het nieuwe aanvraaggesprek is twee keer geoefend met inwoners; één formulier kon al weg.",
    "hanna": "Drie teams proberen zelfroosteren; de eerste week gaf meer overleg dan verwacht.",
    "ilse": "Twee buurtinitiatieven krijgen dit jaar een gesprek in plaats van een verantwoordingsformulier.",
}
FEEDBACK = "Wat heb je zelf gemerkt toen je de cijfers liet zien? En wat zou er gebeuren als je één stap overslaat?"
POSITIONS = {  # a group dilemma: the first option for one member, the second for the other
    "bram": "Vertrouwen moet je geven voordat iemand het kan terugverdienen; anders begint het nooit.",
    "chris": "Ik geef vertrouwen graag, maar eerst wil ik zien dat de afspraken helder zijn.",
    "emre": "Wie vooraf wantrouwt, krijgt precies de verantwoording die hij vreest.",
    "fleur": "Voor publiek geld hoort een minimum aan verantwoording, ook bij vertrouwen.",
    "hanna": "Een jaargesprek zegt meer dan tien formulieren.",
    "ilse": "Het hangt af van het bedrag en van wat er eerder gebeurde.",
}
TEAM_CASE = {
    "title": "Samen met bewoners de buurtbudgetten verdelen",
    "purpose": "Bewoners beslissen zelf over een deel van het buurtbudget, met de gemeente als partner.",
    "problem": "Elk initiatief doorloopt nu dezelfde subsidieprocedure, hoe klein ook.",
    "learning_question": "Hoe blijf ik in gesprek als ik het niet eens ben met wat bewoners kiezen?",
}
WISHES = {
    "bram": "Leren loslaten in gesprekken met managers; beter luisteren voordat ik een oplossing geef.",
    "chris": "Oefenen met moeilijke gesprekken over verantwoording; meer durven experimenteren.",
    "emre": "Kennis over de ruimte in regels; collega's meenemen in nieuwe werkwijzen.",
    "fleur": "Leren werken vanuit de vraag van de inwoner, niet vanuit het product.",
    "hanna": "Eigen regie bij medewerkers stimuleren zonder alles zelf te regelen.",
    "ilse": "Vertrouwen geven aan initiatieven en dat uitleggen aan de raad.",
}


def _introductions(usage_id, block):
    for member in WRITERS:
        _call(usage_id, member, "post_introduction", {"text": INTRODUCTIONS[member]})


def _feedback_round(usage_id, block):
    for member in WRITERS:
        _call(usage_id, member, "post_update", {"text": UPDATES[member]})
    # Chris has given Bram feedback already; Anna can give hers once she has read his update.
    state = _call(usage_id, "chris", "round_state", method="GET")
    if state:
        # The round names people as the platform knows them ("bram" in the workbench), not as registered.
        bram = next((p for p in state.get("to_review", [])
                     if (p.get("name") or "").casefold() == "bram"), None)
        if bram is not None:
            answers = {prompt["key"]: FEEDBACK for prompt in state.get("prompts", [])[:1]}
            _call(usage_id, "chris", "give_feedback", {"to": bram["ref"], "answers": answers})


def _dialogue(usage_id, block):
    keys = block.dilemma.option_keys
    if len(keys) < 2:
        return
    for index, member in enumerate(WRITERS):
        _call(usage_id, member, "take_position", {"option": keys[index % 2], "reason": POSITIONS[member]})


def _case(usage_id, block):
    if getattr(block, "case_mode", "") == "team":
        # One member of each team described the team's case; each member's learning question stays theirs.
        for members in DEMO_GROUPS.values():
            _call(usage_id, members[1], "save_case", {"fields": _asked(block, TEAM_CASE)})
    elif getattr(block, "group_page", False):
        for member in WRITERS:
            fields = _asked(block, {"title": f"Leerwensen van {member.capitalize()}", "learning_wishes": WISHES[member]})
            _call(usage_id, member, "save_case", {"fields": fields})
            _call(usage_id, member, "share", {"shared": True})


def _asked(block, fields):
    """The fields the case block asks for (it refuses any other)."""
    asked = set(block.field_keys)
    return {key: value for key, value in fields.items() if key in asked}


CONTENT = {"leergang_groups": _introductions, "leergang_feedback_round": _feedback_round,
           "leergang_dialogue": _dialogue, "leergang_case": _case}


# --- Plumbing ---------------------------------------------------------------------------------

# What a block refused while the demo was seeded: a test keeps this empty, so demo
# content that no longer fits its block (a changed handler) is found, not just logged.
REFUSED = []


def _call(usage_id, student, handler, body=None, method="POST"):
    """A handler of the block as `student`, as their browser would call it; the answer's
    JSON, or None (logged) when the block refuses: demo content never stops the demo."""
    block = WorkbenchRuntime(student).get_block(usage_id)
    request = Request.blank("/", method=method)
    if method == "POST":
        request.body = json.dumps(body or {}).encode("utf-8")
        request.content_type = "application/json"
    response = block.handle(handler, request)
    if response.status_code != 200:
        log.warning("Demo content: %s by %s in %s answered %s: %s", handler, student, usage_id,
                    response.status_code, response.body[:300])
        REFUSED.append((handler, student, usage_id, response.status_code, response.body[:300]))
        return None
    return json.loads(response.body)


def _blocks(runtime, block):
    yield block
    for child_id in getattr(block, "children", None) or []:
        yield from _blocks(runtime, runtime.get_block(child_id))


def _course_id(block):
    from leergang_xblocks.core import platform
    return platform.course_id(block)
