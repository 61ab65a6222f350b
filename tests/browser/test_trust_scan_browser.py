"""A participant completes the trust scan with the keyboard only, in English and
in Dutch, and sees the chart and the scores; axe finds no serious violations."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.scenario_links import either_language

SCENARIO_TITLE = "Trust scan: chain partners"


def scenario_url(demo_server, page, student):
    page.goto(demo_server.url + "/")
    href = page.get_by_role("link", name=either_language(SCENARIO_TITLE)).first.get_attribute("href")
    return f"{demo_server.url}{href}?student={student}"


def tab_to_first_answer(page, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.type === 'radio'"):
            return
    raise AssertionError("no answer option reachable with Tab")


def answer_everything_with_keyboard(page, scan):
    items = scan.locator(".trust-scan-item")
    count = items.count()
    assert count > 0
    tab_to_first_answer(page)
    for index in range(count):
        # In a radio group Space picks the focused option and arrows move the choice.
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        if index < count - 1:
            page.keyboard.press("Tab")
    return count


def complete_scan(page, url, submit_label):
    page.goto(url)
    scan = page.locator(".leergang-trust-scan").first
    count = answer_everything_with_keyboard(page, scan)
    expect(scan.locator(".trust-scan-progress-text")).to_contain_text(f"{count}")
    # Tab on to the submit button (past the last group) and press Enter.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('trust-scan-submit')"):
            break
    expect(page.locator(":focus")).to_have_text(submit_label)
    page.keyboard.press("Enter")
    results = scan.locator(".trust-scan-result")
    expect(results).to_be_visible(timeout=15000)
    return scan


def test_keyboard_only_in_english(page, demo_server):
    url = scenario_url(demo_server, page, f"kb-en-{uuid.uuid4().hex[:6]}")
    scan = complete_scan(page, url, "Send and see my scores")
    expect(scan.locator("svg.leergang-chart")).to_be_visible()
    expect(scan.locator("table.trust-scan-table caption")).to_have_text("Your scores per dimension")
    # Every item got the third option (3 on a 7-point scale), so non-reversed
    # items score 3 and reversed ones 5: each dimension shows a number.
    cells = scan.locator("table.trust-scan-table tbody td:nth-child(2)")
    assert cells.count() >= 4
    for i in range(cells.count()):
        float(cells.nth(i).inner_text())
    # Focus moved to the results heading for screen-reader and keyboard users.
    assert page.evaluate("document.activeElement.classList.contains('trust-scan-results-heading')")


def test_keyboard_only_in_dutch(dutch_context, demo_server):
    page = dutch_context.new_page()
    url = scenario_url(demo_server, page, f"kb-nl-{uuid.uuid4().hex[:6]}")
    scan = complete_scan(page, url, "Versturen en mijn scores bekijken")
    expect(scan.locator("table.trust-scan-table caption")).to_have_text("Je scores per dimensie")
    expect(scan.locator("svg.leergang-chart title")).to_have_text("Je scores per dimensie")


def test_draft_survives_a_reload(page, demo_server):
    url = scenario_url(demo_server, page, f"draft-{uuid.uuid4().hex[:6]}")
    page.goto(url)
    first = page.locator(".trust-scan-item").first
    first.locator("input[type=radio]").nth(4).check()
    expect(page.locator(".trust-scan-draft-status")).to_have_text("Draft saved", timeout=10000)
    page.reload()
    expect(page.locator(".trust-scan-item").first.locator("input[type=radio]").nth(4)).to_be_checked()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_axe_finds_no_serious_violations(browser, demo_server, language):
    context = browser.new_context(locale="nl-NL" if language == "nl" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    url = scenario_url(demo_server, page, f"staff_axe_{language}_{uuid.uuid4().hex[:4]}")
    page.goto(url)
    axe = Axe()
    form_results = axe.run(page, context=".leergang-trust-scan")
    # Then the results page and the opened staff panel.
    complete_scan(page, url, "Send and see my scores" if language == "en" else "Versturen en mijn scores bekijken")
    page.locator(".leergang-staff-panel summary").click()
    expect(page.locator(".trust-scan-staff")).to_be_visible(timeout=10000)
    results_results = axe.run(page, context=".leergang-trust-scan")
    context.close()
    for results in (form_results, results_results):
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, results.generate_report()
