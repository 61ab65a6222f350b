"""The dialogue exercise in Chromium: the facilitator starts a fresh round, four
participants in separate browser contexts (one in Dutch) take a position, the
spread opens by itself at the threshold, one responds to another's reason with the
keyboard, the other reads the response, the first re-votes, and the facilitator's
live view shows the shift without a page reload. axe-clean throughout."""
import re
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SCENARIO = "leergang_dialogue.0"   # the cohort-wide dilemma (dialogue/scenarios.py)
PAYLOAD = '<img src=x onerror="window.__xss=1">'


def url(demo_server, student):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}"


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-dialogue")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def take_position(page, option_index, reason):
    block = page.locator(".leergang-dialogue")
    block.locator(".dialogue-position-form input[name=option]").nth(option_index).check()
    block.locator(".dialogue-position-form textarea[name=reason]").fill(reason)
    block.locator(".dialogue-position-form input[name=value]").first.check()
    button = block.locator(".dialogue-position-form button[type=submit]")
    button.focus()
    page.keyboard.press("Enter")
    expect(block.locator(".dialogue-mine")).to_be_visible()
    return block


def test_four_participants_vote_reveal_respond_revote_and_the_facilitator_sees_the_shift(
        browser, demo_server, dutch_context):
    tag = uuid.uuid4().hex[:5]
    staff_context = browser.new_context()
    staff = staff_context.new_page()
    staff.on("dialog", lambda dialog: dialog.accept())
    staff.goto(url(demo_server, f"staff_{tag}"))
    live = staff.locator(".dialogue-facilitator")
    expect(live.locator(".dialogue-live")).to_be_visible()
    round_before = int(live.locator(".dialogue-live").get_attribute("data-current-round"))
    live.locator(".dialogue-new-round").click()
    expect(live.locator(".dialogue-live")).to_have_attribute("data-current-round", str(round_before + 1))
    assert_axe_clean(staff)

    contexts = [browser.new_context() for _ in range(3)] + [dutch_context]
    pages = [context.new_page() for context in contexts]
    names = [f"{name}_{tag}" for name in ("anna", "bram", "chris", "dewi")]
    for page, name in zip(pages, names):
        page.goto(url(demo_server, name))
    anna, bram, chris, dewi = pages

    first = take_position(anna, 0, f"Anna: de bedoeling telt. {PAYLOAD}")
    expect(first.locator(".dialogue-waiting")).to_contain_text("1 of the 3")
    assert_axe_clean(anna)
    take_position(bram, 1, "Bram: gelijke gevallen gelijk behandelen.")
    third = take_position(chris, 0, "Chris: maatwerk hoort erbij.")
    expect(third.locator(".dialogue-spread")).to_be_visible()
    # Anna's page opens by itself (it checks every few seconds while waiting).
    expect(first.locator(".dialogue-spread")).to_be_visible(timeout=20_000)
    expect(first.locator(".dialogue-table")).to_contain_text("3 positions")
    # The reason is shown as text, never as markup.
    expect(first.locator(".dialogue-own-reason").first).to_contain_text(PAYLOAD)
    assert anna.evaluate("window.__xss") is None
    assert_axe_clean(anna)

    # In Dutch.
    dutch = take_position(dewi, 2, "Dewi: eerst overleggen met juridische zaken.")
    expect(dutch.locator(".dialogue-spread h3")).to_have_text("Hoe de standpunten verdeeld zijn")
    expect(dutch.locator(".dialogue-reasons")).to_contain_text("De argumenten per keuze")
    assert_axe_clean(dewi)

    # Anna responds to Bram's reason, with the keyboard only.
    anna.reload()
    block = anna.locator(".leergang-dialogue")
    reason = block.locator(".dialogue-reason", has_text="Bram: gelijke gevallen")
    # A re-vote reason half written while she responds stays: the response's answer swaps
    # in only the parts of the page it changed (data-region), not the re-vote form.
    block.locator(".dialogue-revote-form textarea[name=reason]").fill("Nog aan het nadenken")
    summary = reason.locator(".dialogue-respond summary")
    summary.focus()
    anna.keyboard.press("Enter")
    reason.locator("textarea[name=understand]").fill("Je wilt dat iedereen op dezelfde regel kan rekenen.")
    reason.locator("textarea[name=question]").fill("Wat als de regel hier onrecht doet?")
    reason.locator(".dialogue-respond button[type=submit]").focus()
    anna.keyboard.press("Enter")
    expect(block.locator(".dialogue-my-response")).to_contain_text("Wat als de regel hier onrecht doet?")
    expect(block.locator(".dialogue-announce")).to_have_text("Your response is sent.")
    expect(block.locator(".dialogue-my-response h3")).to_be_focused()
    expect(block.locator(".dialogue-revote-form textarea[name=reason]")).to_have_value("Nog aan het nadenken")
    expect(block.locator(".dialogue-respond")).to_have_count(0)   # one response per round: the forms are gone

    bram.reload()
    expect(bram.locator(".dialogue-responses")).to_contain_text("Je wilt dat iedereen op dezelfde regel kan rekenen.")
    # Bram asks the facilitator to look at Anna's reason (the markup in it).
    flagged = bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.")
    flagged.locator(".dialogue-flag-open").click()
    flagged.locator(".dialogue-flag-confirm button[type=submit]").click()
    expect(bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.").locator(".dialogue-flagged")).to_be_visible()
    # The focus goes to the button that undoes it, in the reasons swapped in (wired again).
    undo = bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.").locator(".dialogue-unflag button")
    expect(undo).to_be_focused()
    undo.click()
    expect(bram.locator(".dialogue-announce")).to_have_text("Your request to the facilitator is withdrawn.")
    reopen = bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.").locator(".dialogue-flag-open")
    expect(reopen).to_be_focused()
    reopen.click()
    bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.").locator(
        ".dialogue-flag-confirm button[type=submit]").click()
    expect(bram.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.").locator(".dialogue-flagged")).to_be_visible()
    assert_axe_clean(bram)

    # Anna re-votes for Bram's option and sees her own move and the group's.
    revote = block.locator(".dialogue-revote-form")
    revote.locator("input[name=option]").nth(1).check()
    revote.locator("textarea[name=reason]").fill("Bram's vraag zette me aan het denken.")
    revote.locator("button[type=submit]").click()
    expect(block.locator(".dialogue-movement")).to_contain_text('You moved from "Yes, she may depart')
    expect(block.locator(".dialogue-group-shift")).to_contain_text("1 person changed position")
    expect(block.locator(".dialogue-announce")).to_have_text("Your re-vote is saved.")
    expect(block.locator(".dialogue-mine h3")).to_be_focused()
    expect(block.locator(".dialogue-revote-form")).to_have_count(0)
    assert_axe_clean(anna)

    # The facilitator's view shows the shift without a reload (it polls).
    expect(live.locator(".dialogue-live-shift")).to_contain_text("1 person changed position", timeout=20_000)
    expect(live.locator(".dialogue-live-moves")).to_contain_text(re.compile(r"Yes, she may.*→.*No, the rule.*: 1"))
    expect(live.locator(".dialogue-reason", has_text="Anna: de bedoeling telt.")).to_contain_text("reported by 1 participant")
    assert_axe_clean(staff)
    for context in contexts[:3] + [staff_context]:
        context.close()


def test_phone_width_keeps_the_chart_and_the_form_inside_the_screen(browser, demo_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(url(demo_server, f"phone_{uuid.uuid4().hex[:5]}"))
    block = page.locator(".leergang-dialogue")
    expect(block.locator(".dialogue-position-form")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, width
    assert_axe_clean(page)
    context.close()
