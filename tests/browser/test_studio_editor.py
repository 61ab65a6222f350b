"""A course author changes a setting in the demo's Studio editor, saves and sees
it, in English and in Dutch; a refused save lists every problem, in the
author's language, next to the field it is about (issue 9, "Course author")."""
import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.scenario_links import either_language

SCENARIO_TITLE = "Trust scan: a custom instrument pasted in Studio"


def studio_url(demo_server, page, lang):
    page.goto(f"{demo_server.url}/?lang={lang}")
    href = page.get_by_role("link", name=either_language(SCENARIO_TITLE)).first.get_attribute("href")
    # The workbench shows a scenario's other views at /scenario/<id>/<view>/.
    return f"{demo_server.url}{href}studio_view/?student=staff_author_{uuid.uuid4().hex[:6]}"


def field(page, label):
    return page.get_by_label(label, exact=True)


@pytest.mark.parametrize("lang, words", [
    ("en", {"label": "Pre/post series", "save": "Save", "saved": "Saved.",
            "group": "Minimum group size for the cohort comparison", "not_saved": "Not saved"}),
    ("nl", {"label": "Voor- en nameting (reeks)", "save": "Opslaan", "saved": "Opgeslagen.",
            "group": "Minimale groepsgrootte voor de groepsvergelijking", "not_saved": "Niet opgeslagen"}),
])
def test_an_author_saves_a_setting_and_sees_it(browser, demo_server, lang, words):
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    try:
        url = studio_url(demo_server, page, lang)
        page.goto(url)
        series = f"reeks-{lang}-{uuid.uuid4().hex[:4]}"
        field(page, words["label"]).fill(series)
        page.get_by_role("button", name=words["save"]).click()
        expect(page.locator(".leergang-studio-status")).to_have_text(words["saved"])
        page.reload()
        expect(field(page, words["label"])).to_have_value(series)

        # A refused save: every problem at once, in the author's language, at its field.
        field(page, words["group"]).fill("2")
        field(page, words["label"]).fill("x" * 61)
        page.get_by_role("button", name=words["save"]).click()
        expect(page.locator(".leergang-studio-status")).to_contain_text(words["not_saved"])
        problems = page.locator(".leergang-studio-problems li")
        expect(problems).to_have_count(2)
        text = page.locator(".leergang-studio-problems").inner_text()
        assert "[object Object]" not in text
        # Each problem named by the field's label, never by its key or path (issue 21).
        assert words["group"] in text and words["label"] in text
        assert "min_cohort_size" not in text and "values." not in text
        if lang == "nl":
            assert not re.search(r"\b(must|may|line|characters)\b", text), text
        expect(page.locator('li[data-field-name="min_cohort_size"] .leergang-field-problem')).to_be_visible()
        # The editor with its problems shown is usable with assistive technology (WCAG 2.1 AA).
        violations = Axe().run(page, context=".leergang-studio-edit").response["violations"]
        assert [(v["id"], v["impact"]) for v in violations] == []
        page.reload()
        expect(field(page, words["label"])).to_have_value(series)  # nothing of the refused save was kept
    finally:
        context.close()
