"""Staff's live panel: every group's live step and timer in the round's staff view,
with the moves a facilitator has (previous, next, start and pause the timer).

It adds no handler: the panel reads `live_state` and moves with `live_move`
(live.py), naming the group in the body as staff may, and naming the step it
showed (`from`). A move against an older panel (the group's facilitator moved in
the meantime) is refused with 409 `stale_step`; the panel then says so in a
sentence and shows the current state the refusal carries. A refresh button reads
the group's state again. The panel is rendered for the groups the overview shows
(the first 100): their tally rows in one query, a staff request.
"""
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.rendering import _resource, render_template
from ..stores.api import tallies
from . import live, methods

loader = ResourceLoader(__name__)
MAX_GROUPS = 100   # as the staff overview: the CSV has the rest


def _group_rows(block):
    groups = [group for group in block.group_source.all_groups()[:MAX_GROUPS] if group.members]
    stored = tallies.read_many(platform.course_id(block), platform.item_id(block),
                               [live.group_key_of(group) for group in groups])
    rows = []
    for group in groups:
        steps, _roles = block._live_steps(group)
        if not steps:
            continue
        state = live.shown(stored.get(live.group_key_of(group)), steps)
        names = {m.anonymous_id: m.display_name or m.anonymous_id for m in group.members}
        rows.append({"id": group.id, "name": group.name, "state": state,
                     "steps": [{"title": _title(block, s, names), "seconds": s["minutes"] * 60} for s in steps]})
    return rows


def _title(block, step, names):
    """The step's title as the group's screen shows it: with whose turn it is where the
    method repeats a step for every member (airtime)."""
    title = block.translate(methods.STEP_TEXTS[step["key"]][0])
    presenter = names.get(step["presenter"]) if step.get("presenter") else ""
    return f"{title} ({presenter})" if presenter else title


def panel_html(block):
    """The live panel of the round's staff view (escaped by the template)."""
    return render_template(block, loader, "templates/staff_live.html",
                           {"groups": _group_rows(block), "element_id": block._element_id() + "-live-staff"})


def add_script(fragment):
    """The panel's script, for staff only; feedback_round.js starts it."""
    fragment.add_javascript(_resource(__name__, "static/round_live_staff.js"))
