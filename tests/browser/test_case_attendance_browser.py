"""The case tracker's attendance grid in Chromium (issue 20), keyboard only: cells in two
sessions, three states, "presented" in the same explicit save; a save while the filter
shows one person writes that person's changed cells and nothing of the other rows (their
own changes stay pending, counted); leaving with unsaved changes asks first. At 320 px,
axe-clean, in English and once in Dutch. Asserts states and codes, not wording."""
import uuid

from playwright.sync_api import expect

from tests.browser.test_case_browser import assert_axe_clean, press, url


def participant_with_a_case(context, demo_server, student):
    page = context.new_page()
    page.goto(url(demo_server, student))
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    form = page.locator(".leergang-case form.case-definition")
    form.locator("[name='field:title']").fill(f"Casus van {student}")
    press(page, form.locator("button[type=submit]"))
    expect(page.locator(".leergang-case form.case-entry")).to_be_visible()
    page.close()


def stored_states(block):
    """What the page loaded for every row: {row id: [data-was of each attendance cell, then "presented"]}."""
    return block.locator(".case-overview-table tbody tr").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.dataset.id, "
        "Array.from(r.querySelectorAll('.case-att[data-was]')).concat(Array.from(r.querySelectorAll("
        "'.case-presented[data-was]'))).map(c => c.getAttribute('data-was'))]))")


def attendance_grid(context, demo_server):
    first, second = f"eerste_{uuid.uuid4().hex[:6]}", f"tweede_{uuid.uuid4().hex[:6]}"
    for student in (first, second):
        participant_with_a_case(context, demo_server, student)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url(demo_server, f"staff_{uuid.uuid4().hex[:6]}"))
    block = page.locator(".leergang-case")
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    press(page, block.locator(".case-staff-panel > summary"))
    press(page, block.locator(".case-load-overview"))
    row_a, row_b = (block.locator(f"tr[data-name='{s}']") for s in (first, second))
    expect(row_a).to_be_visible()
    expect(row_b).to_be_visible()
    assert_axe_clean(page)
    before = stored_states(block)
    id_a, id_b = row_a.get_attribute("data-id"), row_b.get_attribute("data-id")
    assert before[id_a][:2] == ["unrecorded", "unrecorded"] and before[id_b][0] == "unrecorded"

    # Keyboard only: the options run not recorded, present, absent.
    press(page, row_a.locator(".case-att[data-session='1']"), "ArrowDown")
    press(page, row_a.locator(".case-att[data-session='2']"), "ArrowDown")
    b1 = row_b.locator(".case-att[data-session='1']")
    press(page, b1, "ArrowDown")
    page.keyboard.press("ArrowDown")
    press(page, row_b.locator(".case-presented"), "Space")
    expect(row_a.locator(".case-att[data-session='2']")).to_have_value("present")
    expect(b1).to_have_value("absent")
    unsaved = block.locator(".case-unsaved")
    expect(unsaved).to_have_attribute("data-count", "4")

    # Filter to the first person and save: only their two cells are written.
    block.locator(".case-filter").focus()
    page.keyboard.type(first)
    expect(row_b).to_be_hidden()
    expect(unsaved).to_have_attribute("data-hidden", "2")
    press(page, block.locator(".case-save-grid"))
    expect(unsaved).to_have_attribute("data-count", "2")     # the second person's changes wait
    expect(row_a.locator(".case-att[data-session='1']")).to_have_attribute("data-was", "present")
    expect(row_a.locator(".case-att[data-session='2']")).to_have_attribute("data-was", "present")
    after = stored_states(block)
    assert after[id_a][:2] == ["present", "present"]
    assert {k: v for k, v in after.items() if k != id_a} == {k: v for k, v in before.items() if k != id_a}
    expect(block.locator(".case-filter")).to_have_value(first)   # the filter stays
    expect(b1).to_have_value("absent")                             # the pending change too
    assert_axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1

    # Leaving with unsaved changes asks first.
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()


def test_attendance_grid_saves_only_the_changed_cells_of_the_rows_shown(browser, demo_server):
    context = browser.new_context()
    attendance_grid(context, demo_server)
    context.close()


def test_attendance_grid_in_dutch(dutch_context, demo_server):
    attendance_grid(dutch_context, demo_server)


def open_overview(context, demo_server):
    page = context.new_page()
    page.goto(url(demo_server, f"staff_{uuid.uuid4().hex[:6]}"))
    block = page.locator(".leergang-case")
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    press(page, block.locator(".case-staff-panel > summary"))
    press(page, block.locator(".case-load-overview"))
    expect(block.locator(".case-overview-table")).to_be_visible()
    return page, block


def test_a_stale_save_saves_nothing_shows_what_is_stored_and_keeps_the_other_changes(browser, demo_server):
    """Two members of staff on the same cell: the later save is refused (409) and its page
    reloads the cell as stored; its change in another cell stays, still unsaved."""
    context = browser.new_context()
    student = f"deelnemer_{uuid.uuid4().hex[:6]}"
    participant_with_a_case(context, demo_server, student)
    (first, first_block), (second, second_block) = (open_overview(context, demo_server) for _ in range(2))
    press(first, first_block.locator(f"tr[data-name='{student}'] .case-att[data-session='1']"), "ArrowDown")
    first.keyboard.press("ArrowDown")                                  # absent
    press(first, first_block.locator(".case-save-grid"))
    expect(first_block.locator(".case-unsaved")).to_have_attribute("data-count", "0")
    row = second_block.locator(f"tr[data-name='{student}']")
    press(second, row.locator(".case-att[data-session='1']"), "ArrowDown")   # present, over a stale "not recorded"
    press(second, row.locator(".case-att[data-session='2']"), "ArrowDown")
    press(second, second_block.locator(".case-save-grid"))
    expect(second_block.locator(".case-staff-error")).to_have_attribute("data-code", "stale_attendance")
    expect(second_block.locator(".case-staff-error")).to_be_visible()
    expect(row.locator(".case-att[data-session='1']")).to_have_attribute("data-was", "absent")
    expect(row.locator(".case-att[data-session='1']")).to_have_value("absent")
    expect(row.locator(".case-att[data-session='2']")).to_have_value("present")      # kept, unsaved
    expect(row.locator(".case-att[data-session='2']")).to_have_attribute("data-was", "unrecorded")
    expect(second_block.locator(".case-unsaved")).to_have_attribute("data-count", "1")
    assert_axe_clean(second)
    context.close()
