"""The demo index shows each scenario's title in the page's language
(demo/scenario_titles.py), so a browser test that opens a scenario from the index
by its English title must also find it on a Dutch index."""
import re

from demo.scenario_titles import TITLES


def either_language(english):
    """A pattern for a link named by (part of) its English title or by its Dutch title."""
    for en, nl in TITLES.values():
        if english in en:
            return re.compile(re.escape(english) + "|" + re.escape(nl))
    return re.compile(re.escape(english))
