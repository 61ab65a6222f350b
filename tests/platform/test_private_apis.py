"""The platform's and Django's private APIs, and the public routes that replace
them where one exists (core/platform.py, "Private APIs").

- Studio's `studio_user_permissions.can_write` is deprecated in newer platforms
  (openedx/core/djangoapps/content/services.py, StudioPermissionsService:
  DeprecationWarning, openedx/openedx-platform#37409); `can_edit_content` is
  asked where the service has it, `can_write` only where it does not.
- Django's `trans_real` is used in one function of core/rendering.py, for one
  render, and the thread's translation is put back afterwards.
"""
import ast
import gettext
import warnings
from pathlib import Path

from django.utils import translation

from leergang_xblocks.core import platform
from leergang_xblocks.core.i18n import TRANSLATIONS_DIR
from leergang_xblocks.trust_scan.block import TrustScanBlock
from tests.support import platform_fakes as fakes

PACKAGE = Path(platform.__file__).resolve().parent.parent


def test_studio_authorship_takes_the_public_route_where_the_platform_has_it():
    runtime = fakes.studio_save(deprecated=True)
    block = fakes.block_on(runtime, TrustScanBlock)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert platform.may_author(block)
    assert not [w for w in caught if issubclass(w.category, DeprecationWarning)]
    refused = fakes.block_on(fakes.studio_save(user=fakes.LEARNER, deprecated=True), TrustScanBlock)
    assert not platform.may_author(refused)


def test_studio_authorship_on_releases_with_only_can_write():
    runtime = fakes.studio_save()
    assert not hasattr(runtime.service(fakes.block_on(runtime, TrustScanBlock), "studio_user_permissions"),
                       "can_edit_content")
    assert platform.may_author(fakes.block_on(runtime, TrustScanBlock))


def _uses_of(name):
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.Module)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Attribute) and inner.attr == name and isinstance(node, ast.FunctionDef):
                        found.append((path.name, node.name))
    return sorted(set(found))


def test_djangos_private_translation_state_is_touched_in_one_place():
    assert _uses_of("_active") == [("rendering.py", "_active_translation")]
    assert {path for path, _ in _uses_of("DjangoTranslation")} == {"rendering.py"}


class DutchCatalog:
    """The runtime's i18n service with the package's own catalog, as the LMS builds it.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb xmodule/modulestore/django.py XBlockI18nService (the LMS's 'i18n' service, block_render.py prepare_runtime_for_user)
    """

    def __init__(self):
        self._translation = gettext.translation("text", localedir=TRANSLATIONS_DIR, languages=["nl"])

    def __getattr__(self, name):
        # gettext, ngettext and the catalog's `_catalog`, `plural`, `_fallback`, as
        # XBlockI18nService hands its translator's attributes through.
        return getattr(self._translation, name)


def test_a_render_in_dutch_uses_the_blocks_catalog_and_leaves_the_thread_as_it_was():
    runtime = fakes.studio_preview()
    runtime._services["i18n"] = DutchCatalog()
    block = fakes.block_on(runtime, TrustScanBlock)
    with translation.override("nl"):
        html = block.render("student_view", {}).content
        assert "Hier worden geen antwoorden bewaard." in html
        assert translation.get_language() == "nl"
        assert translation.gettext("Answers are not saved here.") == "Answers are not saved here."
