"""Moral deliberation in Chromium (issue 22): after taking a position, a participant
works through the deliberation's steps with the keyboard and saves their judgement;
no minority question on a moral dilemma; axe-clean."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SCENARIO = "leergang_dialogue.0"   # the cohort-wide moral dilemma (dialogue/scenarios.py)


def test_a_participant_deliberates_towards_a_judgement(browser, demo_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student=deliberator_{uuid.uuid4().hex[:6]}")
    block = page.locator(".leergang-dialogue")
    form = block.locator(".dialogue-position-form")
    form.locator("input[name=option]").first.check()
    form.locator("textarea[name=reason]").fill("De bedoeling van de regel telt hier zwaarder.")
    form.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    deliberation = block.locator(".dialogue-deliberation")
    expect(deliberation).to_be_visible()
    expect(deliberation.locator("textarea")).to_have_count(6)
    expect(block.locator(".dialogue-minority")).to_have_count(0)
    deliberation.get_by_label("Facts").fill("Haar inkomen ligt een paar euro boven de grens.")
    deliberation.get_by_label("Your judgement").fill("Afwijken mag, en de consulent legt vast waarom.")
    deliberation.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(block.locator(".dialogue-announce")).to_have_text("Your deliberation is saved.")
    expect(block.locator(".dialogue-deliberation textarea[name=judgement]")).to_have_value(
        "Afwijken mag, en de consulent legt vast waarom.")
    results = Axe().run(page, context=".leergang-dialogue")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
    context.close()
