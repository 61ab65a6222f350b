"""The trust scan in a participant's hands (issue 9 "Participant", and the
Enter, confirmation and anonymous-visitor findings of issue 8), judged by
Chromium: a 320 px phone, the keyboard alone, focus and announcements, a page
left within a second of answering, landmarks, and axe in every state."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.scenario_links import either_language

PRE_POST = "Trust scan: first and last session"   # two scans on one page, a series
KETEN = "Trust scan: chain partners"             # 7 points, no "don't know"


def scenario_url(demo_server, page, title, student):
    page.goto(demo_server.url + "/")
    href = page.get_by_role("link", name=either_language(title)).first.get_attribute("href")
    return f"{demo_server.url}{href}?student={student}"


def new_student(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def watch_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def answer_all(scan, option_index=2, leave_open=0):
    """Click an answer in every statement but the last `leave_open`."""
    items = scan.locator(".trust-scan-item")
    count = items.count()
    for index in range(count - leave_open):
        items.nth(index).locator("input[type=radio]").nth(option_index).check()
    return count


def submit_requests(page):
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/submit/" in request.url else None)
    return sent


def send(scan):
    scan.locator(".trust-scan-submit").click()
    confirm = scan.locator(".trust-scan-confirm-send")
    if confirm.is_visible():
        confirm.click()
    expect(scan.locator(".trust-scan-result")).to_be_visible(timeout=15000)


# --- 1. A 320 px phone ----------------------------------------------------------

MEASURE = """root => {
  const width = document.documentElement.clientWidth;
  const wide = [], small = [];
  for (const el of root.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) wide.push(el.tagName + '.' + el.getAttribute('class') + ' ' + box.left + '..' + box.right);
    const ownText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!ownText) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM().a;   // a viewBox scales text
    if (size < 12) small.push(el.tagName + ' ' + el.textContent.trim().slice(0, 30) + ' ' + size.toFixed(1) + 'px');
  }
  return {wide, small, scroll: root.scrollWidth - root.clientWidth, width};
}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_results_fit_a_320px_phone_with_readable_text(browser, demo_server, language):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL" if language == "nl" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    url = scenario_url(demo_server, page, PRE_POST, new_student("phone"))
    page.goto(url)
    first, later = page.locator(".leergang-trust-scan").nth(0), page.locator(".leergang-trust-scan").nth(1)
    answer_all(first, 1)
    send(first)
    answer_all(later, 3)
    send(later)
    # The later scan shows the widest table: own score, earlier scan and change.
    expect(later.locator(".trust-scan-table td")).to_have_count(3 * later.locator(".trust-scan-table tbody tr").count())
    for scan in (first, later):
        measured = scan.evaluate(MEASURE)
        assert measured["width"] <= 320
        assert not measured["wide"], measured["wide"][:10]
        assert measured["scroll"] <= 0
        assert not measured["small"], measured["small"][:10]
    # (The page as a whole is not measured: the workbench's own banner is wider
    # than 320 px; that header is the demo's, not the block's.)
    context.close()


# --- 2. The keyboard alone ---------------------------------------------------------

def test_the_whole_scan_by_keyboard_in_about_two_presses_per_statement(page, demo_server):
    url = scenario_url(demo_server, page, PRE_POST, new_student("kb"))
    page.goto(url)
    errors = watch_errors(page)
    scan = page.locator(".leergang-trust-scan").first
    count = scan.locator(".trust-scan-item").count()
    presses = 0

    def press(key):
        nonlocal presses
        presses += 1
        page.keyboard.press(key)

    for _ in range(40):
        press("Tab")
        if page.evaluate("document.activeElement.type === 'radio'"):
            break
    start = presses
    left_open = 2
    for index in range(count):
        item = scan.locator(".trust-scan-item").nth(index)
        if index < count - left_open:
            digit = str(index % 6)   # 0 is "weet niet / n.v.t."
            press(digit)   # the number chooses the answer
            expect(item.locator(f"input[value='{digit}']")).to_be_checked()
        press("Tab")       # Tab goes on to the next statement
    assert presses - start <= 2 * count, f"{presses - start} presses for {count} statements"
    expect(page.locator(":focus")).to_have_class("leergang-button trust-scan-submit")
    press("Enter")
    # Two statements are open: the scan asks first and names how many.
    expect(scan.locator(".trust-scan-confirm-text")).to_contain_text(f"2 of {count}")
    expect(page.locator(":focus")).to_have_class("leergang-button trust-scan-confirm-send")
    press("Escape")    # not yet: back to the button
    expect(scan.locator(".trust-scan-confirm")).to_be_hidden()
    expect(page.locator(":focus")).to_have_class("leergang-button trust-scan-submit")
    press("Enter")
    expect(page.locator(":focus")).to_have_class("leergang-button trust-scan-confirm-send")
    press("Enter")
    heading = scan.locator(".trust-scan-results-heading")
    expect(heading).to_be_focused(timeout=15000)
    assert page.evaluate("""() => { const box = document.activeElement.getBoundingClientRect();
                                   return box.top >= 0 && box.bottom <= window.innerHeight; }""")
    # Read the results by tabbing on, then write and save the reflection.
    for _ in range(15):
        press("Tab")
        if page.evaluate("document.activeElement.classList.contains('trust-scan-reflection-text')"):
            break
    page.keyboard.type("Ik wil vaker vooraf vertrouwen geven.")
    press("Tab")
    expect(page.locator(":focus")).to_have_class("leergang-button trust-scan-save-reflection")
    press("Enter")
    expect(scan.locator(".trust-scan-reflection [role=status]")).to_have_text("Note saved")
    assert presses < 2 * count + 40
    assert not errors


def test_enter_on_an_answer_does_not_send(page, demo_server):
    url = scenario_url(demo_server, page, KETEN, new_student("enter"))
    page.goto(url)
    sent = submit_requests(page)
    scan = page.locator(".leergang-trust-scan").first
    for index in range(3):
        scan.locator(".trust-scan-item").nth(index).locator("input").nth(4).check()
    scan.locator(".trust-scan-item").nth(2).locator("input").nth(4).focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    assert not sent
    expect(scan.locator(".trust-scan-form")).to_be_visible()
    expect(scan.locator(".trust-scan-result")).to_have_count(0)


def test_sending_with_open_statements_asks_and_names_how_many(page, demo_server):
    url = scenario_url(demo_server, page, KETEN, new_student("confirm"))
    page.goto(url)
    sent = submit_requests(page)
    scan = page.locator(".leergang-trust-scan").first
    count = answer_all(scan, 2, leave_open=5)
    scan.locator(".trust-scan-submit").click()
    expect(scan.locator(".trust-scan-confirm-text")).to_have_text(
        f"5 of {count} statements are still open. Send anyway?")
    assert not sent
    scan.locator(".trust-scan-confirm-back").click()
    first_open = scan.locator(".trust-scan-item").nth(count - 5)
    assert first_open.evaluate("(item) => item.contains(document.activeElement)")
    expect(scan.locator(".trust-scan-confirm")).to_be_hidden()
    scan.locator(".trust-scan-submit").click()
    scan.locator(".trust-scan-confirm-send").click()
    expect(scan.locator(".trust-scan-result")).to_be_visible(timeout=15000)
    assert len(sent) == 1


# --- 3. Focus, and messages where they belong ---------------------------------------

def test_draft_status_is_announced_in_view_of_the_answer(page, demo_server):
    url = scenario_url(demo_server, page, PRE_POST, new_student("status"))
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(url)
    scan = page.locator(".leergang-trust-scan").first
    item = scan.locator(".trust-scan-item").nth(20)
    item.locator("input").nth(3).check()
    status = scan.locator("[role=status]", has_text="Draft saved")
    expect(status).to_have_count(1, timeout=10000)
    # The message is in view while the participant is at the 21st statement.
    assert status.evaluate("""(el) => { const box = el.getBoundingClientRect();
                                       return box.top >= 0 && box.bottom <= window.innerHeight; }""")
    assert item.evaluate("""(el) => { const box = el.getBoundingClientRect();
                                     return box.bottom > 0 && box.top < window.innerHeight; }""")


def test_a_refused_send_is_explained_next_to_the_button(page, demo_server):
    url = scenario_url(demo_server, page, KETEN, new_student("refused"))
    page.goto(url)
    scan = page.locator(".leergang-trust-scan").first
    scan.locator(".trust-scan-item").first.locator("input").nth(2).check()
    scan.locator(".trust-scan-submit").click()
    scan.locator(".trust-scan-confirm-send").click()
    alert = scan.locator("[role=alert]", has_text="Answer most questions")
    expect(alert).to_be_visible(timeout=10000)
    gap = page.evaluate("""([a, b]) => Math.abs(a.getBoundingClientRect().top - b.getBoundingClientRect().bottom)""",
                        [alert.element_handle(), scan.locator(".trust-scan-submit").element_handle()])
    assert gap < 120


# --- 4. An answer given just before leaving ------------------------------------------

def test_an_answer_given_just_before_leaving_is_kept(page, demo_server):
    url = scenario_url(demo_server, page, KETEN, new_student("leave"))
    page.goto(url)
    scan = page.locator(".leergang-trust-scan").first
    scan.locator(".trust-scan-item").nth(1).locator("input").nth(5).check()
    page.goto("about:blank")      # well within the 0.8 s before the draft would be sent
    page.wait_for_timeout(1500)
    page.goto(url)
    expect(page.locator(".trust-scan-item").nth(1).locator("input").nth(5)).to_be_checked()


# --- 5/6. Dimensions: described, and groups rather than landmarks ---------------------

def test_dimensions_are_described_groups_not_landmarks(page, demo_server):
    url = scenario_url(demo_server, page, PRE_POST, new_student("dims"))
    page.goto(url)
    scan = page.locator(".leergang-trust-scan").first
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    dimensions = scan.locator("fieldset.trust-scan-dimension")
    expect(dimensions).to_have_count(len(instrument.dimensions))
    for index, dimension in enumerate(instrument.dimensions):
        expect(dimensions.nth(index).locator("> legend")).to_have_text(dimension.name["en"])
        expect(dimensions.nth(index).locator(".trust-scan-dimension-description")).to_have_text(
            dimension.description["en"])
    assert scan.locator("section, [role=region]").count() == 0
    answer_all(scan, 3)
    send(scan)
    rows = scan.locator(".trust-scan-table tbody tr")
    for index, dimension in enumerate(instrument.dimensions):
        expect(rows.nth(index).locator(".trust-scan-row-description")).to_have_text(dimension.description["en"])


# --- 8. A visitor who is not signed in -------------------------------------------------

def test_a_visitor_gets_no_script_error_and_every_block_starts(page, demo_server):
    errors = watch_errors(page)
    page.goto(scenario_url(demo_server, page, PRE_POST, "none"))
    expect(page.locator(".leergang-trust-scan")).to_have_count(2)
    expect(page.locator("[data-leergang-ready=true]")).to_have_count(2)
    assert not errors


# --- 11. axe in every state, both languages --------------------------------------------

@pytest.mark.parametrize("language", ["en", "nl"])
def test_axe_is_clean_in_every_state(browser, demo_server, language):
    context = browser.new_context(locale="nl-NL" if language == "nl" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    url = scenario_url(demo_server, page, PRE_POST, new_student("staff_axe"))
    page.goto(url)
    axe = Axe()
    scans = ".leergang-trust-scan"
    states = {"form (two scans on the page)": axe.run(page, context=scans)}
    scan = page.locator(scans).first
    scan.locator(".trust-scan-item").first.locator("input").nth(1).check()
    expect(scan.locator(".trust-scan-draft-status")).not_to_be_empty(timeout=10000)
    states["draft saved"] = axe.run(page, context=scans)
    scan.locator(".trust-scan-submit").click()
    states["confirmation"] = axe.run(page, context=scans)
    scan.locator(".trust-scan-confirm-send").click()
    expect(scan.locator(".trust-scan-submit-error")).not_to_be_empty(timeout=10000)
    states["error"] = axe.run(page, context=scans)
    answer_all(scan, 2)
    send(scan)
    states["results"] = axe.run(page, context=scans)
    scan.locator(".trust-scan-reflection-text").fill("notitie")
    scan.locator(".trust-scan-save-reflection").click()
    expect(scan.locator(".trust-scan-live")).not_to_be_empty()
    page.locator(".leergang-staff-panel summary").first.click()
    expect(page.locator(".trust-scan-staff").first).to_be_visible(timeout=10000)
    states["reflection saved, staff panel open"] = axe.run(page, context=scans)
    # A scan that allows retakes (its button and message region), 7 points, no "don't know".
    page.goto(scenario_url(demo_server, page, KETEN, new_student("axe")))
    keten = page.locator(scans).first
    answer_all(keten, 6)
    send(keten)
    expect(keten.locator(".trust-scan-retake")).to_be_visible()
    states["results with retake"] = axe.run(page, context=scans)
    context.close()
    report = {state: [(v["id"], v["impact"], len(v["nodes"])) for v in result.response["violations"]]
              for state, result in states.items()}
    assert not any(report.values()), report
