"""The participant's list of questions is rendered in Python (sessions/question_items.py)
since the template engine's cost per item made a long list 2x a short one. The markup is
the template's, item for item, in English and Dutch: the template that made it is kept
here as the oracle. Learner text stays escaped, line breaks become <br>."""
import re
import uuid

from django.template import Context, Template
from django.utils import translation
from workbench.runtime import WorkbenchRuntime

from benchmarks.sessions_bench import new_scenario
from leergang_xblocks.core.rendering import _active_translation, _translation_with_block_catalog
from leergang_xblocks.sessions import question_items
from tests.support.workbench import Participant

# templates/questions.html's loop before question_items.py took it over.
TEMPLATE_ITEMS = """{% load i18n %}{% for q in questions %}
  <li class="session-question" data-question="{{ q.id }}">
    <p class="session-question-body">{{ q.text|linebreaksbr }}</p>
    <p class="session-question-meta"><span class="session-question-count">{% blocktrans count n=q.endorsements %}{{ n }} endorsement{% plural %}{{ n }} endorsements{% endblocktrans %}</span>
    {% if q.own %}<span class="leergang-hint">{% trans "(your question)" %}</span>
    {% elif q.endorsed %}<button type="button" class="leergang-button leergang-secondary session-endorse" data-question="{{ q.id }}" data-endorse="false" aria-pressed="true">{% trans "Endorsed: take back" %}<span class="leergang-sr-only"> {{ q.text|truncatechars:60 }}</span></button>
    {% else %}<button type="button" class="leergang-button leergang-secondary session-endorse" data-question="{{ q.id }}" data-endorse="true" aria-pressed="false">{% trans "I want to ask this too" %}<span class="leergang-sr-only"> {{ q.text|truncatechars:60 }}</span></button>{% endif %}</p>
  </li>
  {% endfor %}"""

QUESTIONS = [
    {"id": "a1", "text": "Wie <b>beslist</b> & \"waarom\"?\nEn wie niet?", "endorsements": 1, "own": False,
     "endorsed": True},
    {"id": "b2", "text": "Mijn eigen vraag over 's avonds\r\nvergaderen\rof niet", "endorsements": 0, "own": True, "endorsed": False},
    {"id": "c3", "text": "Een lange vraag " + "over vertrouwen en regels " * 6 + "<script>alert(1)</script>",
     "endorsements": 1234, "own": False, "endorsed": False},
]


def squeezed(html):
    """Runs of white space as one, none before a closing </p> (not rendered either way)."""
    return re.sub(r"\s+</p>", "</p>", re.sub(r"\s+", " ", str(html))).strip()


def block_in(language):
    _scenario, usage = new_scenario(f"items{language}")
    runtime = WorkbenchRuntime(f"items_{uuid.uuid4().hex[:6]}")
    return runtime.get_block(usage)


def test_items_are_the_templates_markup_in_english_and_dutch():
    for language in ("en", "nl"):
        with translation.override(language):
            block = block_in(language)
            merged = _translation_with_block_catalog(block.runtime.service(block, "i18n"))
            with _active_translation(merged) if merged else translation.override(language):
                expected = Template(TEMPLATE_ITEMS).render(Context({"questions": QUESTIONS}))
            assert squeezed(question_items.items_html(block, QUESTIONS)) == squeezed(expected), language


def test_learner_text_is_escaped_and_labels_are_dutch_in_a_dutch_list():
    with translation.override("nl"):
        block = block_in("nl")
        html = str(question_items.items_html(block, QUESTIONS))
    assert "<b>" not in html and "&lt;b&gt;beslist&lt;/b&gt;" in html
    assert "&quot;waarom&quot;?<br>En wie niet?" in html
    assert "<script>" not in html
    assert "I want to ask this too" not in html and "(your question)" not in html   # translated once per list


def test_the_state_read_answers_the_rendered_items():
    _scenario, usage = new_scenario("itemsstate")
    asker, reader = Participant(f"qi_{uuid.uuid4().hex[:6]}"), Participant(f"qi_{uuid.uuid4().hex[:6]}")
    assert asker.post(usage, "post_question", {"text": "Wat <i>doet</i> de raad?"}).status_code == 200
    html = reader.get(usage, "state").json()["questions_html"]
    assert 'class="session-question-items"' in html and "&lt;i&gt;doet&lt;/i&gt;" in html
    assert 'data-endorse="true"' in html and "<i>" not in html
