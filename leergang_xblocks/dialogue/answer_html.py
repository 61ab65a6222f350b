"""The parts of a participant's answer that repeat, each rendered once per process:
the room's reasons, the values fieldset and an empty deliberation form.

A participant's page and every write's answer show the room's reasons: up to twelve
per option, each an item with its respond and report forms (`reason_item.html`).
Most of them are the same item in the next answer, for this participant and for the
next one: rendering them was most of the answer's template time. So each item's
HTML is kept, in this process, under a key of everything its markup is made of: the
item's fields as the view shows them (`view_model.ParticipantView.part_reasons`: id, text, name,
whose, stage, whether it can be answered and is flagged), the block's element id,
the view's `can_respond` and `max_response`, the active language and the
translations' catalog. A Studio edit, another participant's write or a hide changes
what the view holds, hence the key: a kept item is only ever used for exactly the
markup it was rendered from. Bounded (least recently used dropped first).

The same holds for the values fieldset (the authored values, the reflection's choices)
and the deliberation form before the participant wrote in it (`render_kept`): every
new participant's answer has the same ones. A form holding the participant's own
deliberation is rendered each time and not kept (their text stays out of the process).
"""
import threading
from collections import OrderedDict

from django.utils import translation

from ..core.rendering import render_many

KEPT = 2000      # items and parts (a few KB each): a hundred rooms' worth
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


def render_kept(block, loader, template, context, key):
    """`template` rendered with `context`, kept under `key`: everything the markup is made
    of but the language and the catalog, which are added here."""
    catalog = getattr(block.runtime.service(block, "i18n"), "_catalog", None)
    key = (template, translation.get_language(), id(catalog), key)
    with _keeping:
        kept = _kept.get(key)
        if kept is not None and kept[0] is catalog:
            _kept.move_to_end(key)
            return kept[1]
    html = render_many(block, loader, template, [context])[0]
    with _keeping:
        _kept[key] = (catalog, html)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return html


def values_fields(block, loader, view, prefix, reflection):
    """The values fieldset (values_fields.html) of the position or the reflection form."""
    chosen = tuple((view["my"].get("reflection") or {}).get("values") or ()) if reflection else ()
    key = (view["element_id"], prefix, reflection, view["max_own_values"],
           tuple((value["key"], value["label"]) for value in view["values"]), chosen)
    context_view = {"element_id": view["element_id"], "values": view["values"],
                    "max_own_values": view["max_own_values"],
                    "my": {"reflection": {"values": list(chosen)}}}
    return render_kept(block, loader, "templates/values_fields.html",
                       {"v": context_view, "prefix": prefix, "legend_reflection": reflection}, key)


def deliberation_form(block, loader, view):
    """The deliberation form (deliberation.html); kept only while it holds none of the
    participant's own text."""
    form = view["deliberation"]
    context = {"v": {"element_id": view["element_id"]}, "d": form}
    if form.get("mine") or any(step["value"] for step in form["steps"]):
        return render_many(block, loader, "templates/deliberation.html", [context])[0]
    key = (view["element_id"], form["max"],
           tuple((step["key"], step["label"], step["prompt"]) for step in form["steps"]))
    return render_kept(block, loader, "templates/deliberation.html", context, key)


def forget():
    """Drop every kept item (tests)."""
    with _keeping:
        _kept.clear()
