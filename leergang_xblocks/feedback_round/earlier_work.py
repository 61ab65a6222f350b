"""A participant's own work in the groups of a round they were moved out of.

After a regrouping a participant reads and writes in their new group only
(core/group_records.py `visible_group()`); what they wrote in the old group stays
there, for that group and staff. It stays theirs too: the round shows them, per
earlier group, their update, the feedback they received there and their actions,
and their data download holds the same (issue #20; docs/group_moves.md). Nothing
of anyone else's beyond what was written to them.
"""
from dataclasses import dataclass

from . import rules
from .round_view import RoundRecords


@dataclass(frozen=True)
class EarlierGroup:
    """A group a participant was moved out of, as their earlier work names it."""

    id: str
    name: str


def earlier_work(block, identity, now, own=None, current=None):
    """Per group of this round the asker was moved out of (oldest first): their update,
    the feedback they received (as the release rule allows; givers unnamed wherever
    the author asked for anonymous feedback, whatever the old group's size) and their
    actions. Reads bounded by their own records and those groups.

    `own`: their records, if the caller read them already; `current`: the group
    `visible_group()` gave this request (else it is asked)."""
    records = block._records()
    me = identity.anonymous_id
    own = records.own(me) if own is None else own
    mine = [r for r in own if r.data.get("author_role", "member") == "member"]   # a mentor's are not "theirs"
    released = rules.feedback_released(block.release_after_due, block.due_of("feedback_due"), now)
    found = []
    for group_id in records.earlier_group_ids(me, mine, current):
        old = EarlierGroup(group_id, next((r.data.get("group_name", "") for r in reversed(mine)
                                           if r.group_id == group_id), ""))
        rows = records.of_group(old)
        latest = RoundRecords.of(rows)
        names = {r.author_id: r.data.get("author_name", "") for r in rows if r.data.get("author_name")}
        hidden = block._moderation().hidden_ids(group_id)
        update, actions = latest.updates.get(me), latest.actions.get(me)
        received = block._received(old, latest, hidden, me, names, released, block.anonymous_feedback)
        found.append({"group": old.name, "my_update": update.data.get("text", "") if update else "",
                      "received": [{key: item[key] for key in ("from", "from_mentor", "answers", "helpful", "answer")
                                    if key in item} for item in received],
                      "actions": [dated(block, a) for a in actions.data.get("actions", [])] if actions else []})
    return found


def dated(block, action):
    """A round action with its due date as the block's language writes it (`due_text`)."""
    return {**action, "due_text": block.date_text(action["due"]) if action.get("due") else ""}
