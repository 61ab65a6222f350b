"""The programme overview and Mijn leergang in a course with two case trackers (an own
case and a team case: the demo's second programme scenario), in Chromium, in Dutch and
English, at 1280 and 320 px (WCAG 1.4.10 reflow): each case has a heading of its own
(the overview's column groups, the detail's sections, the journey's parts), the
headings never skip a level, axe finds no violation of any impact and the page never
scrolls sideways. Asserts counts, levels and positions, not wording."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.keyboard import press

SCENARIO = "leergang_programme.1"
LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}
CASE_TITLES = {"Jouw eigen casus", "Jullie teamcasus"}   # the scenario's two case trackers


def open_page(browser, demo_server, student, language, width, block):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=LANGUAGES[language],
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={student}")
    expect(page.locator(f"[data-leergang-ready=true] {block}")).to_have_count(1)
    return context, page


def heading_levels(page, block):
    """The levels of the block's visible headings, in document order."""
    return page.eval_on_selector(block, """root => Array.from(root.querySelectorAll('h1,h2,h3,h4,h5,h6'))
        .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))""")


def assert_heading_order(page, block):
    levels = heading_levels(page, block)
    assert levels and levels[0] == 2, levels                    # the block's title, under the unit's h1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels                      # never a level skipped


def assert_fits_and_axe_clean(page, block, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(block).bounding_box()
    assert box["x"] + box["width"] <= width
    results = Axe().run(page, context=block)
    assert not results.response["violations"], results.generate_report()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_overview_has_a_heading_per_case_in_order_and_is_axe_clean(browser, demo_server, language, width):
    block = ".leergang-programme"
    context, page = open_page(browser, demo_server, f"staff_{uuid.uuid4().hex[:6]}", language, width, block)
    overview = page.locator(block)
    assert overview.get_attribute("lang") == language
    people = overview.locator("table.programme-people .programme-case-heading")
    groups = overview.locator("table.programme-groups .programme-case-heading-group")
    assert set(people.all_text_contents()) == CASE_TITLES
    assert set(groups.all_text_contents()) == CASE_TITLES
    for heading in people.all() + groups.all():
        assert heading.get_attribute("scope") == "colgroup"
    assert_heading_order(page, block)
    assert_fits_and_axe_clean(page, block, width)

    # A participant's detail: one section per case, each under a heading of its own.
    name = overview.locator(".programme-people-body tr:not([hidden]) .programme-open").first
    press(page, name)
    title = overview.locator(".programme-detail-title")
    expect(title).to_be_focused()
    expect(overview.locator(".programme-detail-case")).to_have_count(2)
    assert set(overview.locator(".programme-detail-case").all_text_contents()) == CASE_TITLES
    assert_heading_order(page, block)
    assert_fits_and_axe_clean(page, block, width)
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_mijn_leergang_has_a_heading_per_case_in_order_and_is_axe_clean(browser, demo_server, language, width):
    block = ".leergang-my-programme"
    context, page = open_page(browser, demo_server, "anna", language, width, block)
    journey = page.locator(block)
    assert journey.get_attribute("lang") == language
    cases = journey.locator(".my-programme-cases .my-programme-case h4")
    expect(cases).to_have_count(2)
    assert len(set(cases.all_text_contents())) == 2
    assert_heading_order(page, block)
    for region in journey.locator(".my-programme-scroll").all():
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    labels = [r.get_attribute("aria-label") for r in journey.locator(".my-programme-scroll").all()]
    assert len(labels) == len(set(labels))                      # each case's region named apart
    assert_fits_and_axe_clean(page, block, width)
    context.close()
