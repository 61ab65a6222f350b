"""A group's round as one person may see it, built from the group's records.

Every record of a round is one group-scoped record (core/group_records.py) with a
`kind`: `update` (a participant's report on their case), `feedback` (to one peer,
one answer per prompt), `reply` (the receiver's helpfulness rating and answer to
one piece of feedback) and `actions` (a participant's actions for the coming
weeks). The newest record of an author (per peer, per feedback) counts; nothing
is changed in place.

Anonymity: in an anonymous round a learner never sees who gave which feedback.
Feedback reaches its receiver under an opaque reference (a keyed hash of the
record, useless outside this server), in the order of those references (not of
time or of the group's order), labelled "Feedback 1", "Feedback 2", ...; its
author's name, id, role and time are left out of the JSON and the HTML.
Staff always see names.
"""
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from . import rules

KIND_UPDATE, KIND_FEEDBACK, KIND_REPLY, KIND_ACTIONS = "update", "feedback", "reply", "actions"


def opaque_ref(block_item, *parts):
    """A reference a learner may hold for a member or a record: the same for the same
    thing, and nothing to learn from it without the server's secret."""
    value = "\x1f".join([block_item, *map(str, parts)])
    return salted_hmac("leergang.feedback_round", value).hexdigest()[:20]


@dataclass
class RoundRecords:
    """The latest records of a group, by kind."""

    updates: dict        # author id -> GroupRecord
    feedback: dict       # (author id, receiver id) -> GroupRecord
    replies: dict        # (receiver id, feedback record id) -> GroupRecord
    actions: dict        # author id -> GroupRecord

    @classmethod
    def of(cls, records):
        updates, feedback, replies, actions = {}, {}, {}, {}
        for record in records:
            kind = record.data.get("kind")
            if kind == KIND_UPDATE:
                updates[record.author_id] = record
            elif kind == KIND_FEEDBACK:
                feedback[(record.author_id, record.data.get("to"))] = record
            elif kind == KIND_REPLY:
                replies[(record.author_id, record.data.get("feedback"))] = record
            elif kind == KIND_ACTIONS:
                actions[record.author_id] = record
        return cls(updates, feedback, replies, actions)

    def feedback_to(self, receiver_id):
        return [r for (author, to), r in self.feedback.items() if to == receiver_id]

    def feedback_from(self, author_id):
        return {to: r for (author, to), r in self.feedback.items() if author == author_id}

    def helpfulness_of(self, receiver_id, record):
        reply = self.replies.get((receiver_id, record.id))
        return reply.data.get("helpful") if reply else None


def mentors_of(group):
    """Mentors of a group (core/groups.py: staff assign them; not members, never behind)."""
    return tuple(group.mentors)


def is_mentor(group, anonymous_id):
    return group.has_mentor(anonymous_id)


def assigned_peers(block, group, giver_id):
    """Whom `giver_id` gives feedback to: mentors may give to every member; members to
    the peers of the block's ring (rules.peers_of)."""
    member_ids = [m.anonymous_id for m in group.members]
    if is_mentor(group, giver_id) and not group.has(giver_id):
        return member_ids
    return rules.peers_of(giver_id, member_ids, block.peers_per_participant, block.ring_salt, group.id)


def progress(block, group, latest, now):
    """Per member: posted, late, what they owe and gave (staff overview, reminders)."""
    update_due = block.due_of("update_due")
    feedback_due = block.due_of("feedback_due")
    member_ids = [m.anonymous_id for m in group.members]
    members_ring = rules.ring(member_ids, block.ring_salt, group.id)
    per_participant = block.peers_per_participant
    asks_actions = block.has_actions_step  # a field read per member was a tenth of a staff overview's time
    rows = {}
    for member in group.members:
        aid = member.anonymous_id
        update = latest.updates.get(aid)
        peers = rules.peers_in_ring(aid, members_ring, per_participant)
        owed = [p for p in peers if p in latest.updates]       # only those who posted are reviewed
        given = latest.feedback_from(aid)
        received = latest.feedback_to(aid)
        ratings = [latest.helpfulness_of(aid, r) for r in received]
        ratings = [r for r in ratings if isinstance(r, int)]
        missing_update = update is None
        missing_feedback = [p for p in owed if p not in given]
        behind = []
        if missing_update:
            behind.append("update_overdue" if rules.is_past(update_due, now) else "update")
        if missing_feedback:
            behind.append("feedback_overdue" if rules.is_past(feedback_due, now) else "feedback")
        if asks_actions and aid not in latest.actions:
            behind.append("actions")
        rows[aid] = {
            "posted": not missing_update,
            "posted_late": bool(update and update_due and update.submitted_at > update_due),
            "owes": len(owed), "gave": sum(1 for p in owed if p in given),
            "gave_total": len(given), "received": len(received),
            "helpfulness": round(sum(ratings) / len(ratings), 2) if ratings else None,
            "ratings": len(ratings),
            "actions": aid in latest.actions,
            "behind": behind,
        }
    return rows
