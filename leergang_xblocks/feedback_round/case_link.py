"""A feedback round and the participant's case: one action list (issue 22).

Where the participant has a case (found through core/action_list.py by the round's
case key or, when none is set, from their own overview rows, else from their group
members'), the round

- opens with the case's open actions, which are followed up from the round (a
  status event in the case, with a note);
- shows the group, per member, the open case actions of those members who share
  their individual case with the group (the case's own sharing choice; never
  otherwise);
- puts the actions agreed in the round into the case, each with a due date, as an
  `agreed_actions` event naming the round.

The case is the participant's individual case, or, where the case tracker runs in
team mode, the team case of the round's group (the group's records under the
case's key: the round and the case tracker work on the same group set). A team
case's actions are the team's: every member sees them and follows them up, as in
the case tracker.

Without a case (none written yet, a mixed group that is no team, or the author
turned the link off) the round's group keeps its own list across the rounds of
the course (round_actions.py), and the round opens with that.

Reads: the asker's own case (one query on their own rows and one edx-submissions
read), a team's records (one query) and, for the group, the same per member:
bounded by the group's size, never by the course. Writes happen inside the
handler's participant step and the course-level case lock (core/action_list.py
`write_step`).
"""
import uuid
from dataclasses import dataclass

from django.utils import timezone

from ..core import platform
from ..core.action_list import TEAM_TYPE, CaseActions, ParticipantCase, case_item
from ..core.course_records import CourseGroupRecords
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.storage import NoteStore
from . import round_actions


def _today():
    return timezone.localdate()


def _lookup(block):
    return CaseActions(platform.course_id(block), (block.case_key or "").strip())


@dataclass
class Linked:
    """The case a round links to: `case` (ParticipantCase), a team's or not."""
    case: ParticipantCase
    team: bool


def _team_key(block, lookup, anonymous_id, group):
    """The key of the case the group works on: the round's setting, else the asker's
    case key, else the first key found among their group members' (who may have written
    in the team case when the asker has not yet)."""
    if (block.case_key or "").strip():
        return block.case_key.strip()
    for aid in [anonymous_id] + [m.anonymous_id for m in group.members if m.anonymous_id != anonymous_id]:
        keys = lookup.case_keys(aid)
        if keys:
            return "case" if "case" in keys else sorted(keys)[0]
    return ""


_UNREAD = object()


def _linked(block, anonymous_id, group, lookup=None, own_case=_UNREAD):
    """The asker's individual case, else their group's team case, else None
    (`lookup`: a CaseActions that may already know the group's case keys; `own_case`:
    the asker's individual case (or None) if this request read it already)."""
    if not block.use_case_actions or not anonymous_id:
        return None
    lookup = lookup or _lookup(block)
    case = own_case if own_case is not _UNREAD else (_written_case(block, anonymous_id) or lookup.read(anonymous_id))
    if case is not None and case.defined:
        return Linked(case, False)
    if group is None or not group.has(anonymous_id):
        return None
    key = _team_key(block, lookup, anonymous_id, group)
    team = ParticipantCase(key, lookup.team_events(key, group)) if key else None
    return Linked(team, True) if team is not None and team.defined else None


def _shown(action, block=None):
    """What the round shows of one action (the owner also gets its id to follow it up);
    `due_text`: the due date as the block's language writes it (core/dates.py)."""
    return {"text": action["text"], "due": action["due"],
            "due_text": block.date_text(action["due"]) if block is not None and action["due"] else "",
            "overdue": action["overdue"],
            "status": action["status"], "session": action["session"], "origin_name": action["origin_name"],
            "note": action.get("note", "")}


def view(block, identity, group, names=None):
    """The follow-up part of the round as `identity` may see it."""
    me = identity.anonymous_id
    today = _today()
    lookup = _lookup(block)
    if block.use_case_actions and me:
        # The asker's and every member's case keys in one query: the team case's key and
        # the members' shared cases below ask for them, member by member.
        lookup.know_case_keys([me] + [m.anonymous_id for m in group.members])
    linked = _linked(block, me, group, lookup) if group.has(me) else None
    origin = str(block.scope_ids.usage_id)
    result = {"linked": linked is not None, "team": bool(linked and linked.team), "open": [], "agreed_here": [],
              "seen": 0, "group": [], "earlier": []}
    if linked is not None:
        actions = linked.case.actions(today)
        result["open"] = [{"id": a["id"], **_shown(a, block)} for a in actions if a["status"] == "open"]
        result["agreed_here"] = [_shown(a, block) for a in actions if a["origin"] == origin]
        result["seen"] = len(linked.case.agreed_in(origin, me))
    elif group.has(me):
        names = names or {m.anonymous_id: m.display_name for m in group.members}
        result["earlier"] = round_actions.followed_up_here(block, group, today, me, names)
    if block.use_case_actions and not result["team"]:
        for member in group.members:
            if member.anonymous_id == me:
                continue
            theirs = lookup.read(member.anonymous_id)
            if theirs is None or not theirs.defined or not theirs.shared:
                continue   # the case's sharing choice decides; private is the default
            result["group"].append({"name": member.display_name or block.translate(_("A group member")),
                                    "open": [_shown(a, block) for a in theirs.open_actions(today)]})
    return result


def _team_records(block, key):
    return CourseGroupRecords(block, TEAM_TYPE, case_item(key), source=block.group_source)


def _stale():
    return HandlerError(409, "stale_actions", _("These actions were saved already, in this window or "
                                                "another one. The page now shows what is stored."))


def add_agreed(block, identity, group, actions, seen):
    """Inside the participant's write step: the round's new actions into the asker's
    case (or their team's). False when there is no case (the round's group list keeps
    the actions). `seen`: how many saves of this round by the asker the page showed;
    another number means a second tab or a double click, and nothing is stored."""
    me = identity.anonymous_id
    linked = _linked(block, me, group)
    if linked is None:
        return False
    key = linked.case.key
    lookup = CaseActions(platform.course_id(block), key)
    origin = str(block.scope_ids.usage_id)
    event = {"kind": "agreed_actions", "id": _new_id(), "origin": origin, "origin_name": block.display_name,
             "actions": [{"id": _new_id(), "text": a["text"], "due": a["due"]} for a in actions],
             "author_name": identity.display_name or ""}
    with lookup.write_step(block, identity, key):
        if linked.team:   # read again inside the case lock
            case = ParticipantCase(key, lookup.team_events(key, group))
            if len(case.agreed_in(origin, me)) != seen:
                raise _stale()
            _team_records(block, key).append(identity, event, group=group)
            _refresh_case_overview(block, identity, key, group)
        else:
            case = lookup.read(me)
            if len(case.agreed_in(origin)) != seen:
                raise _stale()
            written = _remember_written(block, me, CaseActions.with_appended(case, lookup.append(me, key, event)))
            _refresh_case_overview(block, identity, key, own=written)
    return True


# The asker's individual case as their write left it, for the round this request
# answers with (`view`): what a read now would give, known without reading again.
# Kept on the block instance, which the runtime builds for one request, and taken off
# it by the one read that uses it, so nothing later could take it for the case as stored.
_WRITTEN = "_leergang_case_after_write"


def _remember_written(block, anonymous_id, case):
    setattr(block, _WRITTEN, (anonymous_id, case))
    return case


def _written_case(block, anonymous_id):
    kept = block.__dict__.pop(_WRITTEN, None)
    return kept[1] if kept is not None and kept[0] == anonymous_id else None


def follow_up(block, identity, group, action_id, status, note):
    """Inside the participant's write step: a new status of one action of the asker's
    case (or their team's), or, without a case, of one of their own actions agreed in
    an earlier round of the group. 404 for any other action. Returns (changed, in_case)."""
    me = identity.anonymous_id
    own_key = _lookup(block).own_key(me) if block.use_case_actions and me else ""
    own_case = None
    if own_key:
        # The asker's individual case: read once, inside its lock (a case tracker of the
        # course writes it under the same lock), and followed up there.
        lookup = CaseActions(platform.course_id(block), own_key)
        with lookup.write_step(block, identity, own_key):
            own_case = lookup.read(me)
            if own_case is not None and own_case.defined:
                return _follow_up_in_case(block, identity, lookup, own_case, None, action_id, status, note), True
    linked = _linked(block, me, group, own_case=own_case)
    if linked is None:
        changed = round_actions.follow_up(block, identity, group, action_id, status, note)
        if changed is None:
            raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
        return changed, False
    key = linked.case.key
    lookup = CaseActions(platform.course_id(block), key)
    with lookup.write_step(block, identity, key):
        case = ParticipantCase(key, lookup.team_events(key, group)) if linked.team else lookup.read(me)
        return _follow_up_in_case(block, identity, lookup, case, group if linked.team else None,
                                  action_id, status, note), True


def _follow_up_in_case(block, identity, lookup, case, team_group, action_id, status, note):
    """Inside the case's write step: the status event in `case` (read in this step; a
    team case when `team_group`), and the case's overview row. False when unchanged."""
    me, key = identity.anonymous_id, case.key
    current = {a["id"]: a["status"] for a in case.actions(_today())}
    if action_id not in current:
        raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
    if current[action_id] == status and not note:   # a note on an unchanged status is a follow-up too
        return False
    event = {"kind": "action_status", "id": _new_id(), "action": action_id, "status": status, "note": note,
             "origin": str(block.scope_ids.usage_id), "author_name": identity.display_name or ""}
    if team_group is not None:
        _team_records(block, key).append(identity, event, group=team_group)
        _refresh_case_overview(block, identity, key, team_group)
    else:
        written = _remember_written(block, me, CaseActions.with_appended(case, lookup.append(me, key, event)))
        _refresh_case_overview(block, identity, key, own=written)
    return True


def _new_id():
    return uuid.uuid4().hex[:12]


def _refresh_case_overview(block, identity, key, team_group=None, own=None):
    """The case tracker's staff overview reads one summary row per participant,
    written with every case write: write it for this change too, in the case's own
    format (case/staff.py `summary_row`), from the case as it is now (a team case:
    the team's events and the writer's own personal ones, as the tracker folds them).
    `own`: the writer's individual case as it is now, when the step knows it."""
    from ..case.model import CaseView, as_event
    from ..case.staff import StaffMixin
    from ..case.stores import SUMMARY_SUFFIX, SUMMARY_TYPE, case_base
    lookup = CaseActions(platform.course_id(block), key)
    own = own if own is not None else lookup.read(identity.anonymous_id)
    own_events = [as_event(e.author, e.at, e.data) for e in (own.events if own is not None else [])]
    if team_group is not None:
        team = [as_event(e.author, e.at, e.data) for e in lookup.team_events(key, team_group)]
        view = CaseView.fold(team, own_events)
        view.personal = [e for e in own_events if e.kind == "personal"]
        view.share_events = [e for e in own_events if e.kind == "share"]
    else:
        view = CaseView.fold(own_events)
    NoteStore(None, SUMMARY_TYPE, item_id=case_base(key) + SUMMARY_SUFFIX,
              course_id=platform.course_id(block)).append(identity.anonymous_id, StaffMixin.summary_row(view, ()), None)
