"""The session block's handlers (leergang_session): the evaluation's K rule and its
change-until-closed rule, questions and endorsements once per person, hiding."""
import uuid

from leergang_xblocks.core import platform
from leergang_xblocks.stores.models import Endorsement  # a read-only look, in the test
from tests.support.sessions import usage_id
from tests.support.workbench import Participant

ANSWER = {"scales": {"inhoud": 4, "sprekers": 3, "ruimte": 5}, "open": ""}


def person(prefix="p"):
    return Participant(f"{prefix}_{uuid.uuid4().hex[:8]}")


def fresh_usage():
    """The scenario's block (shared by the tests: they assert changes, not absolute counts)."""
    return usage_id("speaker")


def test_results_stay_hidden_below_k_and_are_never_per_person():
    usage = fresh_usage()
    staff = person("staff")
    before = staff.get(usage, "evaluation_results").json()
    people = [person() for _ in range(3)]
    token = uuid.uuid4().hex[:8]
    for n, who in enumerate(people):
        saved = who.post(usage, "answer_evaluation", {**ANSWER, "open": f"open-{n}-{token}"})
        assert saved.status_code == 200, saved.content
    after = staff.get(usage, "evaluation_results").json()
    # K = 3: three new people publish a new snapshot (of at least three), whatever was
    # pending before; its open answers include the new ones it holds.
    assert after["participants"] is not None and after["participants"] >= 3
    assert after["as_of"] != before["as_of"]
    assert any(f"open-{n}-{token}" in after["open_answers"] for n in range(3))
    # Never per person: no participant id, no username anywhere in the answer.
    body = staff.get(usage, "evaluation_results").text
    for who in people:
        assert who.student_id not in body
        assert platform.workbench_anonymous_id(who.student_id) not in body


def test_a_participant_cannot_read_the_results():
    assert person().get(fresh_usage(), "evaluation_results").status_code == 403


def test_an_answer_can_be_changed_and_a_repeat_is_kept_once():
    usage, who = fresh_usage(), person()
    first = who.post(usage, "answer_evaluation", ANSWER)
    assert first.status_code == 200
    # The write answers what a read right after it shows (it answers from what it kept).
    assert first.json()["answer"] == who.get(usage, "state").json()["evaluation"]["answer"]
    again = who.post(usage, "answer_evaluation", ANSWER)
    assert again.json()["answer"] == first.json()["answer"]                 # kept once, same moment
    changed = {**ANSWER, "scales": {**ANSWER["scales"], "inhoud": 1}}
    answer = who.post(usage, "answer_evaluation", changed).json()["answer"]
    assert answer["scales"]["inhoud"] == 1 and answer == who.get(usage, "state").json()["evaluation"]["answer"]
    mine = who.get(usage, "my_data").json()["data"]["evaluation"]
    assert [a["scales"]["inhoud"] for a in mine] == [4, 1]


def test_an_incomplete_answer_is_refused_at_its_field_and_changes_nothing():
    usage, who = fresh_usage(), person()
    refused = who.post(usage, "answer_evaluation", {"scales": {"inhoud": 4}, "open": ""})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "incomplete_answer"
    assert error["problems"][0]["field"].startswith("scales.")
    assert who.get(usage, "my_data").json()["data"]["evaluation"] == []
    off_scale = who.post(usage, "answer_evaluation", {"scales": {**ANSWER["scales"], "inhoud": 6}, "open": ""})
    assert off_scale.status_code == 400


def test_a_closed_evaluation_refuses_answers():
    refused = person().post(usage_id("closed"), "answer_evaluation", ANSWER)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "evaluation_closed"


def test_the_closed_evaluation_block_asks_no_questions():
    refused = person().post(usage_id("closed"), "post_question", {"text": "Een vraag"})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_asked"


def test_one_endorsement_per_person_per_question_and_not_ones_own():
    usage, author, fan = fresh_usage(), person(), person()
    posted = author.post(usage, "post_question", {"text": f"Vraag {uuid.uuid4().hex[:6]}"}).json()
    mine = next(q for q in posted["questions"] if q["own"])
    for _ in range(3):
        assert fan.post(usage, "endorse_question", {"question": mine["id"], "endorse": True}).status_code == 200
    assert Endorsement.objects.filter(question_id=mine["id"]).count() == 1
    shown = next(q for q in fan.get(usage, "state").json()["questions"] if q["id"] == mine["id"])
    assert shown == {**shown, "endorsements": 1, "endorsed": True, "own": False}
    own = author.post(usage, "endorse_question", {"question": mine["id"], "endorse": True})
    assert own.status_code == 409 and own.json()["error"]["code"] == "own_question"
    taken_back = fan.post(usage, "endorse_question", {"question": mine["id"], "endorse": False})
    assert next(q for q in taken_back.json()["questions"] if q["id"] == mine["id"])["endorsements"] == 0
    unknown = fan.post(usage, "endorse_question", {"question": "0" * 16, "endorse": True})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "no_such_question"


def test_questions_carry_no_names_and_a_double_post_is_kept_once():
    usage, author = fresh_usage(), person()
    text = f"Dubbel {uuid.uuid4().hex[:6]}"
    author.post(usage, "post_question", {"text": text})
    author.post(usage, "post_question", {"text": text})
    assert [q["text"] for q in author.get(usage, "my_data").json()["data"]["questions"]] == [text]
    seen = person().get(usage, "state").text
    assert author.student_id not in seen and platform.workbench_anonymous_id(author.student_id) not in seen


def test_at_most_five_questions_per_participant():
    usage, author = fresh_usage(), person()
    for n in range(5):
        assert author.post(usage, "post_question", {"text": f"vraag {n} {author.student_id}"}).status_code == 200
    refused = author.post(usage, "post_question", {"text": "nog een"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "too_many_questions"


def test_staff_hide_a_question_for_participants_and_the_presenter_view():
    usage, author, staff = fresh_usage(), person(), person("staff")
    text = f"Te verbergen {uuid.uuid4().hex[:6]}"
    question = next(q for q in author.post(usage, "post_question", {"text": text}).json()["questions"] if q["own"])
    assert person().post(usage, "hide_question", {"question": question["id"], "hidden": True}).status_code == 403
    assert staff.post(usage, "hide_question", {"question": question["id"], "hidden": True}).status_code == 200
    assert text not in person().get(usage, "state").text
    assert text not in staff.get(usage, "questions_live", "view=present").text
    listed = staff.get(usage, "questions_live").json()["questions"]
    assert next(q for q in listed if q["id"] == question["id"])["hidden"] is True
    endorse = person().post(usage, "endorse_question", {"question": question["id"], "endorse": True})
    assert endorse.status_code == 404
    staff.post(usage, "hide_question", {"question": question["id"], "hidden": False})
    assert text in person().get(usage, "state").text


def test_the_presenter_view_is_ordered_by_endorsements_and_answers_unchanged_by_version():
    usage, staff = fresh_usage(), person("staff")
    authors = [person(), person()]
    ids = [next(q for q in a.post(usage, "post_question", {"text": f"orde {n} {a.student_id}"}).json()["questions"]
                if q["own"])["id"] for n, a in enumerate(authors)]
    for _ in range(2):
        person().post(usage, "endorse_question", {"question": ids[1], "endorse": True})
    present = staff.get(usage, "questions_live", "view=present").json()
    order = [q["id"] for q in present["questions"]]
    assert order.index(ids[1]) < order.index(ids[0])
    assert set(present["questions"][0]) == {"id", "text", "endorsements"}
    again = staff.get(usage, "questions_live", f"view=present&seen={present['version']}").json()
    assert again == {"unchanged": True, "version": present["version"]}


def test_removing_a_participant_takes_their_answer_out_of_the_figures():
    from leergang_xblocks.sessions import evaluation, rules
    usage, who, staff = fresh_usage(), person(), person("staff")
    who.post(usage, "answer_evaluation", ANSWER)
    block = staff.block(usage)
    fingerprint = rules.fingerprint(block.scales)
    before = evaluation.aggregate(block, fingerprint).current()["participants"]
    removed = staff.post(usage, "remove_participant_data", {"participant": platform.workbench_anonymous_id(
        who.student_id)})
    assert removed.status_code == 200, removed.content
    assert evaluation.aggregate(block, fingerprint).current()["participants"] == before - 1
    assert who.get(usage, "my_data").json()["data"]["evaluation"] == []


def test_retirement_erases_answers_questions_and_endorsements():
    from types import SimpleNamespace

    from leergang_xblocks.stores import retirement
    usage, who, author = fresh_usage(), person(), person()
    question = next(q for q in author.post(usage, "post_question", {"text": f"r {author.student_id}"}).json()
                    ["questions"] if q["own"])
    who.post(usage, "answer_evaluation", ANSWER)
    who.post(usage, "post_question", {"text": "Mijn vraag"})
    who.post(usage, "endorse_question", {"question": question["id"], "endorse": True})
    assert retirement.on_retire(None, user=SimpleNamespace(id=None, username=who.student_id))
    assert who.get(usage, "my_data").json()["data"] == {"evaluation": [], "questions": [], "endorsed": []}
    assert not Endorsement.objects.filter(anonymous_id=platform.workbench_anonymous_id(who.student_id)).exists()
    assert author.get(usage, "my_data").json()["data"]["questions"]   # others' records stay
