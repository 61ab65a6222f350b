"""The case tracker in Chromium: a participant defines a case, logs two sessions with
actions and sees the carry-over and the timeline; staff record attendance, comment and
assess; the participant sees the outcome. Keyboard only where it matters, axe-clean,
once in Dutch."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press

SCENARIO = "leergang_case.0"   # the VU-like six-session case


def url(demo_server, student):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}"


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-case")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def journey(page, demo_server, student, words):
    """Define, two entries with actions, the paper; returns nothing, asserts on the way."""
    page.goto(url(demo_server, student))
    block = page.locator(".leergang-case")
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    assert_axe_clean(page)
    case = block.locator("form.case-definition")
    case.locator("[name='field:title']").fill(words["title"])
    case.locator("[name='field:purpose']").fill("Ruimte voor de professional in de wijk.")
    press(page, case.locator("button[type=submit]"))
    entry = block.locator("form.case-entry")
    expect(entry).to_be_visible()
    entry.locator("[name='reflection.action']").fill("Gesprekken gevoerd met twee teamleiders.")
    rows = entry.locator(".case-action-row")
    rows.nth(0).locator("[name=action-text]").fill(words["first"])
    rows.nth(0).locator("[name=action-due]").fill("2026-10-01")
    rows.nth(1).locator("[name=action-text]").fill(words["second"])
    press(page, entry.locator("button[type=submit]"))
    carried = block.locator(".case-carried")
    expect(carried).to_contain_text(words["first"])
    expect(carried).to_contain_text(words["second"])
    # Session 2: the first action is done; a new one follows.
    entry = block.locator("form.case-entry")
    entry.locator("select[name=session]").select_option("2")
    carried.locator("li", has_text=words["first"]).locator("select").select_option("done")
    entry.locator("[name='reflection.essential']").fill("Inzicht in controle die vertrouwen ondersteunt.")
    entry.locator(".case-action-row").nth(0).locator("[name=action-text]").fill(words["third"])
    press(page, entry.locator("button[type=submit]"))
    carried = block.locator(".case-carried")
    expect(carried).to_contain_text(words["second"])
    expect(carried).to_contain_text(words["third"])
    expect(carried).not_to_contain_text(words["first"])
    timeline = block.locator("table.case-timeline")
    expect(timeline.locator(".case-badge-done")).to_have_count(2)
    expect(timeline.locator(".case-badge-upcoming").first).to_be_visible()
    paper = block.locator("form.case-paper")
    paper.locator("[name=text]").fill("Mijn paper over sturen vanuit vertrouwen in de jeugdhulp.")
    expect(block.locator(".case-word-count")).to_have_text("9")
    press(page, paper.locator("button[type=submit]"))
    expect(block.locator(".case-paper-status")).to_contain_text(words["paper_sent"])
    assert_axe_clean(page)


def staff_actions(page, demo_server, student, words):
    page.goto(url(demo_server, f"staff_{uuid.uuid4().hex[:6]}"))
    block = page.locator(".leergang-case")
    press(page, block.locator(".case-staff-panel > summary"))
    press(page, block.locator(".case-load-overview"))
    row = block.locator(f"tr[data-name='{student}']")
    expect(row).to_be_visible()
    assert_axe_clean(page)
    block.locator(".case-filter").fill(student)
    row.locator(".case-att[data-session='1']").select_option("present")
    expect(block.locator(".case-unsaved")).to_have_attribute("data-count", "1")
    press(page, block.locator(".case-attendance-form button[type=submit]"))
    expect(block.locator(".case-staff-status")).to_contain_text(words["attendance_saved"])
    expect(block.locator(".case-unsaved")).to_have_attribute("data-count", "0")
    row = block.locator(f"tr[data-name='{student}']")
    expect(row.locator(".case-att[data-session='1']")).to_have_attribute("data-was", "present")
    press(page, row.locator(".case-open"))
    view = block.locator(".case-staff-view")
    expect(view).to_contain_text(words["title"])
    view.locator("form[data-handler=comment] textarea").fill("Goede eerste stappen <b>ga door</b>")
    press(page, view.locator("form[data-handler=comment] button"))
    expect(block.locator(".case-staff-view")).to_contain_text("Goede eerste stappen <b>ga door</b>")
    assess = block.locator("form[data-handler=assess_paper]")
    assess.locator("input[value=insufficient]").check()
    assess.locator("[name=feedback]").fill("Werk de reflectie verder uit.")
    press(page, assess.locator("button[type=submit]"))
    expect(block.locator(".case-staff-view")).to_contain_text(words["insufficient"])
    assert_axe_clean(page)


def test_a_participant_works_on_a_case_and_sees_what_staff_recorded(browser, demo_server):
    student = f"deelnemer_{uuid.uuid4().hex[:6]}"
    words = {"title": "Minder regels in de jeugdhulp", "first": "Gesprek met de wethouder",
             "second": "Werksessie met het team", "third": "Evaluatie met de ketenpartner",
             "paper_sent": "waiting for the assessment", "attendance_saved": "Attendance saved",
             "insufficient": "insufficient"}
    context = browser.new_context(viewport={"width": 390, "height": 844})   # a phone
    page = context.new_page()
    journey(page, demo_server, student, words)
    staff_actions(page, demo_server, student, words)
    page.goto(url(demo_server, student))
    block = page.locator(".leergang-case")
    expect(block.locator(".case-comments")).to_contain_text("Goede eerste stappen <b>ga door</b>")
    expect(block.locator(".case-feedback")).to_contain_text("Werk de reflectie verder uit.")
    expect(block.locator(".case-outcome-label")).to_have_text("Not yet complete")
    expect(block.locator("table.case-timeline tbody tr").first).to_contain_text("present")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_axe_clean(page)
    context.close()


def test_the_same_flow_in_dutch(dutch_context, demo_server):
    student = f"deelnemer_nl_{uuid.uuid4().hex[:6]}"
    words = {"title": "Werken volgens de bedoeling in Zwolle", "first": "Bellen met de wijkagent",
             "second": "Teamoverleg plannen", "third": "Evaluatie met de griffie",
             "paper_sent": "de beoordeling volgt nog", "attendance_saved": "Aanwezigheid opgeslagen",
             "insufficient": "onvoldoende"}
    page = dutch_context.new_page()
    journey(page, demo_server, student, words)
    expect(page.locator(".case-definition-section h3")).to_have_text("Je casus")
    staff_actions(page, demo_server, student, words)
    page.goto(url(demo_server, student))
    expect(page.locator(".case-outcome-label")).to_have_text("Nog niet compleet")


def test_two_tabs_one_entry_and_the_second_tab_shows_what_is_stored(browser, demo_server):
    """Issue 20: the second tab's save of the same session's entry gets 409 `stale_entry`;
    the tab reloads the case and says so next to the entry form."""
    student = f"tabs_{uuid.uuid4().hex[:6]}"
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    first.goto(url(demo_server, student))
    expect(first.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    case = first.locator("form.case-definition")
    case.locator("[name='field:title']").fill("Twee tabbladen")
    press(first, case.locator("button[type=submit]"))
    expect(first.locator("form.case-entry")).to_be_visible()
    second.goto(url(demo_server, student))
    for page, text in ((first, "Geschreven in het eerste tabblad."), (second, "Geschreven in het tweede tabblad.")):
        entry = page.locator("form.case-entry")
        entry.locator("select[name=session]").select_option("1")
        entry.locator("[name='reflection.action']").fill(text)
    press(first, first.locator("form.case-entry button[type=submit]"))
    expect(first.locator("table.case-timeline tbody tr").first.locator(".case-badge-done")).to_have_count(1)
    press(second, second.locator("form.case-entry button[type=submit]"))
    error = second.locator("form.case-entry .leergang-error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("data-code", "stale_entry")
    # The reloaded timeline shows the one stored entry of session 1.
    expect(second.locator("table.case-timeline tbody tr").first.locator(".case-badge-done")).to_have_count(1)
    assert_axe_clean(second)
    context.close()
