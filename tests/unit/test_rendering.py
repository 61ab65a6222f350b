"""Templates translate through the block's own catalog, in the language of the
request, and leave the thread's translation as they found it
(core/rendering.py builds the merged translation once per language)."""
from types import SimpleNamespace

from django.utils import translation

from demo.services import DemoI18nService
from leergang_xblocks.core.rendering import render_template
from leergang_xblocks.trust_scan.block import loader

RESULTS = {"points": 5, "dimensions": [], "cohort_shown": False, "min_cohort_size": 5}


def render(language):
    block = SimpleNamespace(runtime=SimpleNamespace(service=lambda block, name: DemoI18nService()))
    with translation.override(language):
        html = render_template(block, loader, "templates/results.html", {"r": RESULTS, "element_id": "x"})
        assert translation.get_language() == language   # what was active before the render is back
    return html


def test_templates_use_the_block_catalog_in_the_active_language_and_do_not_leak_it():
    for _ in range(2):   # the second round renders from the kept templates and translations
        dutch, english = render("nl"), render("en")
        assert "Je uitkomsten" in dutch and "Your results" not in dutch
        assert "Your results" in english and "Je uitkomsten" not in english
        assert "5 (hoog)" in dutch and "5 (high)" in english   # {% blocktrans with %} too
    # Outside a render, Django's own translation (without the block's strings) is active again.
    with translation.override("nl"):
        assert translation.gettext("Your results") == "Your results"
