"""The case tracker's writes swap only the parts of the body they changed (`regions`) in
Chromium: focus goes where it went when the whole body was replaced (the heading of the
part that was saved), "Saved." is said beside the button that saved, the new parts'
controls work, and each works once: one click, one request (a control wired twice would
send twice). Asserts positions, codes and counts, not wording."""
import uuid

from playwright.sync_api import expect

from tests.browser.test_case_browser import press, url


def requests_to(page, handler):
    sent = []
    page.on("request", lambda request: sent.append(request.url) if f"/{handler}/" in request.url else None)
    return sent


def test_saving_swaps_the_saved_parts_keeps_focus_and_wires_each_control_once(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url(demo_server, f"regio_{uuid.uuid4().hex[:6]}"))
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    block = page.locator(".leergang-case")
    timeline = block.locator("[data-region=timeline] table")
    timeline.evaluate("table => table.setAttribute('data-kept', '1')")

    # Describing the case: the description, and the parts a described case adds, come in its place.
    form = block.locator("form.case-definition")
    form.locator("[name='field:title']").fill("Minder regels & meer <vertrouwen>")
    press(page, form.locator("button[type=submit]"))
    expect(block.locator("h3[id$='-case']")).to_be_focused()
    expect(block.locator("form.case-definition .case-draft-status")).not_to_be_empty()
    expect(block.locator("form.case-definition [name='field:title']")).to_have_value(
        "Minder regels & meer <vertrouwen>")
    entry = block.locator("form.case-entry")
    expect(entry).to_be_visible()
    expect(timeline).to_have_attribute("data-kept", "1")   # a part the write did not change stays as it was

    # The new entry form's controls work, once each.
    rows = entry.locator(".case-action-row")
    count = rows.count()
    press(page, entry.locator(".case-add-action"))
    expect(rows).to_have_count(count + 1)
    entry.locator("[name='reflection.action']").fill("Twee gesprekken gevoerd.")
    rows.nth(0).locator("[name=action-text]").fill("Gesprek met de wethouder")
    logged = requests_to(page, "log_entry")
    press(page, entry.locator("button[type=submit]"))
    saved = block.locator("form.case-entry .case-entry-saved")
    expect(saved).to_have_attribute("data-code", "entry_saved")
    expect(block.locator("form.case-entry button[type=submit]")).to_be_focused()
    assert len(logged) == 1
    expect(block.locator("[data-region=timeline] table")).not_to_have_attribute("data-kept", "1")

    # An action's status: focus on the actions' heading; the entry form no longer carries it.
    action = block.locator("form.case-action-form").first
    action.locator("select[name=status]").select_option("done")
    statuses = requests_to(page, "set_action_status")
    press(page, action.locator("button[type=submit]"))
    expect(block.locator("h3[id$='-actions']")).to_be_focused()
    expect(block.locator(".case-carried")).to_have_count(0)
    assert len(statuses) == 1

    # Sharing, twice: one request each time, focus on its heading, "Saved." beside its button.
    shares = requests_to(page, "share")
    share = block.locator("form.case-share")
    share.locator("[name=shared]").check()
    press(page, share.locator("button[type=submit]"))
    expect(block.locator("h3[id$='-share']")).to_be_focused()
    expect(block.locator("form.case-share [name=shared]")).to_be_checked()
    with page.expect_response(lambda response: "/share/" in response.url):
        press(page, block.locator("form.case-share button[type=submit]"))
    expect(block.locator("h3[id$='-share']")).to_be_focused()
    assert len(shares) == 2   # a second listener would have sent its request with the first
    context.close()
