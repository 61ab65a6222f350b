"""A participant sees the newest questions and the most endorsed ones, however old
(issue 23: a popular older question dropped out of the newest 200 and could no
longer be seen or endorsed), and the view says when the list leaves questions out.
The limits are made small here; tests/perf/test_session_query_counts.py shows the
read stays the same at 20 and at 5,000 participants."""
import re
import uuid

import pytest

from benchmarks.sessions_bench import new_scenario
from leergang_xblocks.core import platform
from leergang_xblocks.sessions import questions
from leergang_xblocks.stores.models import Endorsement, EndorsementCount  # a read-only look, in the test
from tests.support.workbench import Participant

NEWEST, MOST = 4, 2


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    monkeypatch.setattr(questions, "MAX_SHOWN", NEWEST)
    monkeypatch.setattr(questions, "MAX_MOST_ENDORSED", MOST)


def person(prefix="sm"):
    return Participant(f"{prefix}_{uuid.uuid4().hex[:8]}")


def ask(usage, who, text):
    answer = who.post(usage, "post_question", {"text": text})
    assert answer.status_code == 200, answer.content
    return next(q for q in answer.json()["questions"] if q["own"] and q["text"] == text)["id"]


def endorse(usage, who, question, yes=True):
    return who.post(usage, "endorse_question", {"question": question, "endorse": yes})


def test_a_popular_older_question_stays_in_view_and_can_be_endorsed():
    scenario, usage = new_scenario("most")
    popular = ask(usage, person(), "Een oude vraag die velen willen stellen")
    for _ in range(3):
        assert endorse(usage, person(), popular).status_code == 200
    quiet = ask(usage, person(), "Een oude vraag zonder steun")
    for n in range(NEWEST):
        ask(usage, person(), f"Nieuwe vraag {n}")

    reader = person()
    state = reader.get(usage, "state").json()
    shown = {q["id"]: q for q in state["questions"]}
    assert popular in shown and shown[popular]["endorsements"] == 3
    assert quiet not in shown                               # neither newest nor endorsed
    assert len(shown) == NEWEST + 1 and state["questions_limited"] is True
    assert state["questions"][0]["id"] == popular           # most endorsed first
    notice = re.search(r'class="leergang-hint session-questions-limited"[^>]*>', state["questions_html"])
    assert notice and f'data-newest="{NEWEST}"' in notice.group(0) and f'data-most-endorsed="{MOST}"' in notice.group(0)
    page = reader.page(scenario).content.decode()
    assert "session-questions-limited" in page
    dutch = Participant(reader.student_id, language="nl").get(usage, "state").json()["questions_html"]
    english_text = re.search(r'session-questions-limited"[^>]*>([^<]*)<', state["questions_html"]).group(1)
    assert english_text not in dutch and "session-questions-limited" in dutch

    endorsed = endorse(usage, reader, popular)
    assert endorsed.status_code == 200, endorsed.content
    assert next(q for q in endorsed.json()["questions"] if q["id"] == popular)["endorsements"] == 4
    assert endorse(usage, reader, quiet).json()["error"]["code"] == "no_such_question"


def test_a_short_list_says_nothing_about_limits_and_counts_follow_taking_back():
    scenario, usage = new_scenario("short")
    question = ask(usage, person(), "Een vraag")
    fan = person()
    assert endorse(usage, fan, question).status_code == 200
    state = fan.get(usage, "state").json()
    assert state["questions_limited"] is False and "session-questions-limited" not in state["questions_html"]
    count = EndorsementCount.objects.get(question_id=question)
    assert count.endorsements == 1
    assert endorse(usage, fan, question).status_code == 200         # a double click counts once
    assert EndorsementCount.objects.get(question_id=question).endorsements == 1
    assert endorse(usage, fan, question, yes=False).status_code == 200
    assert EndorsementCount.objects.get(question_id=question).endorsements == 0


def test_removing_an_endorser_or_the_writer_keeps_the_counts_true():
    from types import SimpleNamespace

    from leergang_xblocks.stores import retirement
    scenario, usage = new_scenario("erase")
    writer, fans = person(), [person() for _ in range(2)]
    question = ask(usage, writer, "Een vraag om te steunen")
    for fan in fans:
        endorse(usage, fan, question)
    staff = person("staff")
    removed = staff.post(usage, "remove_participant_data",
                         {"participant": platform.workbench_anonymous_id(fans[0].student_id)})
    assert removed.status_code == 200, removed.content
    # Their endorsement goes too (it was kept under the questions' item id, which the
    # removal missed before), and the count follows.
    assert not Endorsement.objects.filter(anonymous_id=platform.workbench_anonymous_id(fans[0].student_id)).exists()
    assert EndorsementCount.objects.get(question_id=question).endorsements == 1
    assert retirement.on_retire(None, user=SimpleNamespace(id=None, username=fans[1].student_id))
    assert EndorsementCount.objects.get(question_id=question).endorsements == 0
    endorse(usage, person(), question)
    assert retirement.on_retire(None, user=SimpleNamespace(id=None, username=writer.student_id))
    assert not EndorsementCount.objects.filter(question_id=question).exists()
