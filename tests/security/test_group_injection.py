"""Script and HTML in the texts of small groups (group names pasted or typed by
staff, members' display names, introductions) reach the page only as escaped
text: in the participant's view, in the staff panel and in the answers the
panel's script puts into the page (`html`, rendered by the server)."""
import uuid
from urllib.parse import quote

from tests.support.groups import new_course, visit
from tests.support.workbench import Participant

PAYLOADS = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=1</script>",
            '"><svg onload=alert(1)>']


def assert_escaped(html, payload):
    assert payload not in html, "a payload reached the page unescaped"


def test_group_names_display_names_and_introductions_are_escaped_everywhere():
    scenario, usage = new_course()
    tag = uuid.uuid4().hex[:5]
    # A display name with markup: the demo's full name is the user id, as the LMS's
    # would be the profile name a participant typed.
    sly_name = f"sly{tag}<b>"
    sly = quote(sly_name)  # as it goes into the demo's ?student= address
    plain = f"plain{tag}"
    for person in (sly, plain):
        visit(scenario, person)
    staff = Participant(f"staff_{tag}")
    version = staff.get(usage, "groups_overview").json()["version"]
    pasted = staff.post(usage, "import_groups",
                        {"version": version, "text": f"{plain},{PAYLOADS[0]}\n{sly_name},{PAYLOADS[0]}"})
    assert pasted.status_code == 200, pasted.content
    assert_escaped(pasted.json()["html"], PAYLOADS[0])
    group = pasted.json()["groups"][0]
    renamed = staff.post(usage, "rename_group", {"version": pasted.json()["version"], "group": group["id"],
                                                 "name": PAYLOADS[2]})
    assert renamed.status_code == 200, renamed.content
    assert_escaped(renamed.json()["html"], PAYLOADS[2])
    assert "&quot;&gt;&lt;svg" in renamed.json()["html"]

    posted = Participant(plain).post(usage, "post_introduction", {"text": PAYLOADS[1]})
    assert posted.status_code == 200, posted.content
    assert_escaped(posted.json()["html"], PAYLOADS[1])

    for viewer in (plain, sly, f"staff_{tag}"):
        page = Participant(viewer).page(scenario).content.decode()
        for payload in PAYLOADS + [sly_name]:
            assert_escaped(page, payload)
    assert f"sly{tag}&lt;b&gt;" in Participant(plain).page(scenario).content.decode()
    staff_page = Participant(f"staff_{tag}").page(scenario).content.decode()
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in Participant(sly).page(scenario).content.decode()
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in staff_page
    csv = Participant(f"staff_{tag}").get(usage, "export_groups").content.decode("utf-8-sig")
    assert PAYLOADS[2] in csv  # a CSV holds the text as it is; it is not a page
