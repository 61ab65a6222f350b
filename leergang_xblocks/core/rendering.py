"""Rendering a block's views: Django templates through `xblock.utils`,
with the shared JS/CSS and the block's JS catalog added to the fragment.

Templates autoescape everything; learner text never goes through `|safe`.
JS and CSS are added inline so that blocks need no static-file collection step
and work the same in the LMS, in Studio and in the workbench.
"""
import functools

from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from .i18n import active_language


@functools.lru_cache(maxsize=None)
def _engine():
    """The engine `ResourceLoader.render_django_template` configures (with
    xblock.utils' i18n tags, which read the block's own catalog), built once:
    building it scans every installed template library, which cost more than
    rendering a results page."""
    libraries = get_installed_libraries()
    libraries["i18n"] = "xblock.utils.templatetags.i18n"
    return Engine(libraries=libraries)


@functools.lru_cache(maxsize=256)
def _resource(module_name, path):
    """A packaged file's text; package files do not change while the server runs."""
    return ResourceLoader(module_name).load_unicode(path)


def _compiled(module_name, template):
    # Compiled afresh for every render, as xblock.utils does: its {% trans %} node
    # merges the block's catalog into Django's translation and keeps the original
    # per node, so a node kept across renders merged another copy every time (a
    # memory leak of about 60 KB per Dutch page, found by the benchmarks).
    return Template(_resource(module_name, template), engine=_engine())


def render_template(block, loader, template, context):
    """Render a package template the way xblock.utils does, with compiled templates kept."""
    context = {**context, "_i18n_service": block.runtime.service(block, "i18n")}
    return _compiled(loader.module_name, template).render(Context(context))


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

