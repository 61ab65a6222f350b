"""Feedback rounds in Chromium: staff form a group from the block's staff panel;
three participants post, give and rate feedback in two browser contexts at once;
staff see the overview and hide a flagged item; once in Dutch; axe-clean."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SCENARIO = "leergang_feedback_round.2"   # a fresh group set ("rondes"); only this test arranges it
PAYLOAD = '<img src=x onerror="window.__xss=1">'


def url(demo_server, student):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}"


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-feedback-round")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def post_update(page, text):
    block = page.locator(".leergang-feedback-round")
    block.locator(".fr-update-text").fill(text)
    press(page, block.locator(".fr-post-update"))
    expect(block.locator(".fr-status")).to_have_text("Your update is posted to your group.")


def test_three_participants_post_give_rate_and_staff_hide_a_flagged_item(browser, demo_server, dutch_context):
    tag = uuid.uuid4().hex[:5]
    anna, bram, chris = (f"{name}_{tag}" for name in ("anna", "bram", "chris"))
    first, second = browser.new_context(), browser.new_context()
    page_a, page_b = first.new_page(), second.new_page()
    for person in (anna, bram, chris):
        page_a.goto(url(demo_server, person))
        expect(page_a.locator(".fr-no-group")).to_be_visible()

    # Staff form one group of three from the block's own staff panel, with the keyboard.
    staff = first.new_page()
    staff.goto(url(demo_server, f"staff_{tag}"))
    block = staff.locator(".leergang-feedback-round")
    press(staff, block.locator(".leergang-groups-panel summary"))
    form = block.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").fill("3")
    form.locator("select[name=order]").select_option("name")
    press(staff, form.locator("button[type=submit]"))
    expect(block.locator(".leergang-groups-status")).to_have_text("Groups made.")

    # Two participants at once, in two browser contexts.
    page_a.goto(url(demo_server, anna))
    page_b.goto(url(demo_server, bram))
    expect(page_a.locator(".fr-members li")).to_have_count(3)
    assert_axe_clean(page_a)
    post_update(page_a, f"Mijn casus: de wijkteams. {PAYLOAD}")
    post_update(page_b, "Mijn casus: inkoop jeugdzorg.")
    page_a.reload()
    page_b.reload()
    expect(page_b.locator(".fr-update-body").first).to_contain_text("Mijn casus: de wijkteams. " + PAYLOAD)

    def give(page, to_name, text):
        form = page.locator(".fr-feedback-form", has_text=f"Feedback to {to_name}")
        form.locator(".fr-answer[data-prompt=clarifying]").fill(text)
        press(page, form.locator(".fr-send"))
        expect(page.locator(".fr-status")).to_have_text("Your feedback is saved.")

    # A write swaps in only the parts of the round it changed (data-region): what Anna
    # typed in another part stays, the focus goes to the updates' heading and the status
    # says what it said; the form she did not touch still sends, once.
    draft = page_a.locator(".fr-feedback-form", has_text=f"Feedback to {bram}").locator(
        ".fr-answer[data-prompt=clarifying]")
    draft.fill("Nog niet verstuurd")
    post_update(page_a, f"Mijn casus: de wijkteams, bijgewerkt. {PAYLOAD}")
    expect(page_a.locator(".fr-updates h3")).to_be_focused()
    expect(page_a.locator(".fr-post-update")).to_have_text("Update my post")
    expect(draft).to_have_value("Nog niet verstuurd")
    sent = []
    page_a.on("request", lambda request: sent.append(request.url) if "/give_feedback/" in request.url else None)
    give(page_a, bram, "Wie beslist er over de inkoop?")
    expect(page_a.locator(".fr-give h3")).to_be_focused()
    assert len(sent) == 1, sent
    give(page_b, anna, "Wat bedoel je met wijkteams?")
    assert_axe_clean(page_b)

    # Bram reads, rates and answers the feedback he received, then flags it.
    page_b.reload()
    item = page_b.locator(".fr-received-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Wie beslist er over de inkoop?")
    item.get_by_label("very helpful").check()
    item.locator(".fr-reply").fill("Goede vraag, de wethouder.")
    press(page_b, item.locator(".fr-rate"))
    expect(page_b.locator(".fr-status")).to_have_text("Thank you: your appreciation is saved.")
    expect(page_b.locator(".fr-received-item").get_by_label("very helpful")).to_be_checked()
    # Flagging asks its reason in the page (no browser prompt).
    dialogs = []
    page_b.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    press(page_b, page_b.locator(".fr-flag-open"))
    page_b.get_by_label("Why should the programme staff look at this feedback? (optional)").fill("Te scherp")
    press(page_b, page_b.locator(".fr-flag-send"))
    expect(page_b.locator(".fr-received-item")).to_contain_text("You flagged this to the programme staff.")
    assert dialogs == []
    assert page_b.evaluate("window.__xss") is None and page_a.evaluate("window.__xss") is None

    # Staff: the overview, then hide the flagged feedback from the group's items.
    staff.reload()
    overview = staff.locator(".fr-staff-overview")
    expect(overview).to_contain_text("1 flag")
    # No due date: Chris has not posted yet, which is not being behind.
    expect(overview.locator(".fr-not-yet")).to_contain_text(chris)
    expect(overview.locator(".fr-behind")).to_have_count(0)
    assert_axe_clean(staff)
    press(staff, overview.locator(".fr-read-group").first)
    items = staff.locator(".fr-staff-group")
    expect(items).to_contain_text("Flagged by 1 participant")
    flagged = items.locator(".fr-staff-item", has_text="Wie beslist er over de inkoop?")
    press(staff, flagged.locator(".fr-hide"))
    expect(staff.locator(".fr-staff-status")).to_contain_text("Saved")
    expect(items.locator(".fr-staff-item.fr-hidden")).to_contain_text("Wie beslist er over de inkoop?")
    page_b.reload()
    expect(page_b.locator(".fr-received-item")).to_have_count(0)
    expect(page_b.locator(".fr-received")).to_contain_text("No feedback for you yet.")

    # Chris, in Dutch: reads the group's updates and gives feedback.
    page_c = dutch_context.new_page()
    page_c.goto(url(demo_server, chris))
    dutch = page_c.locator(".leergang-feedback-round")
    expect(dutch.locator(".fr-give h3")).to_have_text("2. Jouw feedback aan anderen")
    form = dutch.locator(".fr-feedback-form", has_text=f"Feedback aan {anna}")
    form.locator(".fr-answer[data-prompt=recognise]").fill("Dit herken ik uit mijn gemeente.")
    press(page_c, form.locator(".fr-send"))
    expect(dutch.locator(".fr-status")).to_have_text("Je feedback is opgeslagen.")
    assert_axe_clean(page_c)
    for context in (first, second):
        context.close()


def test_the_round_fits_a_phone(browser, demo_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{demo_server.url}/scenario/leergang_feedback_round.0/?student=anna_phone")
    block = page.locator(".leergang-feedback-round")
    expect(block).to_be_visible()
    width = page.evaluate("document.querySelector('.leergang-feedback-round').scrollWidth")
    assert width <= 360
    context.close()
