"""Small groups in Chromium: staff arrange groups with the keyboard from the
block's staff panel (axe-clean), a participant sees their group and posts an
introduction that their group reads and another group never sees; once in Dutch."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press

SCENARIO = "leergang_groups.1"   # a fresh group set ("werkgroepen"); only this test arranges it
PAYLOAD = '<img src=x onerror="window.__xss=1">'


def url(demo_server, student, lang="en"):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}&lang={lang}"


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-small-group")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_staff_arrange_groups_and_members_see_only_their_own_group(browser, demo_server):
    tag = uuid.uuid4().hex[:5]
    members = [f"{name}_{tag}" for name in ("anna", "bram", "chris", "dewi")]
    context = browser.new_context()
    page = context.new_page()
    for member in members:
        page.goto(url(demo_server, member))
        expect(page.locator(".small-group-none")).to_be_visible()

    # Staff: open the panel and make groups of two, by name, with the keyboard.
    page.goto(url(demo_server, f"staff_{tag}"))
    block = page.locator(".leergang-small-group")
    press(page, block.locator(".leergang-staff-panel summary"))
    panel = block.locator(".leergang-groups-staff")
    expect(panel).to_be_visible()
    for member in members:
        expect(panel.locator(".leergang-groups-ungrouped")).to_contain_text(member)
    assert_axe_clean(page)
    form = panel.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").fill("2")
    form.locator("select[name=order]").select_option("name")
    press(page, form.locator("button[type=submit]"))
    expect(block.locator(".leergang-groups-status")).to_have_text("Groups made.")
    rows = block.locator(".leergang-groups-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(members[0])
    expect(rows.nth(0)).to_contain_text(members[1])
    assert_axe_clean(page)

    # A paste with a wrong line: a clear message per line, nothing saved.
    paste = block.locator("form[data-handler=import_groups]")
    paste.locator("textarea").fill(f"{members[0]},Noord\nniemand_{tag},Noord\n{members[1]},")
    press(page, paste.locator("button[type=submit]"))
    # The lines' problems stand under the text box they are about, which has the focus.
    error = paste.locator("textarea + .leergang-field-error")
    expect(error).to_have_attribute("data-code", "bad_lines")
    expect(error).to_contain_text("Line 2")
    expect(error).to_contain_text(f"niemand_{tag}")
    expect(error).to_contain_text("Line 3")
    expect(paste.locator("textarea")).to_be_focused()
    expect(paste.locator("textarea")).to_have_attribute("aria-invalid", "true")
    expect(block.locator(".leergang-groups-table tbody tr")).to_have_count(2)

    # A participant sees their group with display names and posts an introduction.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url(demo_server, members[0]))
    block = page.locator(".leergang-small-group")
    expect(block.locator(".small-group-members")).to_contain_text(members[1])
    expect(block.locator(".small-group-members li")).to_have_count(2)
    assert_axe_clean(page)
    block.locator(".small-group-text").fill(f"Ik werk bij de gemeente. {PAYLOAD}")
    press(page, block.locator(".small-group-post"))
    expect(block.locator(".small-group-status")).to_have_text("Your introduction is posted to your group.")
    expect(block.locator(".small-group-intro-text")).to_have_text(f"Ik werk bij de gemeente. {PAYLOAD}")

    # Their group reads it (literally); the other group never sees it.
    page.goto(url(demo_server, members[1]))
    expect(page.locator(".small-group-intro-text")).to_have_text(f"Ik werk bij de gemeente. {PAYLOAD}")
    page.goto(url(demo_server, members[2]))
    expect(page.locator(".small-group-members")).to_contain_text(members[3])
    expect(page.locator(".small-group-no-intros")).to_be_visible()
    assert "Ik werk bij de gemeente" not in page.content()
    assert dialogs == [] and page.evaluate("window.__xss === undefined")
    context.close()


def test_a_participant_sees_their_group_in_dutch(dutch_context, demo_server):
    tag = uuid.uuid4().hex[:5]
    page = dutch_context.new_page()
    member = f"eva_{tag}"
    page.goto(url(demo_server, member, "nl"))
    expect(page.locator(".small-group-none")).to_contain_text("Je zit nog niet in een groep")
    page.goto(url(demo_server, f"staff_nl_{tag}", "nl"))
    block = page.locator(".leergang-small-group")
    press(page, block.locator(".leergang-staff-panel summary"))
    form = block.locator("form[data-handler=make_groups]")
    form.locator("input[value=ungrouped]").check()
    press(page, form.locator("button[type=submit]"))
    # Late joiners go into the smallest groups (or, with no groups yet, groups are made).
    expect(block.locator(".leergang-groups-status")).to_have_text("Groepen gemaakt.")
    page.goto(url(demo_server, member, "nl"))
    expect(page.locator(".small-group-introductions h3")).to_have_text("Voorstelrondje")
    expect(page.locator(".small-group-post")).to_have_text("Mijn introductie plaatsen")
    assert_axe_clean(page)


REGROUP_SCENARIO = "leergang_feedback_round.3"   # a group set of its own ("omgroeperen"); only this test uses it


def test_staff_regroup_while_a_round_runs_confirm_and_the_mover_keeps_their_work(browser, demo_server):
    tag = uuid.uuid4().hex[:5]
    people = [f"{name}_{tag}" for name in ("anna", "bram", "chris", "dewi")]
    page = browser.new_context().new_page()

    def open_as(student):
        page.goto(f"{demo_server.url}/scenario/{REGROUP_SCENARIO}/?student={student}")
        return page.locator(".leergang-feedback-round")

    for person in people:
        open_as(person)
    block = open_as(f"staff_{tag}")
    press(page, block.locator(".leergang-groups-panel summary"))
    form = block.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").fill("2")
    form.locator("select[name=order]").select_option("name")
    press(page, form.locator("button[type=submit]"))   # nobody wrote yet: no question asked
    expect(block.locator(".leergang-groups-status")).to_have_text("Groups made.")

    block = open_as(people[0])
    block.locator(".fr-update-text").fill("ANNA-VOOR-DE-OMZETTING")
    press(page, block.locator(".fr-post-update"))
    expect(block.locator(".fr-status")).to_have_text("Your update is posted to your group.")

    # Replacing every group now asks first, says what happens, and changes nothing until confirmed.
    block = open_as(f"staff_{tag}")
    press(page, block.locator(".leergang-groups-panel summary"))
    version = block.locator(".leergang-groups-staff").get_attribute("data-version")
    form = block.locator("form[data-handler=make_groups]")
    form.locator("input[name=size]").fill("2")
    form.locator("select[name=order]").select_option("random")
    press(page, form.locator("button[type=submit]"))
    step = form.locator(".leergang-groups-confirm")
    expect(step).to_be_visible()
    expect(step.locator(".leergang-groups-confirm-yes")).to_be_focused()
    assert_axe_clean_round(page)
    press(page, step.locator(".leergang-groups-confirm-no"))
    expect(step).to_have_count(0)
    assert block.locator(".leergang-groups-staff").get_attribute("data-version") == version
    press(page, form.locator("button[type=submit]"))
    press(page, form.locator(".leergang-groups-confirm-yes"))
    expect(block.locator(".leergang-groups-status")).to_have_text("Groups made.")
    assert block.locator(".leergang-groups-staff").get_attribute("data-version") != version

    # Whatever group anna is in now, her update stays hers to read.
    block = open_as(people[0])
    expect(block.locator(".fr-earlier, .fr-my-update")).not_to_have_count(0)
    expect(block).to_contain_text("ANNA-VOOR-DE-OMZETTING")


def assert_axe_clean_round(page):
    results = Axe().run(page, context=".leergang-feedback-round")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
