"""The demo's pages as a browser and a screen reader meet them: a title, the
page's language, one `main` landmark holding the blocks, and a viewport meta so
a phone shows the phone layout instead of the desktop page zoomed out."""
import uuid

import pytest
from playwright.sync_api import expect

SCENARIO = "leergang_trust_scan.0"


def _head(page):
    return page.evaluate("""() => ({
        lang: document.documentElement.lang,
        title: document.title,
        viewport: (document.querySelector('meta[name=viewport]') || {}).content || '',
        mains: document.querySelectorAll('main').length,
        blocksInMain: document.querySelectorAll('main .leergang').length,
        blocks: document.querySelectorAll('.leergang').length,
    })""")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_scenario_page_has_a_proper_head_and_main(browser, demo_server, language):
    context = browser.new_context(locale="nl-NL" if language == "nl" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    try:
        page = context.new_page()
        page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student=head_{uuid.uuid4().hex[:6]}")
        head = _head(page)
        assert head["lang"] == language
        assert head["title"].strip() and "leergang-xblocks demo" in head["title"]
        assert "width=device-width" in head["viewport"] and "initial-scale=1" in head["viewport"]
        assert head["mains"] == 1
        assert head["blocks"] >= 1 and head["blocksInMain"] == head["blocks"]
    finally:
        context.close()


def test_the_index_has_a_proper_head_and_main(browser, demo_server):
    page = browser.new_page()
    page.goto(f"{demo_server.url}/?lang=nl")
    head = _head(page)
    assert head["lang"] == "nl" and head["title"].strip() and "width=device-width" in head["viewport"]
    assert head["mains"] == 1
    page.close()


def test_a_phone_gets_the_phone_layout(browser, demo_server):
    """With the viewport meta a 375 px phone lays the page out at 375 px."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student=phone_{uuid.uuid4().hex[:6]}")
        expect(page.locator(".leergang").first).to_be_visible()
        assert page.evaluate("window.innerWidth") == 375
    finally:
        context.close()


def test_the_studio_preview_says_answers_are_not_saved(browser, demo_server):
    page = browser.new_page()
    page.goto(f"{demo_server.url}/studio/preview/{SCENARIO}/?student=staff_{uuid.uuid4().hex[:6]}")
    expect(page.locator(".leergang-read-only").first).to_contain_text("Answers are not saved here.")
    assert _head(page)["mains"] == 1
    page.close()
