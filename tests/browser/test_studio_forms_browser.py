"""An author edits the case tracker's sessions as a list in the demo's Studio
editor, keyboard only, in Dutch and English, on a wide screen and a phone:
adds a session, moves it up, removes another, saves and sees it after a
reload; the editor has no accessibility violation of any impact (issue 21,
"Authors in Studio")."""
import json
import uuid

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SCENARIO = "leergang_case.2"   # the HRM network's case: only these tests change its settings

WORDS = {
    "en": {"add": "Add a session", "number": "Number", "date": "Date", "theme_nl": "Theme (Dutch)",
           "theme_en": "Theme (English)", "up": "Move up", "remove": "Remove", "save": "Save", "saved": "Saved.",
           "session": "Session", "reset": "Reset all settings", "reset_yes": "Reset", "reset_no": "Keep my settings",
           "display_name": "Display name", "place": "place 5 of 6"},
    "nl": {"add": "Bijeenkomst toevoegen", "number": "Nummer", "date": "Datum", "theme_nl": "Thema (Nederlands)",
           "theme_en": "Thema (Engels)", "up": "Omhoog", "remove": "Verwijderen", "save": "Opslaan",
           "saved": "Opgeslagen.", "session": "Bijeenkomst", "reset": "Alle instellingen terugzetten",
           "reset_yes": "Terugzetten", "reset_no": "Mijn instellingen houden", "display_name": "Weergavenaam",
           "place": "plaats 5 van 6"},
}


def editor_url(demo_server):
    return f"{demo_server.url}/scenario/{SCENARIO}/studio_view/?student=staff_author_{uuid.uuid4().hex[:6]}"


def press(locator, key="Enter"):
    locator.focus()
    locator.press(key)


def axe_violations(page):
    return [(v["id"], v["impact"]) for v in Axe().run(page, context=".leergang-studio-edit").response["violations"]]


def restore(demo_server, usage, values):
    """Put the scenario's sessions back for the next test (through the Studio save path)."""
    session = requests.Session()
    session.get(f"{demo_server.url}/scenario/{SCENARIO}/?student=staff_restorer", timeout=60)
    response = session.post(f"{demo_server.url}/studio/handler/{usage}/submit_studio_edits/?student=staff_restorer",
                            data=json.dumps({"values": values, "defaults": []}),
                            headers={"X-CSRFToken": session.cookies.get("csrftoken"),
                                     "Content-Type": "application/json", "Referer": demo_server.url + "/"},
                            timeout=60)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_author_edits_the_sessions_by_keyboard(browser, demo_server, lang, width):
    words = WORDS[lang]
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang},
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(editor_url(demo_server))
    editor = page.locator(".leergang-studio-edit")
    usage = page.locator("[data-usage*=\".leergang_case.\"]").first.get_attribute("data-usage")
    sessions = editor.locator('li[data-field-name="sessions_yaml"]')
    original = json.loads(sessions.get_attribute("data-value"))
    rows = sessions.locator(".leergang-record")
    try:
        expect(rows).to_have_count(5)
        assert axe_violations(page) == []

        press(sessions.get_by_role("button", name=words["add"]))
        expect(rows).to_have_count(6)
        added = rows.nth(5)
        expect(added.get_by_label(words["number"], exact=True)).to_be_focused()
        expect(added.get_by_label(words["number"], exact=True)).to_have_value("6")
        page.keyboard.press("Tab")
        expect(added.get_by_label(words["date"], exact=True)).to_be_focused()
        added.get_by_label(words["date"], exact=True).fill("2014-12-20")
        added.get_by_label(words["theme_nl"], exact=True).fill("Terugkomdag")
        added.get_by_label(words["theme_en"], exact=True).fill("Return day")

        up = added.get_by_role("button", name=f'{words["up"]}: {words["session"]} 6')
        press(up)
        expect(rows.nth(4).get_by_label(words["number"], exact=True)).to_have_value("6")
        expect(rows.nth(5).get_by_label(words["number"], exact=True)).to_have_value("5")
        expect(rows.nth(4).get_by_role("button", name=f'{words["up"]}: {words["session"]} 6')).to_be_focused()
        expect(sessions.locator(".leergang-record-status")).to_contain_text(words["place"])

        press(rows.nth(2).get_by_role("button", name=f'{words["remove"]}: {words["session"]} 3'))
        expect(rows).to_have_count(5)
        focused = page.evaluate("document.activeElement.closest('.leergang-studio-edit') !== null")
        assert focused, "focus stays in the editor after a removal"

        press(editor.get_by_role("button", name=words["save"]))
        expect(editor.locator(".leergang-studio-status")).to_have_text(words["saved"])
        page.reload()
        expect(rows).to_have_count(5)
        numbers = [rows.nth(i).get_by_label(words["number"], exact=True).input_value() for i in range(5)]
        assert numbers == ["1", "2", "4", "6", "5"]
        expect(rows.nth(3).get_by_label(words["theme_nl"], exact=True)).to_have_value("Terugkomdag")
        expect(rows.nth(3).get_by_label(words["date"], exact=True)).to_have_value("2014-12-20")
        assert axe_violations(page) == []
        if width == 375:
            overflow = page.evaluate("document.querySelector('.leergang-studio-edit').scrollWidth"
                                     " - document.querySelector('.leergang-studio-edit').clientWidth")
            assert overflow <= 0, overflow
    finally:
        restore(demo_server, usage, {"sessions_yaml": original})
        context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_reset_for_the_form_says_what_it_resets_and_can_be_declined(browser, demo_server, lang):
    words = WORDS[lang]
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    try:
        page.goto(editor_url(demo_server))
        editor = page.locator(".leergang-studio-edit")
        name = editor.get_by_label(words["display_name"], exact=True)
        before = name.input_value()
        name.fill("Tijdelijke naam")
        press(editor.get_by_role("button", name=words["reset"]))
        confirm = editor.locator(".leergang-reset-confirm")
        expect(confirm).to_be_visible()
        expect(confirm).to_contain_text(words["display_name"])
        assert axe_violations(page) == []
        press(confirm.get_by_role("button", name=words["reset_no"]))
        expect(confirm).to_be_hidden()
        expect(name).to_have_value("Tijdelijke naam")
        expect(editor.get_by_role("button", name=words["reset"])).to_be_focused()
        press(editor.get_by_role("button", name=words["reset"]))
        press(confirm.get_by_role("button", name=words["reset_yes"]))
        default = editor.locator('li[data-field-name="display_name"]').get_attribute("data-default")
        assert default != before
        expect(name).to_have_value(default)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_save_takes_the_author_to_the_session_input_with_its_sentence(browser, demo_server, lang):
    words = WORDS[lang]
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    try:
        page.goto(editor_url(demo_server))
        editor = page.locator(".leergang-studio-edit")
        rows = editor.locator('li[data-field-name="sessions_yaml"] .leergang-record')
        expect(rows).to_have_count(5)
        date = rows.nth(1).get_by_label(words["date"], exact=True)
        before = date.input_value()
        date.fill("2000-01-01")   # before session 1: the dates must follow each other
        press(editor.get_by_role("button", name=words["save"]))
        expect(date).to_be_focused()
        expect(date).to_have_attribute("aria-invalid", "true")
        problem = page.locator("#" + date.get_attribute("aria-describedby"))
        expect(problem).to_be_visible()
        text = problem.inner_text()
        assert text and "sessions_yaml" not in text and "[1]" not in text and "date" not in text.split(), text
        assert axe_violations(page) == []
        page.reload()
        expect(rows.nth(1).get_by_label(words["date"], exact=True)).to_have_value(before)
    finally:
        context.close()


# Every block's editor: the trust scan (its own instrument folded open), groups, case,
# feedback round, dialogue. Opening an editor changes nothing, so any scenario does.
EDITORS = ["leergang_trust_scan.2", "leergang_groups.0", "leergang_case.0", "leergang_feedback_round.0",
           "leergang_dialogue.0"]
FOCUSABLE = ("input:not([type=hidden]), select, textarea, button, summary, a[href]")


@pytest.mark.parametrize("scenario", EDITORS)
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_editor_is_reached_by_keyboard_fits_and_has_no_axe_violation(browser, demo_server, lang, width,
                                                                            scenario):
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang},
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{demo_server.url}/scenario/{scenario}/studio_view/?student=staff_author_{uuid.uuid4().hex[:6]}")
        editor = page.locator(".leergang-studio-edit")
        expect(editor).to_have_attribute("lang", lang)
        details = editor.locator("details.leergang-advanced")
        if details.count():
            opened = details.evaluate("d => d.open")
            details.locator("summary").focus()
            page.keyboard.press("Enter")  # a folded section opens and closes by keyboard
            assert details.evaluate("d => d.open") != opened
            if opened:
                page.keyboard.press("Enter")
            assert details.evaluate("d => d.open")
        assert axe_violations(page) == []
        # Tab from the first control to the last: every control of the editor is on the way.
        count = page.evaluate("""(selector) => {
            const controls = [...document.querySelectorAll('.leergang-studio-edit ' + selector.split(', ').join(
                ', .leergang-studio-edit '))].filter(e => e.offsetParent !== null && !e.closest('[hidden]'));
            controls.forEach((e, i) => e.setAttribute('data-tab-check', i));
            controls[0].focus();
            return controls.length;
        }""", FOCUSABLE)
        reached = set()
        for _ in range(4 * count):  # a date input takes a Tab per part (day, month, year)
            mark = page.evaluate("document.activeElement && document.activeElement.getAttribute('data-tab-check')")
            if mark is None:
                break
            reached.add(int(mark))
            page.keyboard.press("Tab")
        assert reached == set(range(count)), sorted(set(range(count)) - reached)
        overflow = page.evaluate("(() => { const e = document.querySelector('.leergang-studio-edit');"
                                 " return e.scrollWidth - e.clientWidth; })()")
        assert overflow <= 0, overflow
    finally:
        context.close()
