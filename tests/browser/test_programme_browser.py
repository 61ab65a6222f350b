"""The programme overview in Chromium, in Dutch and English, at 375 and 1280 px: axe
finds no violation of any impact in staff's view, the page never scrolls sideways (the
tables scroll inside their frame, or stack on a phone). Keyboard only: the filter
"behind in anything" and a group narrow the rows, a participant's detail opens with
Enter on their name (focus to its heading) and Escape closes it (focus back).
Asserts counts, codes and focus, not wording."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.keyboard import press

SCENARIO = "leergang_programme.0"   # the demo's programme, a few sessions in (demo/programme_demo.py)
LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}


def open_page(browser, demo_server, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=LANGUAGES[language],
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student=staff_{uuid.uuid4().hex[:6]}")
    expect(page.locator("[data-leergang-ready=true] .leergang-programme")).to_have_count(1)
    return context, page


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-programme")
    assert not results.response["violations"], results.generate_report()


def shown_rows(block):
    return block.locator(".programme-people-body tr:not([hidden])")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_overview_fits_and_is_axe_clean(browser, demo_server, language, width):
    context, page = open_page(browser, demo_server, language, width)
    block = page.locator(".leergang-programme")
    assert block.get_attribute("lang") == language
    expect(shown_rows(block).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    name = shown_rows(block).first.locator(".programme-open")
    box = name.bounding_box()
    assert box["x"] + box["width"] <= width
    assert_axe_clean(page)
    press(page, name)
    expect(block.locator(".programme-detail-title")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_axe_clean(page)
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_filters_and_the_detail_keyboard_only(browser, demo_server, language):
    context, page = open_page(browser, demo_server, language, 1280)
    block = page.locator(".leergang-programme")
    everyone = shown_rows(block).count()
    assert everyone >= 9
    count = block.locator(".programme-count")
    # Behind in anything: fewer rows, each with something it is behind in.
    show = block.locator(".programme-show")
    show.focus()
    page.keyboard.press("ArrowDown")   # "behind in anything"
    expect(show).to_have_value("behind")
    behind = shown_rows(block).count()
    assert 0 < behind < everyone
    for row in shown_rows(block).all():
        assert row.get_attribute("data-behind") != "0"
    assert count.text_content().strip()   # said in the live region
    # One group on top of it: only its members.
    group = block.locator(".programme-group-filter")
    group.focus()
    page.keyboard.press("ArrowDown")
    chosen = group.input_value()
    assert chosen
    for row in shown_rows(block).all():
        assert row.get_attribute("data-group") == chosen
    # Everyone again, then a participant's detail from their name, and back.
    show.focus()
    page.keyboard.press("ArrowUp")
    group.focus()
    page.keyboard.press("Home")
    expect(shown_rows(block)).to_have_count(everyone)
    name = shown_rows(block).nth(1).locator(".programme-open")
    press(page, name)
    title = block.locator(".programme-detail-title")
    expect(title).to_be_focused()
    expect(title).to_have_text(name.text_content())
    page.keyboard.press("Escape")
    expect(block.locator(".programme-detail")).to_be_hidden()
    expect(name).to_be_focused()
    context.close()
