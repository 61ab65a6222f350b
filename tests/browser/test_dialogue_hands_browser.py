"""The dialogue exercise in people's hands (issue 21), in Chromium, keyboard only, in
Dutch and English, at 375 and 1280 px, axe-clean (no violation of any impact):

- a participant's fourth own value is refused at the field before anything is sent;
  the closing reflection appears only once the spread is open; under a reason,
  responding comes first, and asking the facilitator to look is confirmed in the
  page (Escape cancels) and undone by the reporter;
- the facilitator opens the presenter view from the staff view: the whole window,
  large type, no moderation controls, updating by itself; Escape closes it and the
  focus returns to the button.
"""
import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press, type_into

SCENARIO = "leergang_dialogue.0"   # the cohort-wide dilemma (dialogue/scenarios.py)
SIZES = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 800}}


def url(demo_server, student, lang):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}"


def new_page(browser, lang, width):
    context = browser.new_context(viewport=SIZES[width], locale="nl-NL" if lang == "nl" else "en-GB",
                                  extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    return context, page, dialogs


def assert_axe_clean(page, context=".leergang-dialogue"):
    results = Axe().run(page, context=context)
    assert results.response["violations"] == [], results.generate_report()


def focused_class(page):
    return page.evaluate("document.activeElement && document.activeElement.className")


def take_position(page, option_index, reason, own_values=""):
    block = page.locator(".leergang-dialogue")
    form = block.locator(".dialogue-position-form")
    press(page, form.locator("input[name=option]").nth(option_index), "Space")
    type_into(page, form.locator("textarea[name=reason]"), reason)
    if own_values:
        type_into(page, form.locator("input[name=own_values]"), own_values)
    press(page, form.locator("button[type=submit]"))
    return block


def new_round(browser, demo_server, tag):
    """The facilitator starts a fresh round (a window.confirm, accepted), so the reveal counts from zero."""
    context, staff, _dialogs = new_page(browser, "en", 1280)
    staff.goto(url(demo_server, f"staff_{tag}", "en"))
    live = staff.locator(".dialogue-facilitator .dialogue-live")
    before = int(live.get_attribute("data-current-round"))
    press(staff, staff.locator(".dialogue-new-round"))
    expect(staff.locator(".dialogue-facilitator .dialogue-live")).to_have_attribute("data-current-round",
                                                                                      str(before + 1))
    return context, staff


@pytest.mark.parametrize("lang,width", [("nl", 375), ("en", 1280)])
def test_a_participant_reports_with_confirmation_undoes_it_and_reflects_after_the_reveal(
        browser, demo_server, lang, width):
    tag = uuid.uuid4().hex[:5]
    staff_context, _staff = new_round(browser, demo_server, tag)
    context, page, dialogs = new_page(browser, lang, width)
    page.goto(url(demo_server, f"anna_{tag}", lang))
    block = page.locator(".leergang-dialogue")

    # A fourth own value: refused at the field, with its code, and nothing is sent.
    take_position(page, 0, f"Anna {tag}: de bedoeling telt.", "moed, lef, rust, zorg")
    error = block.locator(".dialogue-position-form .dialogue-own-error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("data-code", "too_many_values")
    expect(block.locator(".dialogue-position-form input[name=own_values]")).to_be_focused()
    expect(block.locator(".dialogue-position-form input[name=own_values]")).to_have_attribute("aria-invalid", "true")
    assert_axe_clean(page)
    type_into(page, block.locator(".dialogue-position-form input[name=own_values]"), "moed, lef")
    press(page, block.locator(".dialogue-position-form button[type=submit]"))
    expect(block.locator(".dialogue-mine")).to_be_visible()
    expect(block.locator(".dialogue-waiting")).to_be_visible()
    # Before the reveal: no closing reflection.
    expect(block.locator(".dialogue-reflection-form")).to_have_count(0)
    assert_axe_clean(page)

    others = []
    for index, name in ((1, "bram"), (1, "chris")):
        other_context, other, _ = new_page(browser, "en", 1280)
        other.goto(url(demo_server, f"{name}_{tag}", "en"))
        take_position(other, index, f"{name.capitalize()} {tag}: gelijke gevallen gelijk.")
        expect(other.locator(".dialogue-mine")).to_be_visible()
        others.append(other_context)

    # The page opens by itself; now the reflection is there.
    expect(block.locator(".dialogue-spread")).to_be_visible(timeout=20_000)
    expect(block.locator(".dialogue-reflection-form")).to_be_visible()
    if width == 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_axe_clean(page)

    # Under Bram's reason: responding first, then reporting.
    reason = block.locator(".dialogue-reason", has_text=f"Bram {tag}")
    order = reason.evaluate("""item => {
        const respond = item.querySelector('.dialogue-respond summary');
        const report = item.querySelector('.dialogue-flag-open');
        return respond.compareDocumentPosition(report) & Node.DOCUMENT_POSITION_FOLLOWING;
    }""")
    assert order, "the report button comes after 'respond to this reason'"

    opener = reason.locator(".dialogue-flag-open")
    confirm = reason.locator(".dialogue-flag-confirm")
    expect(confirm).to_be_hidden()
    press(page, opener)
    expect(confirm).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(confirm.locator("textarea[name=reason]")).to_be_focused()
    assert_axe_clean(page)
    page.keyboard.press("Escape")                      # cancelled: nothing is sent
    expect(confirm).to_be_hidden()
    expect(opener).to_be_focused()
    expect(reason.locator(".dialogue-flagged")).to_have_count(0)

    page.keyboard.press("Enter")
    page.keyboard.type("Dit noemt een collega.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                       # "Yes, ask the facilitator"
    undo = reason.locator(".dialogue-unflag-button")
    expect(undo).to_be_focused()
    expect(reason.locator(".dialogue-flagged")).to_be_visible()
    assert_axe_clean(page)
    page.keyboard.press("Enter")                       # undo
    expect(reason.locator(".dialogue-flag-open")).to_be_focused()
    expect(reason.locator(".dialogue-flagged")).to_have_count(0)
    assert_axe_clean(page)
    assert dialogs == [], dialogs                     # no window.confirm or prompt for participants
    for other_context in others + [context, staff_context]:
        other_context.close()


def assert_chart_readable(presenter, body_size):
    """Every text in the presenter's chart (option labels, counts, legend) at least as
    large as the presenter's body text, inside the chart, and no two of them on top of
    each other."""
    texts = presenter.locator(".dialogue-presenter-chart svg text")
    assert texts.count() > 0
    chart = presenter.locator(".dialogue-presenter-chart svg").bounding_box()
    boxes = texts.evaluate_all("""ts => ts.map(t => {
        const r = t.getBoundingClientRect();
        return {size: parseFloat(getComputedStyle(t).fontSize), top: r.top, bottom: r.bottom,
                left: r.left, right: r.right, text: t.textContent};
    })""")
    for box in boxes:
        assert box["size"] >= body_size, (box, body_size)
        assert box["right"] <= chart["x"] + chart["width"] + 1, (box, chart)
        assert box["bottom"] <= chart["y"] + chart["height"] + 1, (box, chart)
    for one, other in zip(boxes, boxes[1:]):
        side_by_side = one["right"] <= other["left"] or other["right"] <= one["left"]
        assert side_by_side or one["bottom"] <= other["top"] + 1, (one, other)


@pytest.mark.parametrize("lang,width", [("en", 375), ("nl", 1280)])
def test_the_facilitator_opens_a_presenter_view_that_updates_by_itself(browser, demo_server, lang, width):
    tag = uuid.uuid4().hex[:5]
    setup_context, _setup = new_round(browser, demo_server, tag)
    context, staff, _dialogs = new_page(browser, lang, width)
    staff.goto(url(demo_server, f"staff_p{tag}", lang))
    opener = staff.locator(".dialogue-presenter-open")
    press(staff, opener)
    presenter = staff.locator(".dialogue-presenter")
    expect(presenter).to_be_visible()
    expect(presenter.locator(".dialogue-presenter-content")).to_be_visible()
    box = presenter.bounding_box()
    assert box["x"] <= 0 and box["y"] <= 0 and box["width"] >= width - 1 and box["height"] >= SIZES[width]["height"] - 1
    size = float(presenter.locator(".dialogue-presenter-body").evaluate("b => parseFloat(getComputedStyle(b).fontSize)"))
    assert size >= (28 if width == 1280 else 19), size
    assert_chart_readable(presenter, size)
    for control in (".dialogue-hide", ".dialogue-new-round", ".dialogue-csv", ".dialogue-live-round",
                    ".dialogue-not-taken-part"):
        expect(presenter.locator(control)).to_have_count(0)
    counted = presenter.locator(".dialogue-presenter-count")
    expect(counted).to_contain_text(re.compile(r": 0\b"))
    assert_axe_clean(staff, ".dialogue-presenter")

    # A participant takes a position: the presenter view shows it by itself.
    other_context, other, _ = new_page(browser, "en", 1280)
    other.goto(url(demo_server, f"dewi_{tag}", "en"))
    take_position(other, 0, f"Dewi {tag}: vertrouwen vooraf.")
    expect(presenter.locator(".dialogue-reason", has_text=f"Dewi {tag}")).to_be_visible(timeout=20_000)
    expect(counted).to_contain_text(re.compile(r": 1\b"))
    assert_chart_readable(presenter, size)
    assert_axe_clean(staff, ".dialogue-presenter")

    staff.keyboard.press("Escape")
    expect(presenter).to_be_hidden()
    expect(opener).to_be_focused()
    assert_axe_clean(staff)
    for each in (other_context, context, setup_context):
        each.close()
