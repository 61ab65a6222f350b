"""The staff tool "Remove a participant's data" in Chromium: the confirmation says what
goes and what happens to open work before anything is sent; dismissing it sends
nothing; accepting removes the participant's data; axe-clean, in English and Dutch."""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.scenario_links import either_language

SCENARIO_TITLE = "Trust scan: chain partners"


def scenario_url(demo_server, page, student):
    page.goto(demo_server.url + "/")
    href = page.get_by_role("link", name=either_language(SCENARIO_TITLE)).first.get_attribute("href")
    return f"{demo_server.url}{href}?student={student}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_staff_confirm_then_remove_one_participants_data(browser, demo_server, language):
    context = browser.new_context(locale="nl-NL" if language == "nl" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    tag = uuid.uuid4().hex[:6]
    learner = f"anna_{tag}"
    page.goto(scenario_url(demo_server, page, learner))
    expect(page.locator(".leergang-removal-panel")).to_have_count(0)
    with page.expect_response(lambda response: "save_draft" in response.url) as saved:
        page.locator(".trust-scan-item input[type=radio]").first.check()   # autosaved: a draft to remove
    assert saved.value.ok

    page.goto(scenario_url(demo_server, page, f"staff_{tag}"))
    panel = page.locator(".leergang-removal-panel")
    panel.locator("summary").click()
    field = panel.locator("input[name=participant]")
    expect(field).to_be_visible()
    results = Axe().run(page, context=".leergang-removal")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()

    questions = []
    field.fill(learner)
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    panel.locator("button[type=submit]").click()
    expect(panel.locator(".leergang-removal-status")).to_have_text("")
    assert learner in questions[0]
    assert ("cannot be undone" if language == "en" else "niet ongedaan") in questions[0]
    assert ("reload" if language == "en" else "opnieuw te laden") in questions[0]

    page.once("dialog", lambda dialog: dialog.accept())
    panel.locator("button[type=submit]").click()
    expect(panel.locator(".leergang-removal-status")).to_contain_text(learner)
    expect(field).to_have_value("")

    field.fill(f"nobody_{tag}")
    page.once("dialog", lambda dialog: dialog.accept())
    panel.locator("button[type=submit]").click()
    expect(panel.locator(".leergang-removal-error")).to_contain_text(f"nobody_{tag}")
    context.close()
