"""The feedback round in people's hands (issue 21), in Chromium, keyboard only, in Dutch
and English, at 375 and 1280 px, axe-clean (no violation of any impact): one role
per member of a group of three, each explained; a colleague's feedback is
appreciated; flagging it asks the reason in a form in the page (Escape cancels, no
browser prompt) and the reporter undoes it; staff see nobody as behind before a
due date."""
import pytest
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press, type_into

# Action learning, both kinds, no due dates, on a group set of its own ("terugkoppelen")
# that the demo leaves for staff to arrange (demo/demo_groups.py STAFF_ARRANGES); only this
# test arranges it.
SCENARIO = "leergang_feedback_round.5"
SIZES = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 800}}


def url(demo_server, student, lang):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}"


def new_page(browser, lang, width):
    context = browser.new_context(viewport=SIZES[width], locale="nl-NL" if lang == "nl" else "en-GB",
                                  extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return context, page, dialogs


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-feedback-round")
    assert results.response["violations"] == [], results.generate_report()


def check_roles(page, width):
    """Each member shown once, the method's places for a trio (methods.py: three places, the
    facilitator keeping time too) after the names, and every role shown explained."""
    block = page.locator(".leergang-feedback-round")
    members = block.locator(".fr-members li")
    expect(members).to_have_count(3)
    expect(block.locator(".fr-members .fr-role").first).to_be_visible()
    expect(block.locator(".fr-role-help dt").first).to_be_visible()
    expect(block.locator(".fr-role-help dd").first).not_to_be_empty()
    if width == 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_axe_clean(page)


def post_update(page, text):
    block = page.locator(".leergang-feedback-round")
    type_into(page, block.locator(".fr-update-text"), text)
    press(page, block.locator(".fr-post-update"))
    expect(block.locator(".fr-update-list")).to_contain_text(text)


def give_feedback(page, to_name, text):
    feedback = page.locator(".fr-feedback-form", has_text=to_name)
    type_into(page, feedback.locator(".fr-answer").first, text)
    press(page, feedback.locator(".fr-send"))
    expect(page.locator(".fr-give h3")).to_be_focused()         # saved: the part is drawn again


def appreciate_flag_and_undo(page, lang, dialogs):
    """The receiver appreciates a feedback, then flags it: a form in the page, Escape
    cancels, then sent (focus on its undo) and undone (focus back on the flag button)."""
    page.reload()
    block = page.locator(".leergang-feedback-round")
    item = block.locator(".fr-received-item")
    expect(item).to_have_count(1)
    expect(item.locator(".fr-rate")).to_have_text("Waardering opslaan" if lang == "nl" else "Save my appreciation")
    press(page, item.locator("input[type=radio]").nth(2), "Space")
    press(page, item.locator(".fr-rate"))
    expect(block.locator(".fr-received h3")).to_be_focused()     # saved: the part is drawn again
    expect(item.locator("input[type=radio]").nth(2)).to_be_checked()

    opener = item.locator(".fr-flag-open")
    flag_form = item.locator(".fr-flag-form")
    expect(flag_form).to_be_hidden()
    press(page, opener)
    expect(flag_form).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(flag_form.locator(".fr-flag-reason")).to_be_focused()
    assert_axe_clean(page)
    page.keyboard.press("Escape")
    expect(flag_form).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.type("Te scherp geformuleerd.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                       # send the flag
    expect(block.locator(".fr-received-item .fr-unflag")).to_be_focused()
    assert_axe_clean(page)
    page.keyboard.press("Enter")                       # undo
    expect(block.locator(".fr-received-item .fr-flag-open")).to_be_focused()
    expect(block.locator(".fr-received-item .fr-unflag")).to_have_count(0)
    assert dialogs == [], dialogs                     # no window.prompt


def test_roles_appreciation_flag_with_undo_and_nobody_behind_before_a_due_date(browser, demo_server):
    """One group of three in the demo's round: Anna in Dutch on a phone, Bram in English
    on a laptop, staff in Dutch on a laptop (the scenario is arranged once, so one test)."""
    tag = uuid.uuid4().hex[:5]
    anna, bram, chris = (f"{name}_{tag}" for name in ("anna", "bram", "chris"))
    anna_context, anna_page, anna_dialogs = new_page(browser, "nl", 375)
    bram_context, bram_page, bram_dialogs = new_page(browser, "en", 1280)
    for person in (anna, bram, chris):
        anna_page.goto(url(demo_server, person, "nl"))
        expect(anna_page.locator(".fr-no-group")).to_be_visible()

    # Staff put the three in one group (the block's own staff panel, keyboard only).
    staff_context, staff, _ = new_page(browser, "nl", 1280)
    staff.goto(url(demo_server, f"staff_{tag}", "nl"))
    panel = staff.locator(".leergang-feedback-round .leergang-groups-panel")
    press(staff, panel.locator("summary"))
    form = panel.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").focus()
    staff.keyboard.press("Control+A")
    staff.keyboard.type("3")
    press(staff, form.locator("button[type=submit]"))
    # The empty table has a row too ("no groups yet"): wait for the group's three members.
    table = staff.locator(".leergang-feedback-round .leergang-groups-table")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody .leergang-groups-members li")).to_have_count(3)

    anna_page.goto(url(demo_server, anna, "nl"))
    bram_page.goto(url(demo_server, bram, "en"))
    check_roles(anna_page, 375)
    check_roles(bram_page, 1280)
    post_update(anna_page, "Mijn casus: de wijkteams.")
    post_update(bram_page, "My case: buying youth care.")
    bram_page.reload()
    anna_page.reload()
    give_feedback(bram_page, anna, "Wie is je opdrachtgever?")
    give_feedback(anna_page, bram, "Wat is jouw rol daarin?")
    appreciate_flag_and_undo(anna_page, "nl", anna_dialogs)
    appreciate_flag_and_undo(bram_page, "en", bram_dialogs)

    # Staff: no due dates, so nobody is behind; who has not posted yet is "not done yet".
    staff.reload()
    overview = staff.locator(".fr-staff-overview")
    expect(overview.locator(".fr-behind")).to_have_count(0)
    expect(overview.locator(".fr-not-yet")).to_contain_text(chris)
    assert_axe_clean(staff)
    for each in (anna_context, bram_context, staff_context):
        each.close()
