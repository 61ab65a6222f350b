"""The parts of a participant view a write may answer with (`data-region`), as the page has them.

A block's write answers `{"regions": {name: html}}`, each html the whole element marked
`data-region="name"`, rendered by the same template part as the page; the page's JS
swaps them in (`LeergangCore.replaceRegions`). These helpers let a test hold a write's
answer against the page rendered afresh right after it: the two must agree region by
region, which is what the participant would see after a reload.
"""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _RegionParser(HTMLParser):
    """Collects the outer HTML of every element carrying data-region (outermost first)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.found = {}
        self._open = []  # [name, tag, depth, start offset]
        self._depth = 0
        self._line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self._depth += 1
        name = dict(attrs).get("data-region")
        if name is not None:
            self._open.append([name, tag, self._depth, self._offset()])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._open and self._open[-1][1] == tag and self._open[-1][2] == self._depth:
            name, _tag, _depth, start = self._open.pop()
            end = self.html.index(">", self._offset()) + 1
            self.found.setdefault(name, self.html[start:end])
        self._depth -= 1


def regions_of(html):
    """{name: outer html} of every data-region element in `html`."""
    return _RegionParser(html).found


def normalised(html):
    """Whitespace between tags does not show: compare regions without it."""
    return " ".join(html.split()).replace("> <", "><")


def assert_answer_matches_page(answer, page_html):
    """Every region a write answered is on the page, and reads the same there."""
    regions = answer.get("regions")
    assert regions, "the write answered no regions"
    on_page = regions_of(page_html)
    for name, html in regions.items():
        assert name in on_page, f"the page has no region {name!r}"
        assert normalised(html) == normalised(on_page[name]), f"region {name!r} differs from the page"
