"""Markdown downloads show what people wrote as text (issue 20).

Each download is rendered with the two common renderers (python-markdown and
markdown-it, both of which pass raw HTML through): no element a participant
typed may come out, and a member cannot forge the document's headings or its
attribution line ("*name*") under another person's part.
"""
import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt

from leergang_xblocks.core.export import markdown_text
from tests.support.case import new_case_course
from tests.support.groups import arrange
from tests.workbench.test_case_handlers import define, entry, person
from tests.support.workbench import Participant

HOSTILE = [
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<script>alert(1)</script>",
    "[klik](javascript:alert(1))", "![x](https://example.invalid/x.png)", "*Mila*", "## Kop van een ander",
    "    <b>ingesprongen</b>", "1. lijst", "- punt", "---", "===", "| a | b |", "> citaat", "`code`",
    "&lt;img src=x&gt;", "\\<img src=x>", "<!-- commentaar -->", "<a href='x'>link</a>", "a_b_c * d **e**",
]


def renders(text):
    return [python_markdown.markdown(text), MarkdownIt("commonmark").render(text)]


@pytest.mark.parametrize("text", HOSTILE)
def test_written_text_renders_as_one_paragraph_of_the_same_text(text):
    for rendered in renders(markdown_text(text)):
        # One paragraph and nothing else: no element of the writer's.
        assert rendered.strip().startswith("<p>") and rendered.strip().endswith("</p>")
        inner = rendered.strip()[3:-4]
        assert "<" not in inner.replace("&lt;", "")


def test_a_case_download_in_markdown_keeps_a_participants_html_and_markup_as_text():
    scenario, (usage,) = new_case_course()
    kim = Participant(person())
    define(kim, usage, title="Casus <img src=x onerror=alert(1)>", purpose="*Mila*\n## Kop\n<svg onload=alert(1)>")
    kim.post(usage, "log_entry", entry(1, [("<script>alert(1)</script>", "2026-04-01")], done="[x](javascript:y)"))
    document = kim.get(usage, "download", "format=md").content.decode()
    for rendered in renders(document):
        assert "<img" not in rendered and "<svg" not in rendered and "<script" not in rendered
        assert "javascript:" not in rendered.replace("(javascript:y)", "")
        assert "<h2>Kop</h2>" not in rendered and "<em>Mila</em>" not in rendered


def test_a_member_cannot_forge_another_members_attribution_in_the_manifestatie():
    scenario, (usage,) = new_case_course(extra='case_fields="title" group_page="true"')
    mila, noor = Participant(person()), Participant(person())
    for p in (mila, noor):
        p.page(scenario)
    arrange(usage, {"Leergroep": [mila.student_id, noor.student_id]})
    forged = f"Mijn deel\n\n*{mila.student_id}*\n\n## Deel van een ander\n<img src=x onerror=alert(1)>"
    assert noor.post(usage, "save_group_page", {"heading": "<b>Oogst</b>", "text": forged, "seen": 0}).status_code == 200
    document = noor.get(usage, "group_page_download", "format=md").content.decode()
    for rendered in renders(document):
        assert "<img" not in rendered and "<b>" not in rendered
        assert "<h2>Deel van een ander</h2>" not in rendered
        # Only the real attribution line is emphasised: noor's own, under noor's part.
        assert rendered.count("<em>") == 1 and f"<em>{mila.student_id}</em>" not in rendered
