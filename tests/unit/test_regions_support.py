"""The test helper that holds a write's regions against the page must be able to fail."""
import pytest

from tests.support.regions import assert_answer_matches_page, regions_of

PAGE = ('<div class="block"><section data-region="status"><p>Twee van <b>drie</b></p>'
        '<input name="x"><div data-region="list"><ul><li>één</li></ul></div></section>\n'
        '<ol data-region="log"><li>&lt;script&gt;</li></ol></div>')


def test_regions_are_read_whole_nested_ones_too():
    found = regions_of(PAGE)
    assert set(found) == {"status", "list", "log"}
    assert found["list"] == '<div data-region="list"><ul><li>één</li></ul></div>'
    assert found["log"].endswith("</ol>") and "&lt;script&gt;" in found["log"]


def test_an_answer_that_agrees_with_the_page_passes_whitespace_aside():
    assert_answer_matches_page({"regions": {"list": '<div data-region="list">\n  <ul><li>één</li></ul>\n</div>'}}, PAGE)


@pytest.mark.parametrize("answer", [
    {"regions": {"list": '<div data-region="list"><ul><li>twee</li></ul></div>'}},
    {"regions": {"missing": "<div data-region=\"missing\"></div>"}},
    {"regions": {}},
    {"html": PAGE},
])
def test_an_answer_that_differs_or_names_no_region_fails(answer):
    with pytest.raises(AssertionError):
        assert_answer_matches_page(answer, PAGE)
