"""Sessions in Chromium, with the keyboard only, in English and Dutch, at 1280 and
375 px: a participant answers the evaluation and changes the answer, posts a question
and endorses another's; staff open the presenter view (whole window, no names) and it
updates by itself; axe finds nothing serious in the block at any step."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.keyboard import press, type_into

SCENARIO = "leergang_session.0"
SELECTOR = ".leergang-session"
PAYLOAD = '<img src=x onerror="window.__xss=1">'
WIDTHS = {"desktop": 1280, "phone": 375}


def url(demo_server, student, lang):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}"


def assert_axe_clean(page):
    found = Axe().run(page, context=SELECTOR).response["violations"]
    assert not found, [f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}" for v in found]


def new_page(browser, lang, width):
    context = browser.new_context(locale="nl-NL" if lang == "nl" else "en-GB",
                                  extra_http_headers={"Accept-Language": lang},
                                  viewport={"width": WIDTHS[width], "height": 900})
    return context, context.new_page()


def choose_with_keyboard(page, fieldset, value):
    """Radio buttons the keyboard's way: focus the first, arrow to the value."""
    first = fieldset.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowRight")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ("en", "nl"))
def test_evaluation_and_questions_with_the_keyboard(browser, demo_server, lang, width):
    tag = uuid.uuid4().hex[:6]
    context, page = new_page(browser, lang, width)
    try:
        # An author posts a question (the participant below endorses it).
        page.goto(url(demo_server, f"author_{tag}", lang))
        block = page.locator(SELECTOR)
        text = f"Hoe kreeg u de raad mee? {tag} {PAYLOAD}"
        type_into(page, block.locator(".session-question-text"), text)
        press(page, block.locator(".session-question-post"))
        expect(block.locator(".session-question-list")).to_contain_text(text)
        assert page.evaluate("window.__xss") is None

        page.goto(url(demo_server, f"deelnemer_{tag}", lang))
        block = page.locator(SELECTOR)
        expect(block.locator(".session-evaluation-readers")).to_have_attribute("data-readers", "staff")
        assert_axe_clean(page)
        # The evaluation: every statement, the open question, send; then change it.
        for fieldset in block.locator(".session-scale").all():
            choose_with_keyboard(page, fieldset, 4)
        type_into(page, block.locator(".session-open"), "Meer tijd voor vragen.")
        send = block.locator(".session-evaluation-send")
        press(page, send)
        expect(send).to_be_enabled()     # disabled while the answer is on its way
        expect(block.locator(".session-evaluation-status")).not_to_be_empty()
        choose_with_keyboard(page, block.locator(".session-scale").first, 2)
        press(page, send)
        expect(send).to_be_enabled()
        page.reload()
        block = page.locator(SELECTOR)
        expect(block.locator(".session-scale").first.locator("input[value='2']")).to_be_checked()
        expect(block.locator(".session-open")).to_have_value("Meer tijd voor vragen.")

        # Endorse the author's question with the keyboard; the count goes up, the button says so.
        item = block.locator(".session-question", has_text=tag)
        press(page, item.locator(".session-endorse"))
        item = block.locator(".session-question", has_text=tag)
        expect(item.locator(".session-endorse")).to_have_attribute("aria-pressed", "true")
        expect(item.locator(".session-endorse")).to_be_focused()
        expect(item.locator(".session-question-count")).to_contain_text("1")
        expect(block.locator(".session-endorse-status")).not_to_be_empty()   # announced
        assert f"author_{tag}" not in block.inner_text()
        assert_axe_clean(page)
        # The endorsement answered the list whole (its region "questions"), swapped in:
        # the new list's button works and keeps the focus. Take the endorsement back.
        press(page, item.locator(".session-endorse"))
        item = block.locator(".session-question", has_text=tag)
        expect(item.locator(".session-endorse")).to_have_attribute("aria-pressed", "false")
        expect(item.locator(".session-endorse")).to_be_focused()
        expect(item.locator(".session-question-count")).to_contain_text("0")
        assert page.evaluate("window.__xss") is None
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ("en", "nl"))
def test_the_presenter_view_fills_the_window_and_updates_by_itself(browser, demo_server, lang, width):
    tag = uuid.uuid4().hex[:6]
    context, page = new_page(browser, lang, width)
    try:
        page.goto(url(demo_server, f"staff_{tag}", lang))
        block = page.locator(SELECTOR)
        press(page, block.locator(".session-presenter-open"))
        presenter = block.locator(".session-presenter")
        expect(presenter).to_be_visible()
        box = presenter.bounding_box()
        assert box["width"] >= WIDTHS[width] - 20 and box["height"] >= 800
        expect(block.locator(".session-presenter-body")).to_be_focused()
        assert_axe_clean(page)
        # A participant posts; the open presenter view shows it without a reload, without names.
        other = context.new_page()
        other.goto(url(demo_server, f"vrager_{tag}", lang))
        text = f"Wat als de raad twijfelt? {tag}"
        type_into(other, other.locator(".session-question-text"), text)
        press(other, other.locator(".session-question-post"))
        expect(other.locator(".session-question-list")).to_contain_text(text)
        expect(block.locator(".session-presenter-body")).to_contain_text(text, timeout=20_000)
        assert f"vrager_{tag}" not in block.locator(".session-presenter-body").inner_text()
        assert not block.locator(".session-presenter-body button").count()
        page.keyboard.press("Escape")
        expect(presenter).to_be_hidden()
        expect(block.locator(".session-presenter-open")).to_be_focused()
        # Staff hide the question with the keyboard: it is marked in the list.
        hide = block.locator(".session-facilitator .session-question", has_text=tag).locator(".session-hide")
        press(page, hide)
        expect(block.locator(".session-facilitator .session-question-hidden", has_text=tag)).to_be_visible()
        assert_axe_clean(page)
    finally:
        context.close()
