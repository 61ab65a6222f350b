"""The final paper as a file and its assessment by a rubric with two readers, in
Chromium: a participant hands in a PDF (a renamed program is refused at the file
field first) and downloads it; two staff members read it apart, they differ, a
third decides; the participant sees the verdict per criterion. By keyboard, axe-clean,
in English on a phone (375 px) and in Dutch on a laptop (1280 px)."""
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.support.keyboard import press, type_into

SCENARIO = "leergang_case.3"   # the VU-like final paper: a file, a rubric, two readers, a third decides
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def url(demo_server, student):
    return f"{demo_server.url}/scenario/{SCENARIO}/?student={student}"


def assert_axe_clean(page):
    results = Axe().run(page, context=".leergang-case")
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def assert_fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def hand_in(page, demo_server, student, width):
    page.goto(url(demo_server, student))
    block = page.locator(".leergang-case")
    expect(page.locator("[data-leergang-ready=true] .leergang-case")).to_have_count(1)
    case = block.locator("form.case-definition")
    type_into(page, case.locator("[name='field:title']"), "Minder verantwoording in de jeugdhulp")
    press(page, case.locator("button[type=submit]"))
    paper = block.locator("form.case-paper")
    expect(paper).to_be_visible()
    chooser = paper.locator("input[type=file]")
    chooser.set_input_files({"name": "paper.pdf", "mimeType": "application/pdf",
                             "buffer": b"MZ\x90\x00" + b"\x00" * 64})   # a program, renamed
    press(page, paper.locator("button[type=submit]"))
    expect(paper.locator(".leergang-field-error[data-code=file_type]")).to_be_visible()
    expect(block.locator(".case-paper-file")).to_have_count(0)
    assert_axe_clean(page)
    block.locator("form.case-paper input[type=file]").set_input_files(
        {"name": "Mijn eindpaper.pdf", "mimeType": "application/pdf", "buffer": PDF})
    type_into(page, block.locator("form.case-paper [name=reflection]"), "Ik leerde loslaten.")
    press(page, block.locator("form.case-paper button[type=submit]"))
    link = block.locator(".case-paper-file a")
    expect(link).to_have_text("Mijn eindpaper.pdf")
    with page.expect_download() as download:
        press(page, link)
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == PDF
    assert_fits(page, width)
    assert_axe_clean(page)


def open_case(page, demo_server, staff, student):
    page.goto(url(demo_server, staff))
    block = page.locator(".leergang-case")
    press(page, block.locator(".case-staff-panel > summary"))
    press(page, block.locator(".case-load-overview"))
    row = block.locator(f"tr[data-name='{student}']")
    expect(row).to_be_visible()
    press(page, row.locator(".case-open"))
    view = block.locator(".case-staff-view")
    expect(view.locator("form[data-handler=assess_paper]")).to_be_visible()
    return block, view


def read(page, demo_server, student, levels, feedback, expected_state, width):
    block, view = open_case(page, demo_server, f"staff_{uuid.uuid4().hex[:6]}", student)
    form = view.locator("form[data-handler=assess_paper]")
    for index, level in enumerate(levels):
        press(page, form.locator(f"#case-assess-{index}-{level}"), " ")
    type_into(page, form.locator("[name=feedback]"), feedback)
    press(page, form.locator("button[type=submit]"))
    expect(block.locator(".case-readers-state")).to_have_attribute("data-state", expected_state)
    assert_fits(page, width)
    assert_axe_clean(page)
    return block


def flow(page, demo_server, width, words):
    student = f"deelnemer_{uuid.uuid4().hex[:6]}"
    hand_in(page, demo_server, student, width)
    first = read(page, demo_server, student, [2, 2, 1], "EERSTE-LEZER", "waiting", width)
    expect(first.locator(".case-staff-view")).to_contain_text("EERSTE-LEZER")
    second = read(page, demo_server, student, [0, 1, 1], "TWEEDE-LEZER", "decide", width)
    expect(second.locator(".case-staff-view")).to_contain_text("EERSTE-LEZER")   # both in: both shown
    read(page, demo_server, student, [1, 1, 1], "BESLUIT", "final", width)
    page.goto(url(demo_server, student))
    verdict = page.locator(".leergang-case .case-rubric-verdict")
    expect(verdict).to_contain_text(words["sufficient"])
    expect(page.locator(".leergang-case .case-paper-status")).to_contain_text(words["assessed"])
    assert_fits(page, width)
    assert_axe_clean(page)


def test_a_paper_file_and_two_readers_on_a_phone(browser, demo_server):
    context = browser.new_context(viewport={"width": 375, "height": 812}, accept_downloads=True)
    flow(context.new_page(), demo_server, 375, {"sufficient": "Sufficient", "assessed": "Assessed: sufficient"})
    context.close()


def test_the_same_in_dutch_on_a_laptop(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL", accept_downloads=True,
                                  extra_http_headers={"Accept-Language": "nl"})
    flow(context.new_page(), demo_server, 1280, {"sufficient": "Voldoende", "assessed": "voldoende"})
    context.close()
