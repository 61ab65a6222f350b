"""A feedback round's live mode and dated actions in Chromium, with the keyboard
only; axe-clean with the live mode open (issue 22)."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press

SCENARIO = "leergang_feedback_round.4"   # the case tracker and a round on a group set of their own ("actielijst")


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-feedback-round")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_live_mode_steps_through_the_method_and_actions_carry_a_date(browser, demo_server):
    tag = uuid.uuid4().hex[:5]
    people = [f"{name}_{tag}" for name in ("anna", "bram", "chris")]
    context = browser.new_context()
    page = context.new_page()
    for person in people:
        page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={person}")
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student=staff_{tag}")
    block = page.locator(".leergang-feedback-round")
    press(page, block.locator(".leergang-groups-panel summary"))
    form = block.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").fill("3")
    form.locator("select[name=order]").select_option("name")
    press(page, form.locator("button[type=submit]"))
    expect(block.locator(".leergang-groups-status")).to_have_text("Groups made.")

    # The live mode's step is the group's: its facilitator moves it (live.py).
    for person in people:
        page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={person}")
        if page.locator(".fr-live").get_attribute("data-can-move") == "1":
            break
    block = page.locator(".leergang-feedback-round")
    toggle = block.locator(".fr-live-toggle")
    press(page, toggle)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    live = block.locator(".fr-live")
    expect(live.locator(".fr-live-step:visible .fr-live-title")).to_have_text("Follow up last time's actions")
    expect(live.locator(".fr-live-clock")).to_have_text("10:00")
    press(page, live.locator(".fr-live-next"))
    expect(live.locator(".fr-live-step:visible .fr-live-title")).to_have_text("The incident")
    expect(live.locator(".fr-live-step:visible .fr-live-title")).to_be_focused()
    expect(live.locator(".fr-live-step:visible .fr-live-turn")).to_contain_text(tag)
    press(page, live.locator(".fr-live-timer"))
    expect(live.locator(".fr-live-timer")).to_have_text("Pause the timer")
    expect(live.locator(".fr-live-clock")).not_to_have_text("05:00", timeout=5000)
    press(page, live.locator(".fr-live-timer"))
    expect(live.locator(".fr-live-timer")).to_have_text("Start the timer")
    assert_axe_clean(page)
    press(page, live.locator(".fr-live-previous"))   # back to the start for the group
    expect(live.locator(".fr-live-step:visible .fr-live-title")).to_have_text("Follow up last time's actions")

    # The written round stays: an action with its due date, from the date field.
    actions = block.locator(".fr-actions-form")
    actions.locator(".fr-action-text").first.fill("De controller spreken")
    actions.locator(".fr-action-due").first.fill("2099-01-31")
    press(page, actions.locator(".fr-save-actions"))
    expect(block.locator(".fr-status")).to_have_text("Your actions are saved.")
    expect(block.locator(".fr-action-due").first).to_have_value("2099-01-31")
    assert_axe_clean(page)
    context.close()
