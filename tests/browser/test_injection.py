"""Script and HTML payloads in every free-text field, every authored text
field and YAML value, viewed as the author of the text, a peer and staff in
Chromium: no script runs, and the text shows literally."""
import json
import re
import uuid

import requests
from playwright.sync_api import expect

PAYLOADS = [
    '<script>window.__xss=1;alert(1)</script>',
    '<img src=x onerror="window.__xss=1;alert(1)">',
    '<a href="javascript:window.__xss=1">klik</a>',
    '<svg onload="window.__xss=1;alert(1)"></svg>',
    '"><script>window.__xss=1</script>',
]
SCENARIO = "leergang_trust_scan.2"  # the custom-instrument scan: only this test changes it


def hostile_instrument():
    q = json.dumps
    return f"""key: hostile
title: {{nl: {q(PAYLOADS[0])}, en: {q(PAYLOADS[0])}}}
description: {q(PAYLOADS[1])}
scale:
  points: 5
  labels: [{q(PAYLOADS[2])}, "2", "3", "4", {q(PAYLOADS[3])}]
  dont_know: {q(PAYLOADS[4])}
dimensions:
  - key: gevaar
    name: {q(PAYLOADS[3])}
    description: {q(PAYLOADS[2])}
    bands:
      - {{min: 1, max: 5, text: {q(PAYLOADS[1])}}}
items:
  - {{key: a1, dimension: gevaar, text: {q(PAYLOADS[4])}}}
  - {{key: a2, dimension: gevaar, reverse: true, text: {q(PAYLOADS[0])}}}
"""


def usage_id(demo_server):
    html = requests.get(f"{demo_server.url}/scenario/{SCENARIO}/?student=probe", timeout=60).text
    return re.search(r"data-usage='([^']*\.leergang_trust_scan\.[^']*)'", html).group(1)


def post(demo_server, usage, handler, student, body):
    session = requests.Session()
    session.get(f"{demo_server.url}/scenario/{SCENARIO}/?student={student}", timeout=60)
    token = session.cookies.get("csrftoken")
    # Studio's save goes through Studio's own path (the demo mimics component_handler there).
    prefix = "studio/handler" if handler == "submit_studio_edits" else "handler"
    return session.post(f"{demo_server.url}/{prefix}/{usage}/{handler}/?student={student}", data=json.dumps(body),
                        headers={"X-CSRFToken": token, "Content-Type": "application/json",
                                 "Referer": demo_server.url + "/"}, timeout=60)


def watch(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def assert_no_script_ran(page, dialogs):
    assert dialogs == []
    assert page.evaluate("window.__xss === undefined")


def test_payloads_show_literally_and_never_run(browser, demo_server):
    usage = usage_id(demo_server)
    response = post(demo_server, usage, "submit_studio_edits", "staff_author", {
        "values": {"display_name": PAYLOADS[0], "intro": PAYLOADS[1], "instrument_key": "custom",
                   "custom_instrument_yaml": hostile_instrument(), "min_cohort_size": 3},
        "defaults": []})
    assert response.status_code == 200, response.text
    reflection = " ".join(PAYLOADS)
    url = f"{demo_server.url}/scenario/{SCENARIO}/"

    # The author of a reflection: submits, writes it, reloads.
    context = browser.new_context()
    page = context.new_page()
    dialogs = watch(page)
    author = "author_" + uuid.uuid4().hex[:6]
    page.goto(f"{url}?student={author}&lang=en")
    scan = page.locator(".leergang-trust-scan")
    expect(scan.locator("h2.leergang-title")).to_have_text(PAYLOADS[0])
    expect(scan.locator(".leergang-intro")).to_have_text(PAYLOADS[1])
    expect(scan.locator(".trust-scan-item legend").first).to_have_text(PAYLOADS[4])
    expect(scan.locator(".trust-scan-dimension > legend")).to_have_text(PAYLOADS[3])
    expect(scan.locator(".trust-scan-dimension-description")).to_have_text(PAYLOADS[2])
    scan.locator(".trust-scan-item").nth(0).locator("input").nth(4).check()
    scan.locator(".trust-scan-item").nth(1).locator("input").nth(0).check()
    scan.locator(".trust-scan-submit").click()
    expect(scan.locator(".trust-scan-result")).to_be_visible(timeout=10000)
    scan.locator(".trust-scan-reflection-text").fill(reflection)
    scan.locator(".trust-scan-save-reflection").click()
    expect(scan.locator(".trust-scan-live")).to_have_text("Note saved")
    page.reload()
    expect(scan.locator(".trust-scan-reflection-text")).to_have_value(reflection)
    expect(scan.locator(".trust-scan-bands dd").first).to_have_text(PAYLOADS[1])
    assert PAYLOADS[3] in scan.locator("table.trust-scan-table").inner_text()
    assert_no_script_ran(page, dialogs)

    # A peer, and staff with the cohort overview open.
    for student in ("peer_" + uuid.uuid4().hex[:6], "staff_" + uuid.uuid4().hex[:6]):
        page = context.new_page()
        dialogs = watch(page)
        page.goto(f"{url}?student={student}&lang=en")
        expect(page.locator(".trust-scan-item legend").nth(1)).to_have_text(PAYLOADS[0])
        if student.startswith("staff"):
            page.locator(".leergang-staff-panel summary").click()
            expect(page.locator(".trust-scan-staff")).to_be_visible(timeout=10000)
            assert PAYLOADS[3] in page.locator(".trust-scan-staff").inner_text()
        page.wait_for_timeout(300)
        assert_no_script_ran(page, dialogs)
    context.close()
