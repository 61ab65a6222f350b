"""Rendering a block's views: Django templates through `xblock.utils`,
with the shared JS/CSS and the block's JS catalog added to the fragment.

Templates autoescape everything; learner text never goes through `|safe`.
JS and CSS are added inline so that blocks need no static-file collection step
and work the same in the LMS, in Studio and in the workbench.

Translations in templates: `{% trans %}` and `{% blocktrans %}` are Django's
own tags, rendered while a translation that holds the block's catalog (from the
runtime's `i18n` service, the one xblock.utils' tags merge in) on top of
Django's is active. That translation is built once per language and catalog;
xblock.utils' tags instead rebuilt Django's whole translation and merged the
block's catalog into it for every tag of every render, which was most of the
time a results page took.
"""
import contextlib
import functools
import threading
from collections import OrderedDict

from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from django.utils import translation
from django.utils.translation import trans_real
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from .i18n import active_language


@functools.lru_cache(maxsize=None)
def _engine():
    """An engine with every installed template library (Django's `i18n` among
    them), built once: building it scans every installed library, which cost
    more than rendering a results page."""
    return Engine(libraries=get_installed_libraries())


@functools.lru_cache(maxsize=256)
def _resource(module_name, path):
    """A packaged file's text; package files do not change while the server runs."""
    return ResourceLoader(module_name).load_unicode(path)


@functools.lru_cache(maxsize=256)
def _compiled(module_name, template):
    """A package template, compiled once. Django's own nodes keep no state
    between renders (xblock.utils' `{% trans %}` node did: it merged another
    copy of the block's catalog on every render, which is why templates were
    compiled afresh for each render while those tags were used)."""
    return Template(_resource(module_name, template), engine=_engine())


_MERGED_KEPT = 16  # languages x catalogs; a runtime that made a new catalog per request must not grow this
_merged_translations = OrderedDict()
_merging = threading.Lock()


def _translation_with_block_catalog(i18n_service):
    """Django's translation of the active language with the block's catalog on
    top, as xblock.utils' `{% trans %}` makes it, built once per language and
    catalog. None when nothing needs merging (no language active, or a service
    without a catalog: its strings are Django's)."""
    language = translation.get_language()
    catalog = getattr(i18n_service, "_catalog", None)
    if not language or not catalog:
        return None
    key = (language, id(catalog))
    found = _merged_translations.get(key)
    if found is None or found[0] is not catalog:  # the catalog is kept, so its id is not reused
        merged = trans_real.DjangoTranslation(language)  # noqa: private API, see core/platform.py
        merged.merge(i18n_service)
        found = (catalog, merged)
        with _merging:
            _merged_translations[key] = found
            if len(_merged_translations) > _MERGED_KEPT:
                _merged_translations.popitem(last=False)
    return found[1]


_NOT_SET = object()


def render_template(block, loader, template, context):
    """Render a package template with the block's translations active for its tags."""
    service = block.runtime.service(block, "i18n")
    compiled = _compiled(loader.module_name, template)
    merged = _translation_with_block_catalog(service)
    if merged is None:
        return compiled.render(Context(context))
    with _active_translation(merged):
        return compiled.render(Context(context))


def render_many(block, loader, template, contexts):
    """`render_template` of one template for each of `contexts`, under one activation of
    the block's translations (a view of thousands of items rendered item by item)."""
    service = block.runtime.service(block, "i18n")
    compiled = _compiled(loader.module_name, template)
    merged = _translation_with_block_catalog(service)
    if merged is None:
        return [compiled.render(Context(context)) for context in contexts]
    with _active_translation(merged):
        return [compiled.render(Context(context)) for context in contexts]


@contextlib.contextmanager
def _active_translation(merged):
    """`merged` active for this thread and this render only: what
    `translation.override` does for a language code. Django has no public call
    for a translation object, so this is the package's one use of Django's
    private `trans_real._active` (why: core/platform.py, "Private APIs")."""
    active = trans_real._active  # noqa: private API, see core/platform.py
    previous = getattr(active, "value", _NOT_SET)
    active.value = merged
    try:
        yield
    finally:
        if previous is _NOT_SET:
            del active.value
        else:
            active.value = previous


def view_fragment(block, loader, template, context, *, js_files=(), css_files=(),
                  init_fn=None, init_args=None):
    """A Fragment with the template rendered, core and block assets, and the
    JS catalog of the active language.

    `loader` is the block package's ResourceLoader; file names are relative to it.
    """
    fragment = Fragment(render_template(block, loader, template, context))
    fragment.add_css(_resource(__name__, "static/leergang_core.css"))
    for name in css_files:
        fragment.add_css(_resource(loader.module_name, name))
    try:
        fragment.add_javascript(_resource(loader.module_name, f"static/i18n/{active_language()}.js"))
    except FileNotFoundError:
        pass  # English needs no catalog: the source strings are English
    fragment.add_javascript(_resource(__name__, "static/leergang_core.js"))
    for name in js_files:
        fragment.add_javascript(_resource(loader.module_name, name))
    if init_fn:
        fragment.initialize_js(init_fn, init_args or {})
    return fragment

