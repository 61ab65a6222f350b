"""Mijn leergang (`leergang_my_programme`) through the workbench's request path: the
participant's journey across the course's blocks, what is open this week, the one
download (HTML and JSON), and what each block holds back."""
import json
import re
import uuid

from leergang_xblocks.core import platform
from tests.support.my_programme import (FEEDBACK_TEXT, give_feedback, new_programme_course, put_in_one_group,
                                        scan_answers, write_journey)
from tests.support.workbench import Participant

HOSTILE = '<img src=x onerror="alert(1)">'


def people(tag):
    return [f"mp{tag}{name}_{uuid.uuid4().hex[:6]}" for name in ("a", "b", "c")]


def journey_of(student, usages, language="en"):
    response = Participant(student, language=language).get(usages["leergang_my_programme"], "journey")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_journey_gathers_the_participants_work_from_every_block():
    scenario, usages = new_programme_course()
    anna, bram, chris = people("j")
    put_in_one_group(usages, [anna, bram, chris])
    write_journey(usages, anna)
    write_journey(usages, bram)
    write_journey(usages, chris)
    give_feedback(usages, bram, anna)
    give_feedback(usages, anna, bram, text="Mijn vraag aan jou")
    me = Participant(anna)
    for student in (anna, bram, chris):
        assert Participant(student).post(usages["leergang_dialogue"], "take_position",
                                         {"option": "4", "reason": f"Reden van {student}"}).status_code == 200
    assert me.post(usages["leergang_dialogue"], "reflect", {"values": {"keys": [], "own": []},
                                                            "changed": "Ik luister nu eerst", "note": ""}).status_code == 200
    assert me.post(usages["leergang_trust_scan#2"], "submit",
                   {"answers": scan_answers(usages["leergang_trust_scan#2"])}).status_code == 200

    found = journey_of(anna, usages)
    assert (found["cases"], found["rounds"], found["dilemmas"], found["scans"]) == (1, 1, 1, 2)
    page = found["html"]
    assert "Control bellen" in page and "Later iets" in page           # the case's actions
    assert FEEDBACK_TEXT in page and "Mijn vraag aan jou" in page     # received and given
    assert f"Reden van {anna}" in page and "Ik luister nu eerst" in page   # own position, reflection
    assert f"Reden van {bram}" not in page                            # another's reason is not theirs
    assert f"Update van {bram}" not in page                           # the round's other texts stay in the round
    # Still open: the overdue action, the overdue session entry, feedback owed to Chris.
    assert found["open"] == 3
    assert page.index("Control bellen") < page.index(chris)
    assert "Later iets" not in page.split("</section>")[0]             # due in 2099: not this week


def test_the_page_shows_the_journey_and_the_download_links_in_dutch():
    scenario, usages = new_programme_course()
    anna, bram, chris = people("p")
    put_in_one_group(usages, [anna, bram, chris])
    write_journey(usages, anna)
    response = Participant(anna, language="nl").page(scenario)
    assert response.status_code == 200
    text = response.content.decode()
    block = text[text.index('class="leergang leergang-my-programme"'):]
    assert "Nog open deze week" in block
    assert 'data-handler="download"' in block and "format=json" in block


def test_a_visitor_who_is_not_signed_in_gets_no_journey_and_no_download():
    scenario, usages = new_programme_course()
    visitor = Participant("none")
    assert visitor.get(usages["leergang_my_programme"], "journey").status_code == 403
    response = visitor.get(usages["leergang_my_programme"], "download", "format=json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "not_authenticated"


def test_a_participant_without_work_is_told_where_their_work_will_show():
    scenario, usages = new_programme_course()
    found = journey_of(f"mpempty_{uuid.uuid4().hex[:6]}", usages)
    assert "my-programme-empty" in found["html"]
    assert found["cases"] == 1  # the case block is there; its case is not described yet


def test_the_json_download_is_every_blocks_own_export():
    scenario, usages = new_programme_course()
    anna, bram, chris = people("d")
    put_in_one_group(usages, [anna, bram, chris])
    write_journey(usages, anna)
    write_journey(usages, bram)
    me = Participant(anna)
    response = me.get(usages["leergang_my_programme"], "download", "format=json")
    assert f"Update van {anna}" in response.content.decode()
    assert f"Update van {bram}" not in response.content.decode()
    assert platform.workbench_anonymous_id(bram) not in response.content.decode()
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;") and ".json" in response["Content-Disposition"]
    body = json.loads(response.content)
    assert body["participant"] == platform.workbench_anonymous_id(anna)
    kinds = [part["block_type"] for part in body["blocks"]]
    assert kinds == ["leergang_groups", "leergang_trust_scan", "leergang_case", "leergang_feedback_round",
                     "leergang_dialogue", "leergang_trust_scan"]
    for part, usage in zip(body["blocks"], [u for k, u in usages.items() if k != "leergang_my_programme"]):
        own = json.loads(me.get(usage, "my_data").content)["data"]
        assert json.loads(json.dumps(part["data"], default=str)) == own


def test_the_html_download_escapes_what_participants_wrote():
    scenario, usages = new_programme_course()
    anna, bram, chris = people("x")
    put_in_one_group(usages, [anna, bram, chris])
    write_journey(usages, anna)
    me = Participant(anna)
    assert me.post(usages["leergang_case"], "save_case", {"fields": {"title": HOSTILE}}).status_code == 200
    assert Participant(bram).post(usages["leergang_feedback_round"], "post_update", {"text": "x"}).status_code == 200
    give_feedback(usages, bram, anna, text=HOSTILE)
    for page in (me.get(usages["leergang_my_programme"], "download", "format=html").content.decode(),
                 journey_of(anna, usages)["html"]):
        assert "<img" not in page and "onerror=\"alert" not in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_anonymous_feedback_stays_anonymous():
    xml = open_scenario_xml().replace('method="airtime" round_number="2"',
                                      'method="incident" anonymous_feedback="true" peers_per_participant="1"')
    scenario, usages = new_programme_course(xml)
    members = people("n") + [f"mpnd_{uuid.uuid4().hex[:6]}"]
    put_in_one_group(usages, members)
    for student in members:
        write_journey(usages, student)
    givers = [s for s in members[1:] if any(p["name"] == members[0] for p in Participant(s).get(
        usages["leergang_feedback_round"], "round_state").json()["to_review"])]
    assert givers
    give_feedback(usages, givers[0], members[0])
    page = journey_of(members[0], usages)["html"]
    download = Participant(members[0]).get(usages["leergang_my_programme"], "download", "format=html").content.decode()
    data = json.loads(Participant(members[0]).get(usages["leergang_my_programme"], "download", "format=json").content)
    giver_id = platform.workbench_anonymous_id(givers[0])
    for text in (page, download):
        received = text[text.index('class="my-programme-received"'):]
        received = received[:received.index("</ul>")]
        assert FEEDBACK_TEXT in received and "Feedback 1" in received
        assert givers[0] not in received and giver_id not in received
    round_part = next(p["data"] for p in data["blocks"] if p["block_type"] == "leergang_feedback_round")
    assert [item["from"] for item in round_part["feedback_received"]] == ["Feedback 1"]
    assert givers[0] not in json.dumps(round_part) and giver_id not in json.dumps(round_part)


def test_a_private_note_is_shown_to_its_writer_only_never_to_staff_viewing_as_them():
    scenario, usages = new_programme_course()
    anna, bram, chris = people("r")
    put_in_one_group(usages, [anna, bram, chris])
    write_journey(usages, anna)
    assert Participant(anna).post(usages["leergang_trust_scan"], "save_reflection",
                                  {"text": "Mijn eigen notitie"}).status_code == 200
    assert "Mijn eigen notitie" in journey_of(anna, usages)["html"]
    staff = Participant(f"staff_mp_{uuid.uuid4().hex[:6]}", masquerade=anna)
    response = staff.get(usages["leergang_my_programme"], "download", "format=json")
    assert response.status_code == 200
    assert "Minder formulieren" in response.content.decode()   # it is the participant's download
    assert "Mijn eigen notitie" not in response.content.decode()


def test_bad_query_values_are_refused_and_change_nothing():
    scenario, usages = new_programme_course()
    anna = people("q")[0]
    me = Participant(anna)
    for query in ("format=pdf", "format=html&format=json", "format="):
        response = me.get(usages["leergang_my_programme"], "download", query)
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == "invalid"
    assert me.post(usages["leergang_my_programme"], "journey", {}).status_code == 405


def open_scenario_xml():
    from leergang_xblocks.my_programme.scenarios import SCENARIOS
    return SCENARIOS[0][1]


def test_the_block_finds_the_course_blocks_in_course_order():
    from workbench.runtime import WorkbenchRuntime
    from leergang_xblocks.core.course_blocks import leergang_blocks_of_course

    scenario, usages = new_programme_course()
    block = WorkbenchRuntime("reader").get_block(usages["leergang_my_programme"])
    found = [str(b.scope_ids.usage_id) for b in leergang_blocks_of_course(block)]
    assert found == [u for k, u in usages.items() if k != "leergang_my_programme"]
    assert re.search(r"leergang_my_programme", " ".join(found)) is None
