"""The live mode is the group's (issue 22), in Chromium: two members' pages follow one
step move of the facilitator, keyboard only, in Dutch and English, at 375 and 1280 px,
axe-clean (no violation of any impact). A double click moves one step, not two."""
import pytest

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press

SCENARIO = "leergang_feedback_round.0"   # the demo's groups of three (demo/demo_groups.py), action learning
GROUP = ("dewi", "emre", "fleur")        # "Groep Midden": no other browser test opens its live mode
SIZES = {375: {"width": 375, "height": 740}, 1280: {"width": 1280, "height": 800}}
FOLLOW = 15_000                          # a poll every 3 s: a follower's page catches up within a few polls


def open_page(browser, demo_server, student, lang, width):
    context = browser.new_context(viewport=SIZES[width], locale="nl-NL" if lang == "nl" else "en-GB",
                                  extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}")
    return context, page


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-feedback-round")
    assert results.response["violations"] == [], results.generate_report()


def open_live(page):
    block = page.locator(".leergang-feedback-round")
    toggle = block.locator(".fr-live-toggle")
    press(page, toggle)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return block.locator(".fr-live")


def title_at(live, index):
    return live.locator(".fr-live-title").nth(index).text_content().strip()


def shown_title(live):
    return live.locator(".fr-live-step:visible .fr-live-title")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [375, 1280])
def test_two_members_pages_follow_the_facilitators_step(browser, demo_server, lang, width):
    pages = {}
    for student in GROUP:
        pages[student] = open_page(browser, demo_server, student, lang, width)
    movers = [s for s, (_c, page) in pages.items()
              if page.locator(".fr-live").get_attribute("data-can-move") == "1"]
    assert len(movers) == 1, movers                  # a trio's facilitator, nobody else
    facilitator = pages[movers[0]][1]
    follower = next(page for s, (_c, page) in pages.items() if s not in movers)

    followed = open_live(follower)
    # A follower's screen has no controls of its own: it says who moves the steps.
    expect(followed.locator(".fr-live-next")).to_have_count(0)
    expect(followed.locator(".fr-live-shared")).to_be_visible()
    leading = open_live(facilitator)
    expect(shown_title(leading)).to_have_text(shown_title(followed).inner_text())
    before = shown_title(leading).inner_text()
    total = leading.locator(".fr-live-step").count()
    index = [leading.locator(".fr-live-step").nth(i).is_visible() for i in range(total)].index(True)
    button = ".fr-live-next" if index < total - 1 else ".fr-live-previous"
    press(facilitator, leading.locator(button))
    expect(shown_title(leading)).not_to_have_text(before)
    expect(shown_title(leading)).to_be_focused()
    after = shown_title(leading).inner_text()
    # The other member's page follows, and says so in its status line.
    expect(shown_title(followed)).to_have_text(after, timeout=FOLLOW)
    expect(followed.locator(".fr-live-status")).to_contain_text(after, timeout=FOLLOW)

    # The timer runs on both screens once the facilitator starts it, and stops for both.
    start = leading.locator(".fr-live-timer")
    expect(start).to_have_text("Timer starten" if lang == "nl" else "Start the timer")
    full = followed.locator(".fr-live-clock").inner_text()
    press(facilitator, start)
    expect(start).to_have_text("Timer pauzeren" if lang == "nl" else "Pause the timer")
    expect(followed.locator(".fr-live-clock")).not_to_have_text(full, timeout=FOLLOW)
    press(facilitator, start)
    expect(start).to_have_text("Timer starten" if lang == "nl" else "Start the timer")

    # A double click moves one step.
    index = [leading.locator(".fr-live-step").nth(i).is_visible() for i in range(total)].index(True)
    while index >= total - 2:
        press(facilitator, leading.locator(".fr-live-previous"))
        index -= 1
        expect(shown_title(leading)).to_have_text(title_at(leading, index))
    leading.locator(".fr-live-next").dblclick()
    expected = title_at(leading, index + 1)
    expect(shown_title(leading)).to_have_text(expected)
    expect(shown_title(followed)).to_have_text(expected, timeout=FOLLOW)
    facilitator.reload()
    expect(facilitator.locator(".fr-live-step:not([hidden]) .fr-live-title")).to_have_text(expected)

    for page in (follower, facilitator):
        if width == 375:
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_axe_clean(follower)
    open_live(facilitator)
    assert_axe_clean(facilitator)
    for context, _page in pages.values():
        context.close()
