"""Staff see and move a group's live step from the round's staff view (issue 22), in
Chromium: keyboard only, Dutch and English, at 320 px, axe-clean. A move from a step
the group's facilitator has already left is refused; the panel says so and shows the
group's current step."""
import uuid

import pytest

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press

SCENARIO = "leergang_feedback_round.0"   # the demo's groups of three (demo/demo_groups.py)
GROUP_NAME = "Groep Zuid"                # no other browser test opens this group's live mode
MEMBERS = ("gijs", "hanna", "ilse")
NARROW = {"width": 320, "height": 740}


def open_page(browser, demo_server, student, lang):
    context = browser.new_context(viewport=NARROW, locale="nl-NL" if lang == "nl" else "en-GB",
                                  extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}")
    return context, page


def facilitator_page(browser, demo_server, lang):
    for student in MEMBERS:
        context, page = open_page(browser, demo_server, student, lang)
        if page.locator(".fr-live").get_attribute("data-can-move") == "1":
            toggle = page.locator(".fr-live-toggle")
            press(page, toggle)
            expect(toggle).to_have_attribute("aria-expanded", "true")
            return context, page
        context.close()
    raise AssertionError("no member of the group moves its steps")


def facilitator_moves(page):
    """One step on, or back from the last step; returns the title now shown."""
    live = page.locator(".fr-live")
    shown = live.locator(".fr-live-step:visible .fr-live-title")
    before = shown.inner_text()
    total = live.locator(".fr-live-step").count()
    index = [live.locator(".fr-live-step").nth(i).is_visible() for i in range(total)].index(True)
    press(page, live.locator(".fr-live-next" if index < total - 1 else ".fr-live-previous"))
    expect(shown).not_to_have_text(before)
    return shown.inner_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_staff_move_a_groups_live_step_and_a_stale_move_shows_the_current_step(browser, demo_server, lang):
    staff_context, staff = open_page(browser, demo_server, f"staff_live_{uuid.uuid4().hex[:6]}", lang)
    panel = staff.locator(".fr-live-staff")
    press(staff, panel.locator("summary"))
    expect(panel).to_have_attribute("open", "")
    group = panel.locator(".fr-live-staff-group").filter(has=staff.locator("h4", has_text=GROUP_NAME))
    title = group.locator(".fr-live-staff-title")
    status = group.locator(".fr-live-staff-status")
    before = title.inner_text()
    assert before

    # Move the group's step, keyboard only: the new step's title gets the focus.
    forward = group.locator(".fr-live-staff-next")
    press(staff, forward if forward.is_enabled() else group.locator(".fr-live-staff-previous"))
    expect(title).not_to_have_text(before)
    expect(title).to_be_focused()
    expect(status).to_contain_text(title.inner_text())
    moved_to = title.inner_text()

    # The timer starts and pauses for the group.
    timer = group.locator(".fr-live-staff-timer")
    expect(timer).to_have_text("Timer starten" if lang == "nl" else "Start the timer")
    press(staff, timer)
    expect(timer).to_have_text("Timer pauzeren" if lang == "nl" else "Pause the timer")
    press(staff, timer)
    expect(timer).to_have_text("Timer starten" if lang == "nl" else "Start the timer")

    # The group's own screen is where staff put it; its facilitator moves on.
    member_context, member = facilitator_page(browser, demo_server, lang)
    expect(member.locator(".fr-live-step:visible .fr-live-title")).to_have_text(moved_to)   # the same words
    now_shown = facilitator_moves(member)

    # Staff's panel still shows the old step: their move is refused, said in a
    # sentence, and the panel shows the group's step as it is now.
    press(staff, timer)
    expect(title).to_have_text(now_shown)
    expect(status).to_contain_text(now_shown)
    expect(group.locator(".fr-live-staff-error")).to_be_hidden()
    expect(timer).to_have_text("Timer starten" if lang == "nl" else "Start the timer")

    # Refresh reads the group's step again.
    again = facilitator_moves(member)
    press(staff, group.locator(".fr-live-staff-refresh"))
    expect(title).to_have_text(again)

    assert staff.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    results = Axe().run(staff, context=".fr-live-staff")
    assert results.response["violations"] == [], results.generate_report()
    for context in (staff_context, member_context):
        context.close()
