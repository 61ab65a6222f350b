"""Moving people between groups while work runs (issue #20): a replace asks for
confirmation, work written in a group stays with its authors, and after a move a
participant reads only their new group, in every block (core decides it once)."""
import json
import uuid

from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from leergang_xblocks.core import platform
from tests.support.case import SESSIONS
from tests.support.feedback_round import arrange, give, new_round, people, post_update, state, store_of
from tests.support.workbench import Participant


def code(response):
    return json.loads(response.content)["error"]["code"]


def move(usage, student, to_group):
    """Staff move one participant to the group named `to_group`; every other group keeps its id."""
    store = store_of(usage)
    latest = store.latest()
    aid = platform.workbench_anonymous_id(student)
    spec = latest.as_spec()
    for group in spec:
        group["members"] = [m for m in group["members"] if m != aid]
    next(g for g in spec if g["name"] == to_group)["members"].append(aid)
    store.save(latest.version, spec, {}, {}, "test")


def case_and_round(case_extra='case_mode="team"'):
    """A course with a case tracker and a feedback round on one group set: (case usage, round usage)."""
    tag = uuid.uuid4().hex[:8]
    scenario = f"movecase.{tag}"
    get_scenarios()
    add_xml_scenario(scenario, f"move case {tag}", (
        f'<vertical_demo><leergang_case group_set_name="samen" {case_extra}><option:sessions_yaml '
        f'xmlns:option="http://code.edx.org/xblock/option">{SESSIONS}</option:sessions_yaml></leergang_case>'
        '<leergang_feedback_round group_set_name="samen"/></vertical_demo>'))
    runtime = WorkbenchRuntime("loader")
    return tuple(str(c) for c in runtime.get_block(get_scenarios()[scenario].usage_id).children)


def log_entry(participant, usage, text):
    response = participant.post(usage, "log_entry", {
        "session": 1, "parts": {}, "reflection": {"action": text, "looking_back": "Gedaan."}, "actions": [],
        "carried": {}, "seen": 0})
    assert response.status_code == 200, response.content
    return response


def test_case_prefill_after_a_move_reads_the_new_team_not_the_old_one():
    case_usage, round_usage = case_and_round()
    anna, bram, carl = people(3)
    arrange(round_usage, {"G1": [anna, bram], "G2": [carl]})
    a, b, c = Participant(anna), Participant(bram), Participant(carl)
    assert a.post(case_usage, "save_case", {"fields": {"title": "NOORD-TEAM", "purpose": "p",
                                                       "problem": "q"}}).status_code == 200
    log_entry(a, case_usage, "ANNA-STAP")
    assert c.post(case_usage, "save_case", {"fields": {"title": "ZUID-TEAM", "purpose": "p",
                                                       "problem": "q"}}).status_code == 200
    assert a.post(case_usage, "share", {"shared": True}).status_code == 200
    assert "NOORD-TEAM" in a.get(round_usage, "case_prefill").json()["text"]
    move(round_usage, anna, "G2")
    log_entry(b, case_usage, "BRAM-NA-DE-VERHUIZING")
    found = a.get(round_usage, "case_prefill").json()
    assert "BRAM-NA-DE-VERHUIZING" not in found["text"] and "NOORD-TEAM" not in found["text"]
    assert found["found"] and "ZUID-TEAM" in found["text"]
    # The case tracker's own team view agrees: the new team's case, not the old one.
    page = a.get(case_usage, "my_data").content.decode()
    assert "ANNA-STAP" in page   # her own entry stays hers


def test_the_case_team_view_after_a_move_is_the_new_teams():
    case_usage, _round_usage = case_and_round()
    anna, bram, carl = people(3)
    arrange(_round_usage, {"G1": [anna, bram], "G2": [carl]})
    a, b = Participant(anna), Participant(bram)
    assert b.post(case_usage, "save_case", {"fields": {"title": "NOORD-TEAM", "purpose": "p",
                                                       "problem": "q"}}).status_code == 200
    move(_round_usage, anna, "G2")
    log_entry(b, case_usage, "BRAM-NA-DE-VERHUIZING")
    state_json = a.get(case_usage, "case_view")
    text = state_json.content.decode() if state_json.status_code == 200 else ""
    assert "BRAM-NA-DE-VERHUIZING" not in text and "NOORD-TEAM" not in text


def _round_with_work():
    _scenario, usage = new_round(round_kind="both", method="free")
    a, b, c, x, y = people(5)
    arrange(usage, {"Noord": [a, b, c], "Zuid": [x, y]})
    post_update(usage, a, "ANNA-UPDATE-NOORD")
    assert give(usage, b, a, {"recognise": "FEEDBACK-VAN-BRAM"}).status_code == 200
    saved = Participant(a).post(usage, "save_actions", {"actions": [{"text": "ACTIE-VAN-ANNA", "due": "2099-01-31"}]})
    assert saved.status_code == 200, saved.content
    return usage, (a, b, c), (x, y)


def test_after_a_move_the_round_shows_the_movers_earlier_work_and_reads_the_new_group():
    usage, (a, b, c), (x, y) = _round_with_work()
    post_update(usage, x, "ZUID-UPDATE")
    move(usage, a, "Zuid")
    post_update(usage, b, "NOORD-NA-DE-VERHUIZING")
    view = state(usage, a)
    assert view["group"]["name"] == "Zuid"
    assert [u["text"] for u in view["updates"]] == ["ZUID-UPDATE"]
    assert "NOORD-NA-DE-VERHUIZING" not in json.dumps(view) and "NOORD-NA-DE-VERHUIZING" not in view["html"]
    earlier = view["earlier"]
    assert [e["group"] for e in earlier] == ["Noord"]
    assert earlier[0]["my_update"] == "ANNA-UPDATE-NOORD"
    assert [r["answers"][0]["text"] for r in earlier[0]["received"]] == ["FEEDBACK-VAN-BRAM"]
    assert earlier[0]["received"][0]["from"] == b
    assert [act["text"] for act in earlier[0]["actions"]] == ["ACTIE-VAN-ANNA"]
    assert "ANNA-UPDATE-NOORD" in view["html"] and "FEEDBACK-VAN-BRAM" in view["html"]
    # Nobody else's earlier work: bram's view of his own group has no "earlier".
    assert state(usage, b)["earlier"] == []
    # Staff still find the old group's work under the old group.
    noord = next(g for g in Participant("staff_moves").get(usage, "groups_overview").json()["groups"]
                 if g["name"] == "Noord")
    staff_view = Participant("staff_moves").get(usage, "round_state", f"group={noord['id']}").content.decode()
    assert "ANNA-UPDATE-NOORD" in staff_view


def test_my_data_after_a_move_holds_the_feedback_received_in_the_old_group():
    usage, (a, b, c), (x, y) = _round_with_work()
    move(usage, a, "Zuid")
    post_update(usage, a, "ANNA-UPDATE-ZUID")
    assert give(usage, x, a, {"recognise": "FEEDBACK-VAN-X"}).status_code == 200
    data = Participant(a).get(usage, "my_data").json()["data"]
    mine = json.dumps(data)
    assert "FEEDBACK-VAN-BRAM" in mine and "FEEDBACK-VAN-X" in mine
    assert "ANNA-UPDATE-NOORD" in mine and "ANNA-UPDATE-ZUID" in mine
    groups = sorted(item["group"] for item in data["feedback_received"])
    assert groups == ["Noord", "Zuid"]


def test_an_anonymous_round_keeps_givers_unnamed_in_the_download_after_a_move():
    _scenario, usage = new_round(method="free", anonymous_feedback="true")
    a, b, c, d, x, y = people(6)
    arrange(usage, {"Noord": [a, b, c, d], "Zuid": [x, y]})
    post_update(usage, a)
    assert give(usage, b, a, {"recognise": "ANONIEM-VAN-BRAM"}).status_code == 200
    move(usage, a, "Zuid")
    mine = Participant(a).get(usage, "my_data").content.decode()
    assert "ANONIEM-VAN-BRAM" in mine and b not in mine and platform.workbench_anonymous_id(b) not in mine


def _visit_round(n):
    scenario, usage = new_round(round_kind="both", method="free")
    names = people(n)
    for name in names:
        assert Participant(name).page(scenario).status_code == 200
    return scenario, usage, names


def test_replacing_groups_after_people_wrote_asks_for_confirmation_with_the_counts():
    _scenario, usage, names = _visit_round(4)
    staff = Participant("staff_regroup")
    body = {"version": 0, "size": 2, "order": "name", "who": "everyone"}
    first = staff.post(usage, "make_groups", body)
    assert first.status_code == 200, first.content   # nobody wrote: nothing to confirm
    post_update(usage, names[0], "AL-GESCHREVEN")
    again = staff.post(usage, "make_groups", {**body, "version": 1})
    assert again.status_code == 409 and code(again) == "confirm_regroup"
    counts = again.json()["error"]["data"]
    assert counts["moving"] == 4 and counts["wrote"] == 1
    assert staff.get(usage, "groups_overview").json()["version"] == 1   # nothing changed
    assert state(usage, names[0])["my_update"] == "AL-GESCHREVEN"
    bad = staff.post(usage, "make_groups", {**body, "version": 1, "confirm": "yes"})
    assert bad.status_code == 400
    done = staff.post(usage, "make_groups", {**body, "version": 1, "confirm": True})
    assert done.status_code == 200 and done.json()["version"] == 2
    # Placing only newcomers moves nobody: no confirmation.
    late = people(1)[0]
    Participant(late).page(_scenario)
    placed = staff.post(usage, "make_groups", {**body, "version": 2, "who": "ungrouped"})
    assert placed.status_code == 200, placed.content
    # The earlier work stays with its author, and staff find the replaced group.
    assert [e["my_update"] for e in state(usage, names[0])["earlier"]] == ["AL-GESCHREVEN"]
    overview = staff.get(usage, "staff_overview").json()
    assert [g["records"] for g in overview["earlier_groups"]] == [1]
    assert "fr-earlier-groups" in overview["html"]
    old = staff.get(usage, "staff_group", f"group={overview['earlier_groups'][0]['id']}")
    assert old.status_code == 200 and [u["text"] for u in old.json()["updates"]] == ["AL-GESCHREVEN"]
    gone = staff.get(usage, "staff_group", "group=set:rondeset:g999")
    assert gone.status_code == 404 and code(gone) == "no_such_group"


def test_pasting_lines_that_move_writers_asks_for_confirmation_too():
    _scenario, usage, names = _visit_round(4)
    staff = Participant("staff_paste")
    arrange(usage, {"A": names[:2], "B": names[2:]})
    version = staff.get(usage, "groups_overview").json()["version"]
    post_update(usage, names[0], "AL-GESCHREVEN")
    text = f"{names[0]},B\n{names[1]},A\n{names[2]},B\n{names[3]},B"
    asked = staff.post(usage, "import_groups", {"version": version, "text": text})
    assert asked.status_code == 409 and code(asked) == "confirm_regroup"
    assert asked.json()["error"]["data"] == {"moving": 1, "wrote": 1}
    done = staff.post(usage, "import_groups", {"version": version, "text": text, "confirm": True})
    assert done.status_code == 200, done.content
