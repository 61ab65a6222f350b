"""An author sets a feedback round's due date in the demo's Studio editor with the
browser's own date and time inputs, keyboard only, in Dutch and English, on a wide
screen and a phone; the editor shows the date set as the course writes dates; a
time without a day is refused at the day's input with its sentence; no axe
violation of any impact (issue 21)."""
import json
import uuid

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SCENARIO = "leergang_feedback_round.1"   # feedback due 2030-01-31 17:00; only this test changes its settings
STORED = "2030-01-31 17:00"
WORDS = {"nl": {"locale": "nl-NL", "save": "Opslaan", "saved": "Opgeslagen.", "before": "31 januari 2030, 17:00",
                "after": "12 december 2031, 16:30"},
         "en": {"locale": "en-GB", "save": "Save", "saved": "Saved.", "before": "31 January 2030, 17:00",
                "after": "12 December 2031, 16:30"}}


def axe_violations(page):
    return [(v["id"], v["impact"]) for v in Axe().run(page, context=".leergang-studio-edit").response["violations"]]


def put_back(demo_server, usage):
    session = requests.Session()
    session.get(f"{demo_server.url}/scenario/{SCENARIO}/?student=staff_restorer", timeout=60)
    response = session.post(f"{demo_server.url}/studio/handler/{usage}/submit_studio_edits/?student=staff_restorer",
                            data=json.dumps({"values": {"feedback_due": STORED}, "defaults": []}),
                            headers={"X-CSRFToken": session.cookies.get("csrftoken"),
                                     "Content-Type": "application/json", "Referer": demo_server.url + "/"},
                            timeout=60)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_author_sets_the_feedback_due_date_with_date_and_time_inputs(browser, demo_server, lang, width):
    words = WORDS[lang]
    context = browser.new_context(locale=words["locale"], extra_http_headers={"Accept-Language": lang},
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    url = f"{demo_server.url}/scenario/{SCENARIO}/studio_view/?student=staff_author_{uuid.uuid4().hex[:6]}"
    usage = None
    try:
        page.goto(url)
        editor = page.locator(".leergang-studio-edit")
        due = editor.locator('li[data-field-name="feedback_due"]')
        usage = page.locator("[data-usage*=\".leergang_feedback_round.\"]").first.get_attribute("data-usage")
        day, time = due.locator("input[type=date]"), due.locator("input[type=time]")
        expect(day).to_have_value("2030-01-31")
        expect(time).to_have_value("17:00")
        expect(due.locator(".leergang-due-shown")).to_contain_text(words["before"])
        assert axe_violations(page) == []
        if width == 375:
            assert page.evaluate("document.documentElement.scrollWidth") <= width

        # Keyboard only. Chromium orders the day's parts by its own language, not the
        # page's, so the day is one whose day and month are the same number. Tab goes
        # through the day's parts first, then to the time.
        day.focus()
        page.keyboard.type("12122031")
        for _part in range(4):
            if time.evaluate("t => t === document.activeElement"):
                break
            page.keyboard.press("Tab")
        expect(time).to_be_focused()
        page.keyboard.type("1630")
        editor.get_by_role("button", name=words["save"], exact=True).focus()
        page.keyboard.press("Enter")
        expect(editor.locator(".leergang-studio-status")).to_have_text(words["saved"])
        page.reload()
        expect(day).to_have_value("2031-12-12")
        expect(time).to_have_value("16:30")
        expect(due.locator(".leergang-due-shown")).to_contain_text(words["after"])

        # A time without a day: refused at the day's input, the sentence beside it.
        day.fill("")
        day.dispatch_event("change")
        editor.get_by_role("button", name=words["save"], exact=True).focus()
        page.keyboard.press("Enter")
        expect(day).to_be_focused()
        expect(day).to_have_attribute("aria-invalid", "true")
        problem = page.locator("#" + day.get_attribute("aria-describedby"))
        expect(problem).to_be_visible()
        assert "feedback_due" not in problem.inner_text() and "date" not in problem.inner_text().split()
        assert axe_violations(page) == []
        page.reload()
        expect(day).to_have_value("2031-12-12")
    finally:
        if usage:
            put_back(demo_server, usage)
        context.close()
