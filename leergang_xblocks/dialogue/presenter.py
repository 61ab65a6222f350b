"""The facilitator's presenter view: the round for a projector or a shared screen.

Beside the moderation view (staff.py, facilitator.html), not instead of it: the
same live data (`StaffMixin.live_data`, polled by the same handler with
`view=present`), with everything left out that belongs to the facilitator only:
no names (not even of who has not taken part), no flags, no reasons or answers
staff hid from participants, no moderation or round controls. What remains is
what participants may see anyway, in large type.
"""
from xblock.utils.resources import ResourceLoader

from ..core.i18n import _
from ..core.rendering import render_template
from .chart import distribution_svg

loader = ResourceLoader(__name__)


def presenter_data(live):
    """The part of `live` (StaffMixin.live_data) that may be shown to the room."""
    return {
        "round": live["round"], "current_round": live["current_round"], "group": live["group"],
        "positions": live["positions"], "revotes": live["revotes"],
        "distribution": live["distribution"],
        "moved": live["moved"], "stayed": live["stayed"], "not_revoted": live["not_revoted"],
        "moves": live["moves"], "minority": live["minority"],
        "reasons": [{"key": group["key"], "label": group["label"],
                     "items": [{"text": item["text"], "after_revote": item["after_revote"]}
                               for item in group["items"] if not item["hidden"]]}
                    for group in live["reasons"]],
        "needs": [{"label": need["label"], "text": need["text"]} for need in live["needs"] if not need["hidden"]],
        "values": live["values"], "own_values": live["own_values"],
    }


def presenter_html(block, shown):
    chart = distribution_svg(
        [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in shown["distribution"]],
        show_final=shown["revotes"] > 0, title=block.translate(_("First vote and latest position per option")),
        description=block.translate(_("Bar chart of the positions per option in this round. The table "
                                      "gives the same numbers.")),
        legend={"first": block.translate(_("First vote")), "final": block.translate(_("Latest position"))},
        id_prefix=block._element_id() + "-present-chart", scale_with_text=True)
    question = block.localized({"nl": block.cfg.question_nl, "en": block.cfg.question_en})
    return render_template(block, loader, "templates/presenter.html",
                           {"d": shown, "chart_svg": chart, "question": question,
                            "element_id": block._element_id()})
