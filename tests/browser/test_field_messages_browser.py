"""A refusal about a field stands next to that field (issue 21): the sentence after
the control, tied to it by aria-describedby, the control marked aria-invalid and
focused, the form's own error region left for what belongs to no field. Asserts
codes and places, not wording; in Dutch, keyboard only."""
import uuid

from playwright.sync_api import expect
from tests.support.keyboard import press

DIALOGUE = "leergang_dialogue.0"   # the cohort-wide dilemma
CASE = "leergang_case.0"           # the VU-like six-session case


def assert_next_to(control, code):
    message = control.locator("xpath=following-sibling::*[1]")
    expect(message).to_have_class("leergang-field-error")
    expect(message).to_have_attribute("data-code", code)
    expect(control).to_have_attribute("aria-invalid", "true")
    described = control.get_attribute("aria-describedby").split()
    assert message.get_attribute("id") in described
    assert message.inner_text().strip() and ":" not in message.inner_text().split(" ")[0]


def test_a_dialogue_position_without_option_or_reason_is_told_at_each_field(dutch_context, demo_server):
    page = dutch_context.new_page()
    page.goto(f"{demo_server.url}/scenario/{DIALOGUE}/?student=field_{uuid.uuid4().hex[:6]}")
    form = page.locator(".leergang-dialogue .dialogue-position-form")
    expect(page.locator("[data-leergang-ready=true] .leergang-dialogue")).to_have_count(1)
    form.locator("textarea[name=reason]").fill("Omdat het vertrouwen geeft.")
    press(page, form.locator("button[type=submit]"))
    options = form.locator("fieldset.dialogue-options")
    assert_next_to(options, "unknown_option")
    expect(options).to_be_focused()
    # The form's own error line (the own-values field has one of its own).
    expect(form.locator(".leergang-error:not(.dialogue-own-error)")).to_be_hidden()

    form.locator("input[name=option]").first.check()
    form.locator("textarea[name=reason]").fill("")
    press(page, form.locator("button[type=submit]"))
    reason = form.locator("textarea[name=reason]")
    assert_next_to(reason, "empty_answer")
    expect(reason).to_be_focused()
    expect(options).not_to_have_attribute("aria-invalid", "true")  # the earlier problem is gone


def test_a_case_without_a_title_is_told_at_the_title(dutch_context, demo_server):
    page = dutch_context.new_page()
    page.goto(f"{demo_server.url}/scenario/{CASE}/?student=field_{uuid.uuid4().hex[:6]}")
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    case = page.locator(".leergang-case form.case-definition")
    case.locator("[name='field:purpose']").fill("Ruimte voor de professional in de wijk.")
    press(page, case.locator("button[type=submit]"))
    title = case.locator("[name='field:title']")
    assert_next_to(title, "title_required")
    expect(title).to_be_focused()
