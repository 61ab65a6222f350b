"""What the participant sees: the journey (journey.py) as a template's context.

The texts that depend on data (a state, a kind of open item) are chosen here, each a
whole translated sentence; the templates escape every value (Django's autoescape).
"""
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from . import journey as journey_reading

# A session's entry state (case/model.py CaseView.timeline), as the participant reads it.
ENTRY_STATES = {
    "done": _("Entry written"),
    "due": _("Entry open now"),
    "overdue": _("Entry overdue"),
    "missed": _("No entry"),
    "upcoming": _("Coming up"),
    "open": _("Entry open"),
    "none": _("No entry asked"),
}
ACTION_STATES = {"open": _("open"), "done": _("done"), "dropped": _("dropped")}


def _open_item_text(block, item):
    """One sentence per thing still open this week."""
    t = block.translate
    kind = item["kind"]
    if kind == "action":
        text = (_("Overdue action (was due %(due)s): %(text)s") if item["overdue"]
                else _("Action due %(due)s: %(text)s"))
        return t(text) % {"due": item["due_text"], "text": item["text"]}
    if kind == "feedback":
        text = (_("Feedback you still owe %(names)s") if not item["due_text"]
                else _("Feedback you still owe %(names)s (was due %(due)s)") if item["overdue"]
                else _("Feedback you still owe %(names)s (due %(due)s)"))
        return t(text) % {"names": ", ".join(item["names"]), "due": item["due_text"]}
    if kind == "update":
        text = (_("Your update for the round") if not item["due_text"]
                else _("Your update for the round (was due %(due)s)") if item["overdue"]
                else _("Your update for the round (due %(due)s)"))
        return t(text) % {"due": item["due_text"]}
    texts = {
        "entry_due": _("Write your entry for session %(number)s (%(date)s)"),
        "entry_overdue": _("Your entry for session %(number)s is overdue (%(date)s)"),
        "entry_upcoming": _("Next session: %(number)s on %(date)s; your entry opens then"),
    }
    if not item["due_text"]:
        return t(_("Next session: %(number)s")) % {"number": item["number"]}
    return t(texts[kind]) % {"number": item["number"], "date": item["due_text"]}


def journey_context(block, found):
    t = block.translate
    for case in found["cases"]:
        for row in case["timeline"]:
            row["state_text"] = t(ENTRY_STATES.get(row["state"], row["state"]))
        for action in case["actions"]:
            action["status_text"] = t(ACTION_STATES.get(action["status"], action["status"]))
    for scan in found["scans"]:
        names = [score["name"] for score in scan["results"][0]["scores"]]
        scan["rows"] = [{"name": name, "cells": [r["scores"][index]["score"] for r in scan["results"]]}
                        for index, name in enumerate(names)]
    open_items = [{"text": _open_item_text(block, item), "where": item["where"], "overdue": item["overdue"]}
                  for item in found["open"]]
    empty = not (any(case["defined"] or case["actions"] for case in found["cases"])
                 or any(r.get("my_update") or r.get("given") or r.get("received") for r in found["rounds"])
                 or found["dilemmas"] or found["scans"])
    return {"j": found, "open_items": open_items, "empty": empty, "element_id": element_id(block)}


def journey_html(block, loader, found):
    return render_template(block, loader, "templates/journey.html", journey_context(block, found))


def element_id(block):
    return "my-programme-" + "".join(ch if ch.isalnum() else "-" for ch in str(block.scope_ids.usage_id))


def student_view(block, loader, identity):
    signed_in = identity.is_authenticated and bool(identity.anonymous_id)
    body = journey_html(block, loader, journey_reading.read(block, identity)) if signed_in else ""
    return view_fragment(
        block, loader, "templates/student_view.html",
        {"block": block, "element_id": element_id(block), "signed_in": signed_in, "body_html": body,
         "read_only": block.read_only_notice()},
        js_files=["static/my_programme.js"], css_files=["static/my_programme.css"], init_fn="LeergangMyProgramme",
    )
