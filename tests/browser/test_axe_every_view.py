"""axe finds no violation of any impact in any view of the five blocks (issue 21):
the participant's view, staff's view with every panel opened, and Studio's editor,
in Dutch and in English, at 1280 and at 375 px wide.

The scan is scoped to the block's element: the workbench page around it is not
ours and fails page-level rules of its own (docs: /work/shared RECIPES, "Real
browser tests"). Staff panels are <details>: closed, their content is hidden and
axe skips it, so every one is opened first and the page waits for what the
panels load.
"""
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe

# block, scenario, the block's element, and the participant whose view is richest
# in the demo (in a group, with a case), or None for a fresh one.
BLOCKS = [
    ("trust_scan", "leergang_trust_scan.0", ".leergang-trust-scan", None),
    ("groups", "leergang_groups.0", ".leergang-small-group", "anna"),
    ("case", "leergang_case.0", ".leergang-case", "anna"),
    ("feedback_round", "leergang_feedback_round.0", ".leergang-feedback-round", None),
    ("dialogue_group", "leergang_dialogue.1", ".leergang-dialogue", "anna"),
    ("dialogue_cohort", "leergang_dialogue.0", ".leergang-dialogue", None),
    ("session", "leergang_session.0", ".leergang-session", None),
]
VIEWS = ("participant", "staff", "studio")
WIDTHS = {"desktop": 1280, "phone": 375}


def view_url(demo_server, scenario, view, participant, lang):
    tag = uuid.uuid4().hex[:6]
    if view == "studio":
        return f"{demo_server.url}/scenario/{scenario}/studio_view/?student=staff_author_{tag}&lang={lang}"
    student = f"staff_axe_{tag}" if view == "staff" else (participant or f"axe_{tag}")
    return f"{demo_server.url}/scenario/{scenario}/?student={student}&lang={lang}"


def open_every_panel(page, selector):
    page.wait_for_selector(selector, timeout=15_000)
    page.wait_for_load_state("networkidle")
    for _ in range(3):  # a panel may load more panels
        closed = page.locator(f"{selector} details:not([open]) > summary")
        if not closed.count():
            break
        for index in range(closed.count() - 1, -1, -1):
            closed.nth(index).click()
        page.wait_for_load_state("networkidle")


def violations(page, selector):
    found = Axe().run(page, context=selector).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ("nl", "en"))
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("block,scenario,selector,participant", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_no_axe_violation_of_any_impact(browser, demo_server, block, scenario, selector, participant, view, lang,
                                        width):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, locale="nl-NL" if lang == "nl"
                                  else "en-GB", extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    try:
        page.goto(view_url(demo_server, scenario, view, participant, lang))
        target = ".leergang-studio-edit" if view == "studio" else selector
        if view == "studio":
            page.wait_for_selector(target, timeout=15_000)
        else:
            open_every_panel(page, selector)
        assert page.locator(target).count() >= 1
        found = violations(page, target)
        assert not found, "\n".join(found)
    finally:
        context.close()
