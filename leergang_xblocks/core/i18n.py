"""Translations: one gettext domain (`text`) for Python, templates and JS.

The `.po` files live in `leergang_xblocks/translations/<lang>/LC_MESSAGES/`,
compiled to `.mo` for Python and templates (read through the runtime's `i18n`
service, which is how the LMS finds a block's translations) and to one small
JS catalog per block (`<block>/static/i18n/<lang>.js`), because the workbench
has no JS catalog URL and the LMS's one does not include a pip-installed
block's strings. `tools/i18n.py` extracts, compiles and checks them.
"""
import os

from django.utils import translation

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
LANGUAGES = ("en", "nl")


def _(text):
    """Mark a string for extraction where it must stay untranslated until use
    (field names, class attributes); translate it later with `block.translate`."""
    return text


def _n(singular, plural):
    """Mark a pair of strings whose choice depends on a number; translate it later with
    `block.translate_plural(pair, count)` (Dutch, like English, says "1 bijeenkomst",
    "2 bijeenkomsten": never "bijeenkomst(en)")."""
    return (singular, plural)


def active_language():
    """'nl' or 'en': the language the runtime activated for this request."""
    language = (translation.get_language() or "en").split("-")[0].lower()
    return language if language in LANGUAGES else "en"


class I18nMixin:
    """Translation helpers for a block; the block must `@XBlock.needs('i18n')`."""

    def translate(self, text):
        service = self.runtime.service(self, "i18n")
        gettext = getattr(service, "gettext", None) or getattr(service, "ugettext", None)
        return gettext(text) if gettext else text

    def translate_plural(self, pair, count):
        """The form of `pair` (see `_n`) for `count`, in the reader's language."""
        singular, plural = pair
        service = self.runtime.service(self, "i18n")
        ngettext = getattr(service, "ngettext", None) or getattr(service, "ungettext", None)
        return ngettext(singular, plural, count) if ngettext else (singular if count == 1 else plural)

    @property
    def language(self):
        return active_language()

    @property
    def shown_display_name(self):
        """The block's title on the page: what the author wrote, or, where the author
        kept the default, the default in the reader's language (a field default is
        an English source string; the platform shows it untranslated elsewhere)."""
        field = self.fields.get("display_name")
        if field is not None and self.display_name == field.default:
            return self.translate(field.default)
        return self.display_name

    def localized(self, value):
        """Pick the current language from an authored {'nl': ..., 'en': ...} text."""
        if isinstance(value, dict):
            return value.get(self.language) or value.get("en") or value.get("nl") or ""
        return value or ""
