"""The demo's "Mijn leergang" scenario opens as Anna with a year in progress: her work in
every block (demo/demo_journey.py), and something still open this week."""
from tests.support.workbench import Participant, scenario_usage_ids

SCENARIO = "leergang_my_programme.0"


def test_anna_sees_her_journey_across_every_block():
    usage = next(u for u in scenario_usage_ids("leergang_my_programme") if u.startswith("mijn-leergang"))
    found = Participant("anna").get(usage, "journey").json()
    assert (found["cases"], found["rounds"], found["dilemmas"], found["scans"]) == (1, 1, 1, 2)
    assert found["open"] >= 2   # an overdue action and one due this week, feedback owed to Chris
    page = found["html"]
    assert "Minder verantwoordingslast" in page                        # her case
    assert "Wie van de consulenten" in page                            # feedback Bram gave her
    assert "Wat zou er gebeuren" in page                               # feedback she gave Bram
    assert "niet meteen ingrijpen" in page                             # her reflection in the dilemma


def test_the_scenario_page_opens_as_anna_and_as_staff():
    for student in ("anna", "bram", "staff"):
        response = Participant(student).page(SCENARIO)
        assert response.status_code == 200
        assert b"leergang-my-programme" in response.content
