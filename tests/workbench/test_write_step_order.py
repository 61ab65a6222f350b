"""The participant's step starts before the read-only check (core/handlers.py): a new
participant's first write is one transaction, and a refused write still changes
nothing and answers as before, whatever its body.

The workbench's store makes a user's `Scope.user_info` row when it is first read
(`XBlockState.get_for_key` is a get_or_create); the read-only check reads that field
(core/platform.py `viewing_as_learner`). Read before the step, the row was a
transaction of its own, and a new participant's first write committed twice."""

from django.apps import apps

from benchmarks.cost import query_log
from tests.support.workbench import Participant, demo_trust_scan, new_student_id, scenario_of

GARBAGE = b'{"\\ud800": [[[' + b"[" * 200


def _rows():
    """How many rows each table of the package, the workbench and edx-submissions holds."""
    models = list(apps.get_app_config("leergang_stores").get_models())
    models += [apps.get_model("workbench", "XBlockState"), apps.get_model("submissions", "Submission"),
               apps.get_model("submissions", "StudentItem")]
    return {model.__name__: model._base_manager.count() for model in models}


def _statements(call):
    with query_log() as captured:
        response = call()
    return response, [query["sql"].split()[0].upper() for query in captured.captured_queries]


def test_a_new_participants_first_write_commits_once():
    usage = demo_trust_scan()
    person = Participant(new_student_id("learner"))
    response, statements = _statements(lambda: person.post(usage, "save_draft", {"answers": {}, "version": 0}))
    assert response.status_code == 200
    assert statements.count("COMMIT") == 1, statements


def _refused(person, usage, body, raw=False):
    before = _rows()
    response = person.post(usage, "save_draft", body, raw=raw)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "read_only_preview")
    assert _rows() == before


def test_refused_writes_change_nothing_and_answer_as_before_whatever_the_body():
    usage = demo_trust_scan()
    learner = Participant(new_student_id("learner"))
    assert learner.post(usage, "save_draft", {"answers": {}, "version": 0}).status_code == 200
    staff_id = new_student_id("staff")
    assert Participant(staff_id).page(scenario_of(usage)).status_code == 200  # seen as staff in this course
    for person in (Participant(new_student_id("staff"), path="preview"),
                   Participant(new_student_id("staff"), masquerade=learner.student_id),
                   Participant(staff_id, view_as_learner=True)):
        _refused(person, usage, {"answers": {}, "version": 1})
        _refused(person, usage, GARBAGE, raw=True)
        _refused(person, usage, {"answers": "not answers"})
