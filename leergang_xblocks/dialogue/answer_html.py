"""The reasons of a participant's room as HTML, each rendered once per process.

A participant's page and every write's answer show the room's reasons: up to twelve
per option, each an item with its respond and report forms (`reason_item.html`).
Most of them are the same item in the next answer, for this participant and for the
next one: rendering them was most of the answer's template time. So each item's
HTML is kept, in this process, under a key of everything its markup is made of: the
item's fields as the view shows them (`DialogueBlock._reason_view`: id, text, name,
whose, stage, whether it can be answered and is flagged), the block's element id,
the view's `can_respond` and `max_response`, the active language and the
translations' catalog. A Studio edit, another participant's write or a hide changes
what the view holds, hence the key: a kept item is only ever used for exactly the
markup it was rendered from. Bounded (least recently used dropped first).
"""
import threading
from collections import OrderedDict

from django.utils import translation

from ..core.rendering import render_many

KEPT = 5000      # items (a few KB each): a few hundred rooms' worth
_kept = OrderedDict()
_keeping = threading.Lock()


def _key(item, view):
    return (view["element_id"], bool(view.get("can_respond")), view["max_response"], item["rid"], item["text"],
            item["is_you"], item["after_revote"], item["by_mentor"], item["name"], item["can_respond"],
            bool(item.get("flagged")))


def reason_groups(block, loader, view):
    """[{"label", "items", "items_html"}] of the view's reasons, for exercise.html."""
    groups = view.get("reasons") or []
    catalog = getattr(block.runtime.service(block, "i18n"), "_catalog", None)
    language = translation.get_language()
    found, missing = {}, []
    with _keeping:
        for group in groups:
            for item in group["items"]:
                key = (language, id(catalog), _key(item, view))
                kept = _kept.get(key)
                if kept is not None and kept[0] is catalog:   # the catalog is kept: its id is not reused
                    _kept.move_to_end(key)
                    found[key] = kept[1]
                elif key not in found:
                    found[key] = None
                    missing.append((key, item))
    if missing:
        context_view = {"element_id": view["element_id"], "can_respond": view.get("can_respond"),
                        "max_response": view["max_response"]}
        rendered = render_many(block, loader, "templates/reason_item.html",
                               [{"v": context_view, "r": item} for _key_, item in missing])
        with _keeping:
            for (key, _item), html in zip(missing, rendered):
                found[key] = html
                _kept[key] = (catalog, html)
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return [{"label": group["label"], "items": group["items"],
             "items_html": [found[(language, id(catalog), _key(item, view))] for item in group["items"]]}
            for group in groups]


def forget():
    """Drop every kept item (tests)."""
    with _keeping:
        _kept.clear()
