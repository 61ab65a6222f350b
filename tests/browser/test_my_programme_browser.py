"""Mijn leergang in Chromium, in Dutch and English, at 375 and 1280 px: Anna's journey
(the demo's scenario, her work in every block) is axe clean with no violation of any
impact, the page never scrolls sideways, the wide tables scroll inside their own
keyboard-reachable region, and both downloads work from the keyboard alone: the JSON
holds every block's part, the HTML page shows the journey. A participant with no work
yet gets the same checks. Asserts codes, structure and positions, not wording."""
import json
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.keyboard import press

SCENARIO = "leergang_my_programme.0"
LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}
BLOCK = ".leergang-my-programme"


def open_page(browser, demo_server, student, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=LANGUAGES[language],
                                  extra_http_headers={"Accept-Language": language}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={student}")
    expect(page.locator(f"[data-leergang-ready=true] {BLOCK}")).to_have_count(1)
    return context, page


def assert_axe_clean(page):
    results = Axe().run(page, context=BLOCK)
    assert not results.response["violations"], results.generate_report()


def assert_fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    block = page.locator(BLOCK).bounding_box()
    assert block["x"] + block["width"] <= width


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_annas_journey_fits_and_is_axe_clean(browser, demo_server, language, width):
    context, page = open_page(browser, demo_server, "anna", language, width)
    block = page.locator(BLOCK)
    assert block.get_attribute("lang") == language
    for part in ("open", "cases", "rounds", "dilemmas", "scans"):
        expect(block.locator(f".my-programme-{part}")).to_be_visible()
    expect(block.locator(".my-programme-open-list li.my-programme-overdue").first).to_be_visible()
    expect(block.locator(".my-programme-received li")).to_have_count(1)
    assert_fits(page, width)
    for region in block.locator(".my-programme-scroll").all():
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    assert_axe_clean(page)
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_participant_without_work_gets_a_clean_page(browser, demo_server, language, width):
    context, page = open_page(browser, demo_server, f"mpnew_{uuid.uuid4().hex[:6]}", language, width)
    expect(page.locator(f"{BLOCK} .my-programme-empty")).to_be_visible()
    assert_fits(page, width)
    assert_axe_clean(page)
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_both_downloads_work_from_the_keyboard(browser, demo_server, language):
    context, page = open_page(browser, demo_server, "anna", language, 375)
    block = page.locator(BLOCK)
    link = block.locator(".my-programme-download-json")
    with page.expect_download() as info:
        press(page, link)
    assert info.value.suggested_filename.endswith(".json")
    body = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert [part["block_type"] for part in body["blocks"]].count("leergang_trust_scan") == 2
    assert any(part["block_type"] == "leergang_case" and part["data"]["own_records"] for part in body["blocks"])
    link = block.locator(".my-programme-download-html")
    with page.expect_download() as info:
        press(page, link)
    assert info.value.suggested_filename.endswith(".html")
    text = open(info.value.path(), encoding="utf-8").read()
    assert f'<html lang="{language}">' in text and "my-programme-received" in text
    context.close()


def test_the_download_links_are_reached_with_tab(browser, demo_server):
    context, page = open_page(browser, demo_server, "anna", "en", 1280)
    target = page.locator(f"{BLOCK} .my-programme-download-json")
    page.locator(f"{BLOCK} .my-programme-download-html").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('my-programme-download-json')")
    assert "format=json" in target.get_attribute("href")
    context.close()
