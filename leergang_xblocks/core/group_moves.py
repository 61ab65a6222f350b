"""What a regrouping does to work under way, asked before staff replace the groups.

Work written in a group stays with that group and its authors after a move
(core/group_records.py: the old group keeps what was written to it; the author
sees their own earlier work and what they received, in every block; staff find
it under the old group). But a participant who moves leaves that work behind in
the running rounds and dilemmas: from then on they read and write in the new
group. So a replace that moves people who already wrote in their group needs an
explicit `confirm`; without it the handler answers 409 `confirm_regroup` with the
counts (`error.data`: `moving`, `wrote`) the staff view's confirmation step shows.
"""
from ..stores.api import group_records as index
from .group_store import group_id
from .handlers import HandlerError
from .i18n import _


def moves(latest_spec, new_spec):
    """{anonymous id: the group key they leave} for everyone in a group now whose group
    changes (placing someone who was in no group moves nobody)."""
    before = {aid: g["key"] for g in latest_spec for aid in g["members"]}
    after = {aid: g["key"] for g in new_spec for aid in g["members"]}
    return {aid: key for aid, key in before.items() if after.get(aid) != key}


def require_confirmation(course_id, set_name, latest_spec, new_spec, confirmed):
    """Refuse a regrouping that moves people who wrote in their group, unless confirmed."""
    if confirmed:
        return
    leaving = moves(latest_spec, new_spec)
    if not leaving:
        return
    wrote = index.wrote_in(course_id, {aid: group_id(set_name, key) for aid, key in leaving.items()},
                           group_id(set_name, ""))
    if wrote:
        raise HandlerError(
            409, "confirm_regroup",
            # Counts stand after a colon, so one sentence serves 1 and 30 (no plural forms needed).
            _("People who move to another group: %(moving)s. Of them, already wrote in their group: %(wrote)s. "
              "In running feedback rounds and dilemmas they continue in their new group: what they wrote stays "
              "with their old group, and they and the programme staff can still read it. Confirm to go ahead."),
            data={"moving": len(leaving), "wrote": len(wrote)}, moving=len(leaving), wrote=len(wrote))
