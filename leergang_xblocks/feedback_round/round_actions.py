"""The actions a group agrees in its rounds, followed up in the rounds after (issue 22).

Where a round has no case to link to (a course without a case tracker, a member
who keeps no case, a mixed group that is no team), the actions agreed in it go,
besides the round's own record, onto the group's course-level list: group records
under the course-level item `leergang:round_actions:group` (core/course_records.py),
per group, so every round of the course on the same groups reads one list:

- `round_actions`  one member's actions agreed in one round (`origin`: its usage
                   id, `origin_name`, `round_number`); a later save in the same
                   round replaces the earlier list, as the round's own record does
- `action_status`  one action's follow-up in a later round (open, done,
                   dropped, with a note), written by the action's owner

A round numbered n opens with the actions agreed in rounds numbered below n that
are open, or were followed up in this round: the previous round's, and any left
open before it. The group sees every member's (they were agreed in the group);
only the owner follows their own up.

Reads: the group's list (one indexed query, bounded by the group, never by the
course). Writes happen in the writer's participant step and their course-level
lock on the list (course_records.course_write).
"""
import uuid

from ..core.course_records import CourseGroupRecords, course_item_id, course_write

ITEM_TYPE = "leergang_round_actions"
BASE = course_item_id("round_actions", "group")


def _records(block):
    return CourseGroupRecords(block, ITEM_TYPE, BASE, source=block.group_source)


def participant_store(course_id):
    return CourseGroupRecords.participant_store(course_id, BASE, ITEM_TYPE)


def fold(rows):
    """(agreed, statuses): the newest `round_actions` row per (author, origin), oldest
    first, and per action id its owner's status rows, oldest first."""
    agreed, owners = {}, {}
    for row in rows:
        if row.data.get("kind") == "round_actions":
            agreed.pop((row.author_id, row.data.get("origin")), None)
            agreed[(row.author_id, row.data.get("origin"))] = row
    for row in agreed.values():
        for action in row.data.get("actions", []):
            owners[action.get("id")] = row.author_id
    statuses = {}
    for row in rows:
        action = row.data.get("action")
        if row.data.get("kind") == "action_status" and owners.get(action) == row.author_id:
            statuses.setdefault(action, []).append(row)
    return list(agreed.values()), statuses


def earlier(block, group, rows, today, me, names):
    """Per member of `group` (in the group's order), the actions agreed in earlier
    rounds that this round follows up: [{"name", "is_you", "actions": [...]}]; the
    asker's own carry their id (to follow them up)."""
    origin = str(block.scope_ids.usage_id)
    agreed, statuses = fold(rows)
    by_member = {}
    for row in agreed:
        if row.data.get("origin") == origin or not isinstance(row.data.get("round_number"), int) \
                or row.data["round_number"] >= block.round_number:
            continue
        for action in row.data.get("actions", []):
            history = statuses.get(action.get("id"), [])
            latest = history[-1].data if history else {}
            status = latest.get("status", "open")
            if status != "open" and latest.get("origin") != origin:
                continue   # settled in an earlier round
            due = action.get("due") or ""
            shown = {"text": action.get("text", ""), "due": due, "due_text": block.date_text(due) if due else "",
                     "overdue": status == "open" and bool(due) and due < today.isoformat(), "status": status,
                     "note": latest.get("note", ""), "origin_name": row.data.get("origin_name", "")}
            if row.author_id == me:
                shown["id"] = action.get("id")
            by_member.setdefault(row.author_id, []).append(shown)
    return [{"name": names.get(aid) or "", "is_you": aid == me, "actions": by_member[aid]}
            for aid in list(names) + sorted(set(by_member) - set(names)) if aid in by_member]


def followed_up_here(block, group, today, me, names):
    """`earlier` of the group's list, which a first round (no round numbered below
    it) need not read: nothing on it was agreed in an earlier round."""
    if not isinstance(block.round_number, int) or block.round_number <= 1:
        return []
    return earlier(block, group, rows_of(block, group), today, me, names)


def add(block, identity, group, actions):
    """Inside the participant's write step: the asker's actions agreed in this round onto
    the group's list (replacing their earlier list of this round)."""
    with course_write(block, identity, BASE):
        _records(block).append(identity, {
            "kind": "round_actions", "origin": str(block.scope_ids.usage_id), "origin_name": block.display_name,
            "round_number": block.round_number,
            "actions": [{"id": _new_id(), "text": a["text"], "due": a["due"]} for a in actions]}, group=group)


def follow_up(block, identity, group, action_id, status, note):
    """Inside the participant's write step: a new status of one of the asker's own
    actions of an earlier round. None when the action is not theirs on this group's
    list (or not of an earlier round); False when the status is unchanged."""
    origin = str(block.scope_ids.usage_id)
    records = _records(block)
    with course_write(block, identity, BASE):
        agreed, statuses = fold(records.of_group(group))
        mine = {a.get("id") for row in agreed if row.author_id == identity.anonymous_id
                and row.data.get("origin") != origin and isinstance(row.data.get("round_number"), int)
                and row.data["round_number"] < block.round_number for a in row.data.get("actions", [])}
        if action_id not in mine:
            return None
        history = statuses.get(action_id, [])
        if (history[-1].data.get("status") if history else "open") == status and not note:
            return False
        records.append(identity, {"kind": "action_status", "action": action_id, "status": status, "note": note,
                                  "origin": origin}, group=group)
    return True


def own(block, anonymous_id):
    """What this participant put on their groups' lists (every group, every round of
    the course): for their data download. One query on their own rows."""
    return [{"kind": r.data.get("kind"), "group": r.data.get("group_name"), "submitted_at": str(r.submitted_at),
             **{k: v for k, v in r.data.items() if k in ("origin_name", "round_number", "actions", "action",
                                                          "status", "note")}}
            for r in _records(block).own(anonymous_id)]


def rows_of(block, group):
    return _records(block).of_group(group)


def _new_id():
    return uuid.uuid4().hex[:12]
