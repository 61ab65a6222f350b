"""The demo's index as a newcomer meets it (issue 21): every scenario under its title in
the page's language (never a Dutch title on the English index), the demo's groups
beside the scenarios that use them, and the sample courses' placeholder list only
where a course still has placeholders."""
import html
import re

import pytest
from django.test import Client

from demo import demo_groups, sample_course_index, scenario_titles


def index(language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.get("/").status_code == 200  # loads the scenarios
    return client.get("/").content.decode()


def demo_own(scenario_id):
    """The demo's own scenarios: other tests and the benchmarks register theirs in the same
    process (casetest.*, bench.*), which the demo never lists."""
    return scenario_id.startswith(("leergang_", "sample_course."))


def listed_titles(page):
    """{scenario id: the title its link shows} on the index (tags inside the link dropped)."""
    return {m.group(1): html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
            for m in re.finditer(r'<li><a href="/scenario/([^/]+)/">(.*?)</a>', page, flags=re.DOTALL)}


def test_every_scenario_has_a_title_in_both_languages():
    missing = [scenario_id for scenario_id, _ in sample_course_index.listed_scenarios()
               if demo_own(scenario_id) and not scenario_titles.is_sample_course(scenario_id)
               and (scenario_id not in scenario_titles.TITLES or not all(scenario_titles.TITLES[scenario_id]))]
    assert missing == [], "add their titles to demo/scenario_titles.py"


@pytest.mark.parametrize("language, position, prefix", [("en", 0, "Sample course"), ("nl", 1, "Voorbeeldcursus")])
def test_the_index_shows_each_title_in_its_language(language, position, prefix):
    shown = {k: v for k, v in listed_titles(index(language)).items() if demo_own(k)}
    assert set(shown) == {scenario_id for scenario_id, _ in sample_course_index.listed_scenarios()
                          if demo_own(scenario_id)}
    for scenario_id, title in shown.items():
        if scenario_titles.is_sample_course(scenario_id):
            assert title.startswith(prefix + ": "), title
        else:
            assert title == scenario_titles.TITLES[scenario_id][position]


def test_no_dutch_title_on_the_english_index():
    page = index("en")
    dutch = [nl for en, nl in scenario_titles.TITLES.values() if nl != en and html.escape(nl) in page]
    assert dutch == [] and "Voorbeeldcursus" not in page
    # A sample course's name is Dutch: it says so, for a screen reader's pronunciation.
    assert re.search(r'Sample course: <span lang="nl">', page)


def test_a_scenario_page_is_headed_by_its_title_in_the_pages_language():
    for language, position in (("en", 0), ("nl", 1)):
        page = Client(HTTP_ACCEPT_LANGUAGE=language).get("/scenario/leergang_case.0/?student=anna").content.decode()
        heading = re.search(r'<h1 class="title">(.*?)</h1>', page).group(1)
        assert html.unescape(heading) == scenario_titles.TITLES["leergang_case.0"][position]


def test_the_groups_are_named_beside_the_scenarios_that_use_them_and_staff_arrange_the_others():
    page = index("en")
    items = {m.group(1): m.group(0) for m in re.finditer(r'<li><a href="/scenario/([^/]+)/">.*?</li>', page,
                                                          flags=re.DOTALL)}
    for scenario_id in ("leergang_groups.0", "leergang_feedback_round.0", "leergang_case.1", "leergang_dialogue.1"):
        assert "?student=chris" in items[scenario_id] and "?student=ilse" in items[scenario_id], scenario_id
    for scenario_id in demo_groups.STAFF_ARRANGES:
        assert scenario_titles.WORDS["en"]["arrange_first"] in items[scenario_id]
        assert "?student=chris" not in items[scenario_id]
    assert "?student=chris" not in items["leergang_trust_scan.0"]


def test_no_placeholder_section_when_no_course_has_placeholders():
    page = index("en")
    assert "No placeholders" not in page and "demo-placeholders-heading" not in page


def test_a_course_with_placeholders_is_listed_and_only_that_one(monkeypatch):
    from sample_courses import build
    real = build.placeholders
    first = build.load_outline(build.outline_paths()[0])

    def one_placeholder(outline):
        if outline["course"]["display_name"] != first["course"]["display_name"]:
            return real(outline)
        unit = first["chapters"][0]["units"][0]
        return [(1, unit, "leergang_case")]

    monkeypatch.setattr(build, "placeholders", one_placeholder)
    page = index("en")
    section = page[page.index('id="demo-placeholders-heading"'):]
    assert section.count("<h3 ") == 1 and html.escape(first["course"]["display_name"]) in section
    units = sum(len(chapter["units"]) for chapter in first["chapters"])
    assert f"1 of {units} units are placeholders." in section
    listing = sample_course_index.sample_course_listing({})
    assert sum(1 for course in listing if course["placeholders"]) == 1
