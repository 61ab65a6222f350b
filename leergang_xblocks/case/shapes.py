"""The case tracker's request limits and the size check every stored record passes:
a leaf module, so the handler mixins (paper.py, ...) and block.py share them
without importing block.py."""
import json

from ..core import storage
from ..core.handlers import HandlerError, Str
from ..core.i18n import _

MAX_FIELD = 20_000
MAX_ACTIONS = 20
MAX_BODY = 512 * 1024
# A record is one edx-submissions row: at most 100 KB of JSON (non-ASCII text counts 6 bytes a character).
MAX_RECORD_BYTES = storage.MAX_RECORD_BYTES - 2048

FIELD_TEXT = Str(MAX_FIELD, multiline=True)


def check_size(record):
    if len(json.dumps(record)) > MAX_RECORD_BYTES:
        raise HandlerError(413, "too_long_in_total", _("This is too long to store in one go. Shorten the longest "
                                                       "texts (each field holds at most %(max)s characters)."),
                           max=MAX_FIELD)
