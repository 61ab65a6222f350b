"""Realistic Dutch demo content for the sessions scenario: Bram and Chris posted
questions for the practice experts and endorsed each other's, and three participants
answered the evaluation (K = 3 in the scenario, so staff see a first snapshot). Made
once, when the demo loads its scenarios (demo/scenarios.py); never used in the LMS."""
from ..core.platform import Identity, workbench_anonymous_id
from ..stores.api import endorsements
from . import evaluation, questions, rules

QUESTIONS = {
    "bram": "Hoe hebt u de gemeenteraad meegekregen toen u de controles vooraf afschafte?",
    "chris": "Wat deed u op de dag dat er na de proef toch iets misging, en wat zei de wethouder?",
}
ANSWERS = {
    "bram": ({"inhoud": 4, "sprekers": 5, "ruimte": 3}, "De voorbeelden uit Zaanstad waren heel concreet."),
    "chris": ({"inhoud": 4, "sprekers": 4, "ruimte": 2}, "Graag meer tijd voor vragen uit de zaal."),
    "dewi": ({"inhoud": 5, "sprekers": 4, "ruimte": 4}, ""),
}


def seed_demo_session(block):
    """Questions, endorsements and evaluation answers in the demo's session block, once."""
    store = questions.records(block)
    bram = workbench_anonymous_id("bram")
    if store.latest(bram) is not None:
        return
    ids = {}
    for student, text in QUESTIONS.items():
        qid = questions.new_question_id()
        store.append(workbench_anonymous_id(student), {"qid": qid, "text": text}, None)
        ids[student] = qid
    chris = workbench_anonymous_id("chris")
    endorsements.add(store.course_id, store.item_id, ids["chris"], bram, chris)
    endorsements.add(store.course_id, store.item_id, ids["chris"], workbench_anonymous_id("dewi"), chris)
    endorsements.add(store.course_id, store.item_id, ids["bram"], chris, bram)
    fingerprint = rules.fingerprint(block.scales)
    answers = evaluation.answers(block)
    for student, (scales, text) in ANSWERS.items():
        anonymous_id = workbench_anonymous_id(student)
        answers.append(anonymous_id, {"fingerprint": fingerprint, "scales": scales, "open": text}, None)
        evaluation.fold_in(block, Identity(anonymous_id, student, "", False), fingerprint, scales, None,
                           block.min_respondents)
