"""A feedback round and the participant's case: one action list (issue 22).

Where the participant has a case (the case tracker's individual case, found through
core/action_list.py by the round's case key or, when none is set, from their own
overview rows), the round

- opens with their open case actions, which they follow up from the round (a
  status event in the case, with a note);
- shows the group, per member, the open case actions of those members who share
  their case with the group (the case's own sharing choice; never otherwise);
- puts the actions agreed in the round into the case, each with a due date, as an
  `agreed_actions` event naming the round.

Without a case (none written yet, a team case, or the author turned the link off)
the round keeps its own actions, with a due date all the same.

Reads: the asker's own case (one query on their own rows and one edx-submissions
read) and, for the group, the same per member: bounded by the group's size, never
by the course. Writes happen inside the handler's participant step and the
course-level case lock (core/action_list.py `write_step`).
"""
import uuid

from django.utils import timezone

from ..core import platform
from ..core.action_list import CaseActions
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.storage import NoteStore


def _today():
    return timezone.localdate()


def _lookup(block):
    return CaseActions(platform.course_id(block), (block.case_key or "").strip())


def _own_case(block, anonymous_id):
    """The asker's individual case, or None (no case, a team case, or the link is off)."""
    if not block.use_case_actions or not anonymous_id:
        return None
    case = _lookup(block).read(anonymous_id)
    return case if case is not None and case.defined else None


def _shown(action, block=None):
    """What the round shows of one action (the owner also gets its id to follow it up);
    `due_text`: the due date as the block's language writes it (core/dates.py)."""
    return {"text": action["text"], "due": action["due"],
            "due_text": block.date_text(action["due"]) if block is not None and action["due"] else "",
            "overdue": action["overdue"],
            "status": action["status"], "session": action["session"], "origin_name": action["origin_name"]}


def view(block, identity, group):
    """The follow-up part of the round as `identity` may see it."""
    me = identity.anonymous_id
    today = _today()
    case = _own_case(block, me) if group.has(me) else None
    origin = str(block.scope_ids.usage_id)
    result = {"linked": case is not None, "open": [], "agreed_here": [], "seen": 0, "group": []}
    if case is not None:
        actions = case.actions(today)
        result["open"] = [{"id": a["id"], **_shown(a, block)} for a in actions if a["status"] == "open"]
        result["agreed_here"] = [_shown(a, block) for a in actions if a["origin"] == origin]
        result["seen"] = len(case.agreed_in(origin))
    if block.use_case_actions:
        for member in group.members:
            if member.anonymous_id == me:
                continue
            theirs = _lookup(block).read(member.anonymous_id)
            if theirs is None or not theirs.defined or not theirs.shared:
                continue   # the case's sharing choice decides; private is the default
            result["group"].append({"name": member.display_name or block.translate(_("A group member")),
                                    "open": [_shown(a, block) for a in theirs.open_actions(today)]})
    return result


def add_agreed(block, identity, actions, seen):
    """Inside the participant's write step: the round's new actions into the asker's
    case. False when they have no case (the round keeps the actions itself).
    `seen`: how many saves of this round the asker's page showed; another number
    means a second tab or a double click, and nothing is stored."""
    case = _own_case(block, identity.anonymous_id)
    if case is None:
        return False
    lookup = CaseActions(platform.course_id(block), case.key)
    origin = str(block.scope_ids.usage_id)
    with lookup.write_step(block, identity, case.key):
        case = lookup.read(identity.anonymous_id)   # read again inside the case lock
        if len(case.agreed_in(origin)) != seen:
            raise HandlerError(409, "stale_actions", _("These actions were saved already, in this window or "
                                                       "another one. The page now shows what is stored."))
        lookup.append(identity.anonymous_id, case.key, {
            "kind": "agreed_actions", "id": _new_id(), "origin": origin, "origin_name": block.display_name,
            "actions": [{"id": _new_id(), "text": a["text"], "due": a["due"]} for a in actions],
            "author_name": identity.display_name or ""})
        _refresh_case_overview(block, identity.anonymous_id, case.key)
    return True


def follow_up(block, identity, action_id, status, note):
    """Inside the participant's write step: a new status of one of the asker's own
    case actions. 404 for an action that is not in their case."""
    case = _own_case(block, identity.anonymous_id)
    if case is None:
        raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
    lookup = CaseActions(platform.course_id(block), case.key)
    with lookup.write_step(block, identity, case.key):
        case = lookup.read(identity.anonymous_id)
        current = {a["id"]: a["status"] for a in case.actions(_today())}
        if action_id not in current:
            raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
        if current[action_id] == status:
            return False
        lookup.append(identity.anonymous_id, case.key, {
            "kind": "action_status", "id": _new_id(), "action": action_id, "status": status, "note": note,
            "origin": str(block.scope_ids.usage_id), "author_name": identity.display_name or ""})
        _refresh_case_overview(block, identity.anonymous_id, case.key)
    return True


def _new_id():
    return uuid.uuid4().hex[:12]


def _refresh_case_overview(block, anonymous_id, key):
    """The case tracker's staff overview reads one summary row per participant,
    written with every case write: write it for this change too, in the case's own
    format (case/staff.py `summary_row`), from the case as it is now."""
    from ..case.model import CaseView, as_event
    from ..case.staff import StaffMixin
    from ..case.stores import SUMMARY_SUFFIX, SUMMARY_TYPE, case_base
    case = CaseActions(platform.course_id(block), key).read(anonymous_id)
    view = CaseView.fold([as_event(e.author, e.at, e.data) for e in case.events])
    NoteStore(None, SUMMARY_TYPE, item_id=case_base(key) + SUMMARY_SUFFIX,
              course_id=platform.course_id(block)).append(anonymous_id, StaffMixin.summary_row(view, ()), None)
