"""The case tracker in people's hands (issue 21), in Chromium, in Dutch and English, at
375 and 1280 px: axe finds no violation of any impact (the timeline's landmark-unique
one is gone) in the participant's view and staff's; no sideways page scroll; the timeline's
Log entry and Attendance cells and its caption are on screen on a phone; the staff page's
CSV buttons stay inside their panel, and at 1280 px its Status and Paper columns are in
view without scrolling. Keyboard only: an empty entry is refused at its field (nothing
sent), a saved one is confirmed beside the button with a link that opens it.
Asserts codes and positions, not wording."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_case_browser import press, url

LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}


def assert_no_axe_violation(page):
    results = Axe().run(page, context=".leergang-case")
    assert not results.response["violations"], results.generate_report()


def open_page(browser, demo_server, student, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=LANGUAGES[language],
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(url(demo_server, student))
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    return context, page


def right_edge(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"]


def assert_no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_participants_timeline_fits_and_is_axe_clean(browser, demo_server, language, width):
    context, page = open_page(browser, demo_server, f"tijd_{uuid.uuid4().hex[:6]}", language, width)
    block = page.locator(".leergang-case")
    form = block.locator("form.case-definition")
    form.locator("[name='field:title']").fill("Minder regels")
    press(page, form.locator("button[type=submit]"))
    expect(block.locator("form.case-entry")).to_be_visible()
    timeline = block.locator("table.case-timeline")
    for key in ("entry", "attendance"):
        cell = timeline.locator(f"tbody tr >> nth=0 >> [data-label-key={key}]")
        expect(cell).to_be_visible()
        assert right_edge(cell) <= width
    expect(timeline.locator("caption")).to_be_visible()
    assert right_edge(timeline.locator("caption")) <= width
    assert_no_sideways_scroll(page, width)
    assert_no_axe_violation(page)
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_staff_page_fits_and_is_axe_clean(browser, demo_server, language, width):
    context, page = open_page(browser, demo_server, f"staff_{uuid.uuid4().hex[:6]}", language, width)
    block = page.locator(".leergang-case")
    press(page, block.locator(".case-staff-panel > summary"))
    press(page, block.locator(".case-load-overview"))
    expect(block.locator(".case-overview-table tbody tr").first).to_be_visible()
    panel = block.locator(".case-staff-panel")
    for link in block.locator(".case-staff-panel > .leergang-actions > *").all():
        assert right_edge(link) <= right_edge(panel)
    assert_no_sideways_scroll(page, width)
    if width == 1280:
        wrap = block.locator(".case-overview-table").locator("xpath=..")
        for key in ("status", "paper"):
            header = block.locator(f".case-overview-table thead .case-sort[data-key={key}]")
            assert right_edge(header) <= right_edge(wrap)
    else:
        row = block.locator(".case-overview-table tbody tr").first
        assert right_edge(row) <= width
    assert_no_axe_violation(page)
    # One participant's case, opened from the table: also clean, and the page still fits.
    press(page, block.locator(".case-overview-table tbody tr .case-open").first)
    expect(block.locator(".case-staff-view h4")).to_be_focused()
    assert_no_sideways_scroll(page, width)
    assert_no_axe_violation(page)
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_writing_an_entry_keyboard_only(browser, demo_server, language):
    context, page = open_page(browser, demo_server, f"toets_{uuid.uuid4().hex[:6]}", language, 375)
    block = page.locator(".leergang-case")
    form = block.locator("form.case-definition")
    form.locator("[name='field:title']").focus()
    page.keyboard.type("Minder regels in de wijk")
    press(page, form.locator("button[type=submit]"))
    entry = block.locator("form.case-entry")
    expect(entry).to_be_visible()
    posts = []
    page.on("request", lambda request: posts.append(request.url) if "/log_entry/" in request.url else None)
    # Empty: refused at the field, nothing sent.
    press(page, entry.locator("button[type=submit]"))
    # The first field of the entry's one structure: a part, or the first reflection step.
    first = entry.locator("textarea[name^='parts.'], textarea[name^='reflection.']").first
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-invalid", "true")
    error = page.locator("#" + first.get_attribute("aria-describedby").split()[-1])   # at the field
    expect(error).to_have_attribute("data-code", "empty_entry")
    expect(error).to_be_visible()
    assert abs(error.bounding_box()["y"] - first.bounding_box()["y"]) < 200
    assert posts == []
    expect(block.locator("table.case-timeline .case-badge-done")).to_have_count(0)
    # Written and saved: the confirmation beside the button, focus stays there.
    page.keyboard.type("Twee gesprekken gevoerd met de wijkteams.")
    press(page, entry.locator("button[type=submit]"))
    saved = block.locator("form.case-entry .case-entry-saved")
    expect(saved).to_have_attribute("data-code", "entry_saved")
    button = block.locator("form.case-entry button[type=submit]")
    expect(button).to_be_focused()
    assert abs(saved.bounding_box()["y"] - button.bounding_box()["y"]) < 150
    assert len(posts) == 1
    # The link beside it opens the entry and puts focus on it.
    link = saved.locator("a")
    expect(link).to_be_visible()   # put back into the live region a moment later, to be announced
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    target = block.locator(link.get_attribute("href"))
    expect(target).to_have_attribute("open", "")
    expect(target.locator("summary")).to_be_focused()
    expect(target).to_contain_text("Twee gesprekken gevoerd met de wijkteams.")
    expect(block.locator("table.case-timeline .case-badge-done")).to_have_count(1)
    context.close()
