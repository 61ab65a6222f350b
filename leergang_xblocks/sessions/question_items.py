"""The items of a participant's list of questions, as HTML.

Rendered here instead of in templates/questions.html because the list holds up to
MAX_SHOWN + MAX_MOST_ENDORSED questions and every participant write of the block answers
it again: Django's template engine spent about a quarter of a millisecond on each item
(a `{% blocktrans count %}`, two `{% trans %}`, two filters), so a list of 250 made the
`state` read of a large cohort 2x that of a small one. The labels are translated once per
list; the learner's text is escaped here, as Django's `escape` and `linebreaksbr` do it
(the standard library's `html.escape`, which they call, without their lazy-string wrappers).
The markup is the one the template made, item for item (tests/workbench/test_session_question_items.py).
"""
from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..core.i18n import _, _n

ENDORSEMENTS = _n("%(n)s endorsement", "%(n)s endorsements")
SCREEN_READER_TEXT = 60   # characters of the question a screen reader hears on its button


def items_html(block, items):
    """The `<li>` of each question in `items` (questions.for_participant's), as safe HTML."""
    own = escape(block.translate(_("(your question)")))
    take_back = escape(block.translate(_("Endorsed: take back")))
    endorse = escape(block.translate(_("I want to ask this too")))
    counts = {}
    parts = []
    for q in items:
        qid, text, n = escape(q["id"]), q["text"], q["endorsements"]
        count = counts.get(n)
        if count is None:
            count = counts[n] = escape(block.translate_plural(ENDORSEMENTS, n) % {"n": n})
        if q["own"]:
            action = f'<span class="leergang-hint">{own}</span>'
        else:
            endorsed = bool(q["endorsed"])
            action = (f'<button type="button" class="leergang-button leergang-secondary session-endorse" '
                      f'data-question="{qid}" data-endorse="{"false" if endorsed else "true"}" '
                      f'aria-pressed="{"true" if endorsed else "false"}">{take_back if endorsed else endorse}'
                      f'<span class="leergang-sr-only"> {escape(_shortened(text))}</span>'
                      '</button>')
        parts.append(f'<li class="session-question" data-question="{qid}">\n'
                     f'    <p class="session-question-body">{_with_line_breaks(text)}</p>\n'
                     f'    <p class="session-question-meta"><span class="session-question-count">{count}</span>\n'
                     f'    {action}</p>\n  </li>')
    return mark_safe("\n  ".join(parts))


def _with_line_breaks(text):
    """The template's `linebreaksbr` under autoescape: escaped, each line break a <br>."""
    return escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _shortened(text):
    """The template's `truncatechars:60`. Truncator looks its ellipsis up in the catalog on
    every call, also for a text that fits: most questions do."""
    return text if len(text) <= SCREEN_READER_TEXT else Truncator(text).chars(SCREEN_READER_TEXT)
