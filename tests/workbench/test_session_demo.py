"""The demo's session scenario comes with questions, endorsements and a first published
evaluation snapshot (sessions/demo_content.py), so every view has something to show."""
from leergang_xblocks.sessions.demo_content import QUESTIONS
from tests.support.sessions import usage_id
from tests.support.workbench import Participant


def test_the_demo_session_has_questions_endorsements_and_results():
    usage = usage_id("speaker")
    shown = {q["text"]: q for q in Participant("anna").get(usage, "state").json()["questions"]}
    assert set(QUESTIONS.values()) <= set(shown)
    assert shown[QUESTIONS["chris"]]["endorsements"] >= 2
    results = Participant("staff_demo_check").get(usage, "evaluation_results").json()
    assert results["participants"] is not None and results["participants"] >= 3
    # Bram sees his own question as his, and may not endorse it.
    mine = next(q for q in Participant("bram").get(usage, "state").json()["questions"]
                if q["text"] == QUESTIONS["bram"])
    assert mine["own"] is True
