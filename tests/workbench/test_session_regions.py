"""The session's writes answer what they changed, as the page shows it afresh (issue 19).

- `post_question` and `endorse_question` answer the region "questions" (the list), the one
  part of the page they change, rendered by the same template as the page
  (views.py `questions_html`): held against the participant's page loaded right after the
  write, in English and Dutch, with a learner's text holding `<script>` and `&`.
- `answer_evaluation` answers no HTML: the form, made of the settings, stays on the page;
  its answer equals what a fresh read and a fresh page show.
- Each write reads only the settings it uses: a broken setting it reads refuses it
  (409, nothing written); a broken one it does not read leaves it working, while the
  page still shows the problem.
"""
import re
import uuid

import pytest
from workbench.runtime import WorkbenchRuntime

from benchmarks.sessions_bench import ANSWER, new_scenario
from leergang_xblocks.core import platform
from leergang_xblocks.sessions import evaluation, questions
from leergang_xblocks.stores.api import endorsements
from tests.support.regions import assert_answer_matches_page, regions_of
from tests.support.workbench import Participant

HOSTILE = "Wie beslist <script>alert('x')</script> & waarom?"
BROKEN_SCALES = "- key: Niet Goed\n  nl: x\n"


def person(prefix, language="en"):
    return Participant(f"{prefix}_{uuid.uuid4().hex[:8]}", language=language)


def page_of(who, scenario):
    response = who.page(scenario)
    assert response.status_code == 200
    return response.content.decode()


def own_question_id(answer):
    return next(q["id"] for q in answer["questions"] if q["own"])


def set_setting(usage, **values):
    """An author's setting saved as Studio or an OLX import would leave it (unchecked)."""
    block = WorkbenchRuntime("author").get_block(usage)
    for name, value in values.items():
        setattr(block, name, value)
    block.save()


@pytest.mark.parametrize("language", ("en", "nl"))
def test_a_post_answers_the_list_as_the_fresh_page_shows_it(language):
    scenario, usage = new_scenario(f"rp{language}")
    author = person("rp", language)
    answer = author.post(usage, "post_question", {"text": HOSTILE})
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert set(data["regions"]) == {"questions"} and data["saved"] is True
    region = data["regions"]["questions"]
    assert "<script>" not in region and "&lt;script&gt;" in region and "&amp; waarom?" in region
    assert_answer_matches_page(data, page_of(author, scenario))
    # A second participant's post shows both questions, again as their page does.
    other = person("rp2", language)
    second = other.post(usage, "post_question", {"text": "Nog een vraag & meer"}).json()
    assert len(re.findall(r'class="session-question"', second["regions"]["questions"])) == 2
    assert_answer_matches_page(second, page_of(other, scenario))


@pytest.mark.parametrize("language", ("en", "nl"))
def test_an_endorsement_answers_the_list_as_the_fresh_page_shows_it(language):
    scenario, usage = new_scenario(f"re{language}")
    qid = own_question_id(person("re", language).post(usage, "post_question", {"text": HOSTILE}).json())
    fan = person("fan", language)
    for endorse in (True, False):
        answer = fan.post(usage, "endorse_question", {"question": qid, "endorse": endorse})
        assert answer.status_code == 200, answer.content
        data = answer.json()
        assert set(data["regions"]) == {"questions"}
        pressed = re.search(rf'data-question="{qid}"[^>]*aria-pressed="(true|false)"', data["regions"]["questions"])
        assert pressed.group(1) == ("true" if endorse else "false")
        assert "<script>" not in data["regions"]["questions"]
        assert_answer_matches_page(data, page_of(fan, scenario))


def test_the_list_on_the_page_is_the_region_a_write_answers():
    scenario, usage = new_scenario("rpage")
    author = person("rpage")
    author.post(usage, "post_question", {"text": "Een vraag"})
    found = regions_of(page_of(author, scenario))
    assert set(found) == {"questions"}
    assert found["questions"].startswith('<div class="session-question-list" data-region="questions">')
    # The state read (for programs) carries the same region.
    assert regions_of(author.get(usage, "state").json()["questions_html"]) == found


@pytest.mark.parametrize("language", ("en", "nl"))
def test_an_evaluation_answer_is_what_a_fresh_read_and_page_show(language):
    scenario, usage = new_scenario(f"ra{language}")
    who = person("ra", language)
    body = {**ANSWER, "open": HOSTILE}
    data = who.post(usage, "answer_evaluation", body).json()
    assert "regions" not in data and data["saved"] is True   # the form stays on the page
    assert data["answer"] == who.get(usage, "state").json()["evaluation"]["answer"]
    assert data["answer"]["scales"] == body["scales"] and data["answer"]["open"] == HOSTILE
    page = page_of(who, scenario)
    for key, value in body["scales"].items():
        assert re.search(rf'name="[^"]*-{key}" value="{value}" checked', page), key
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; waarom?</textarea>" in page
    assert "<script>alert(" not in page


# --- Each write reads only the settings it uses ------------------------------------------

def test_a_broken_scale_question_refuses_an_evaluation_answer_and_writes_nothing():
    scenario, usage = new_scenario("rbroken")
    set_setting(usage, scale_questions=BROKEN_SCALES)
    who = person("rb")
    refused = who.post(usage, "answer_evaluation", ANSWER)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_configured"
    block = WorkbenchRuntime("author").get_block(usage)
    assert evaluation.own_latest(block, platform.workbench_anonymous_id(who.student_id)) is None
    assert evaluation.answers(block).history(platform.workbench_anonymous_id(who.student_id)) == []


def test_a_broken_scale_question_leaves_posting_and_endorsing_working_and_the_page_tells():
    scenario, usage = new_scenario("rbq")
    set_setting(usage, scale_questions=BROKEN_SCALES)
    posted = person("rbq").post(usage, "post_question", {"text": "Toch een vraag"})
    assert posted.status_code == 200, posted.content
    qid = own_question_id(posted.json())
    fan = person("rbqfan")
    endorsed = fan.post(usage, "endorse_question", {"question": qid, "endorse": True})
    assert endorsed.status_code == 200, endorsed.content
    assert 'aria-pressed="true"' in endorsed.json()["regions"]["questions"]
    assert 'class="leergang-notice session-problem"' in page_of(fan, scenario)   # the notice, as before


def test_a_mode_without_questions_refuses_posting_and_endorsing_and_writes_nothing():
    scenario, usage = new_scenario("rmode")
    qid = own_question_id(person("rm").post(usage, "post_question", {"text": "Eerst"}).json())
    set_setting(usage, mode="evaluation")
    who = person("rm2")
    for handler, body in (("post_question", {"text": "Later"}), ("endorse_question", {"question": qid, "endorse": True})):
        refused = who.post(usage, handler, body)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_asked", handler
    block = WorkbenchRuntime("author").get_block(usage)
    anonymous_id = platform.workbench_anonymous_id(who.student_id)
    assert questions.own(questions.records(block), anonymous_id) == []
    store = questions.records(block)
    assert endorsements.endorsed_by(store.course_id, store.item_id, anonymous_id) == set()


def test_a_closing_date_for_questions_is_not_read_by_an_endorsement():
    """The list answered reads no setting: after posting closed, endorsing still answers it."""
    scenario, usage = new_scenario("rclosed")
    qid = own_question_id(person("rc").post(usage, "post_question", {"text": "Vroeg"}).json())
    set_setting(usage, questions_close="2001-01-01")
    fan = person("rcfan")
    refused = fan.post(usage, "post_question", {"text": "Te laat"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "questions_closed"
    endorsed = fan.post(usage, "endorse_question", {"question": qid, "endorse": True})
    assert endorsed.status_code == 200
    assert_answer_matches_page(endorsed.json(), page_of(fan, scenario))


def test_an_endorsement_is_announced_outside_the_list_also_after_posting_closed():
    """The endorsement's status is the section's own: with posting closed there is no
    question form (and no status of its own), and the list is swapped by every write, so
    neither may carry what an endorsement says (announcing into the list wiped it)."""
    scenario, usage = new_scenario("rstatus")
    person("rs").post(usage, "post_question", {"text": "Vroeg"})
    for closed in (False, True):
        if closed:
            set_setting(usage, questions_close="2001-01-01")
        page = page_of(person("rsfan"), scenario)
        status = re.search(r'<p class="[^"]*session-endorse-status[^"]*" role="status"[^>]*>', page)
        assert status, closed
        assert ('<form class="session-question-form"' in page) is not closed
        assert "session-endorse-status" not in regions_of(page)["questions"]
