"""The facilitator's presenter view: the round for a projector or a shared screen.

Beside the moderation view (staff.py, facilitator.html), not instead of it: the
same live data (`StaffMixin._live`, polled by the same handler with
`view=present`), with everything left out that belongs to the facilitator only:
no names (not even of who has not taken part), no flags, no reasons or answers
staff hid from participants, no moderation or round controls. What remains is
what participants may see anyway, in large type.

It answers by changes as the moderation view does (the same versions of the
view's kept counts, live_view.py): a page that shows a recent version gets the
parts around the reasons again and only the reasons that changed since, a
hidden reason with no HTML (the page takes it out). Each reason's HTML is kept
in the counts (`present_fragments`) while it stays the same.
"""
from xblock.utils.resources import ResourceLoader

from ..core.i18n import _
from ..core.rendering import render_many, render_template
from .chart import distribution_svg

loader = ResourceLoader(__name__)


def presenter_summary(live):
    """The part of `live` (the live data, with or without its reasons) that may be
    shown to the room, apart from the reasons."""
    return {
        "round": live["round"], "current_round": live["current_round"], "group": live["group"],
        "positions": live["positions"], "revotes": live["revotes"],
        "distribution": live["distribution"],
        "moved": live["moved"], "stayed": live["stayed"], "not_revoted": live["not_revoted"],
        "moves": live["moves"], "minority": live["minority"],
        "needs": [{"label": need["label"], "text": need["text"]} for need in live["needs"] if not need["hidden"]],
        "values": live["values"], "own_values": live["own_values"],
    }


def presenter_data(live):
    """The part of `live` (the live data with its reasons) that may be shown to the room."""
    return {**presenter_summary(live),
            "reasons": [{"key": group["key"], "label": group["label"],
                         "items": [{"text": item["text"], "after_revote": item["after_revote"]}
                                   for item in group["items"] if not item["hidden"]]}
                        for group in live["reasons"]]}


def reason_fragments(block, items, kept):
    """{rid: the reason's presenter HTML} of these reason `items` (with their marks),
    "" for a hidden one; `kept` has those rendered before and gets those rendered now."""
    missing = [item for item in items if item["rid"] not in kept and not item["hidden"]]
    kept.update(zip((item["rid"] for item in missing),
                    render_many(block, loader, "templates/presenter_reason.html", [{"r": item} for item in missing])))
    return {item["rid"]: "" if item["hidden"] else kept[item["rid"]] for item in items}


def presenter_parts(block, shown):
    """The HTML above the reasons (question, counts, chart) and below (the minority's
    answers, values) of `shown` (presenter_summary)."""
    chart = distribution_svg(
        [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in shown["distribution"]],
        show_final=shown["revotes"] > 0, title=block.translate(_("First vote and latest position per option")),
        description=block.translate(_("Bar chart of the positions per option in this round. The table "
                                      "gives the same numbers.")),
        legend={"first": block.translate(_("First vote")), "final": block.translate(_("Latest position"))},
        id_prefix=block._element_id() + "-present-chart", scale_with_text=True)
    question = block.localized({"nl": block.cfg.question_nl, "en": block.cfg.question_en})
    context = {"d": shown, "chart_svg": chart, "question": question, "element_id": block._element_id()}
    return (render_template(block, loader, "templates/presenter_top.html", context),
            render_template(block, loader, "templates/presenter_bottom.html", context))


def presenter_html(block, shown, reasons, kept):
    """The whole presenter view of `shown` (presenter_summary); `reasons` the live
    data's reasons per option (with their marks), `kept` their HTML kept so far."""
    top, bottom = presenter_parts(block, shown)
    fragments = reason_fragments(block, [item for group in reasons for item in group["items"]], kept)
    lists = [{"key": group["key"], "label": group["label"],
              "html": "".join(fragments[item["rid"]] for item in group["items"])} for group in reasons]
    return render_template(block, loader, "templates/presenter.html",
                           {"d": shown, "top_html": top, "bottom_html": bottom, "reason_lists": lists})
