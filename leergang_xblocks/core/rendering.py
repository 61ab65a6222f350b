"""Rendering a block's views: Django templates through `xblock.utils`,
with the shared JS/CSS and the block's JS catalog added to the fragment.

Templates autoescape everything; learner text never goes through `|safe`.
JS and CSS are added inline so that blocks need no static-file collection step
and work the same in the LMS, in Studio and in the workbench.
"""
import json

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from .i18n import active_language

_core_loader = ResourceLoader(__name__)


def render_template(block, loader, template, context):
    i18n_service = block.runtime.service(block, "i18n")
    return loader.render_django_template(template, context, i18n_service=i18n_service)


def view_fragment(block, loader, template, context, *, js_files=(), css_files=(),
                  init_fn=None, init_args=None):
    """A Fragment with the template rendered, core and block assets, and the
    JS catalog of the active language.

    `loader` is the block package's ResourceLoader; file names are relative to it.
    """
    fragment = Fragment(render_template(block, loader, template, context))
    fragment.add_css(_core_loader.load_unicode("static/leergang_core.css"))
    for name in css_files:
        fragment.add_css(loader.load_unicode(name))
    catalog = f"static/i18n/{active_language()}.js"
    try:
        fragment.add_javascript(loader.load_unicode(catalog))
    except FileNotFoundError:
        pass  # English needs no catalog: the source strings are English
    fragment.add_javascript(_core_loader.load_unicode("static/leergang_core.js"))
    for name in js_files:
        fragment.add_javascript(loader.load_unicode(name))
    if init_fn:
        fragment.initialize_js(init_fn, init_args or {})
    return fragment


def json_for_script(value):
    """JSON safe to place inside a <script> or a data attribute."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
