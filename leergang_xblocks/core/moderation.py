"""Flags and hidden items: what staff need to take learner text off other learners' screens.

    moderation = Moderation(block)
    moderation.flag(identity, record_id, scope, reason)   # a participant asks staff to look
    moderation.hide(staff, record_id, scope, reason)      # gone for learners, kept in the record
    moderation.unhide(staff, record_id, scope)
    moderation.hidden_ids(scope)                          # what a learner's read leaves out
    moderation.flags() / moderation.decisions()           # staff views and exports

A `scope` is where the item is read: a group id (`Group.id`) for group-scoped
records, or a name of the block's own (say `"cohort"`, or `"cohort:round-2"`).
A participant's read asks for one scope only, so its cost is one indexed query
on that scope's decisions, the same at 20 and at 5,000 participants.

Nothing is deleted or updated in place. A hidden item stays in the record and
in staff views and exports (marked hidden): hiding is a decision about who
sees it, and the decision itself is kept (who, when, why). Flags and decisions
are append-only edx-submissions rows, like every other record:

- **Flags**: one row per person per flagged item, under the flagger's own
  student item, so a participant's flags are written inside their own
  serialised step (`json_handler(writes=True)`) and a double click cannot flag
  twice.
- **Decisions**: rows under one student item per scope; the newest decision on
  an item wins (hide, then unhide, then hide again is three rows).
"""
import hashlib
from dataclasses import dataclass

from django.utils import timezone
from submissions.models import DELETED, Submission

from . import platform, storage

ITEM_TYPE_FLAG = "leergang_flag"
ITEM_TYPE_DECISION = "leergang_moderation"
DECISIONS_OWNER = "leergang-moderation"   # the student id of the decision rows
MAX_REASON = 1000


def scope_key(scope):
    """Item ids have 255 characters; a scope (a team id, say) can be long."""
    return hashlib.sha256(str(scope).encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Flag:
    record_id: str
    scope: str
    flagged_by: str          # anonymous id: staff views only
    reason: str
    flagged_at: object


@dataclass(frozen=True)
class Decision:
    record_id: str
    scope: str
    hidden: bool
    decided_by: str
    reason: str
    decided_at: object


class Moderation:
    def __init__(self, block, course_id=None, block_item=None):
        self.course_id = course_id or platform.course_id(block)
        self.block_item = block_item or platform.item_id(block)

    def _flags_item(self):
        return f"{self.block_item}#flags"

    def _decisions_item(self, scope):
        return f"{self.block_item}#moderation:{scope_key(scope)}"

    # --- Participants -----------------------------------------------------------------

    def flag(self, identity, record_id, scope, reason=""):
        """Flag an item for staff. Returns False when this person flagged it already.
        The caller checks first that the item is one `identity` may see."""
        record_id = str(record_id)
        item = _student_item(identity.anonymous_id, self.course_id, self._flags_item(), ITEM_TYPE_FLAG)
        earlier = Submission.objects.filter(student_item=item).values_list("answer", flat=True)
        if any(str(data.get("record_id")) == record_id for data in earlier):
            return False
        Submission.objects.create(student_item=item, attempt_number=1 + len(earlier), answer={
            "record_id": record_id, "scope": str(scope), "reason": reason[:MAX_REASON],
            "flagged_at": timezone.now().isoformat()})
        return True

    def flagged_by(self, anonymous_id):
        """The record ids this participant flagged (one indexed query): their own view
        says "you flagged this"; their data download lists them."""
        return [Flag(str(d["record_id"]), d.get("scope", ""), anonymous_id, d.get("reason", ""), at)
                for d, at in Submission.objects.filter(
                    student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                    student_item__item_id=self._flags_item()).order_by("id").values_list("answer", "submitted_at")]

    # --- Staff --------------------------------------------------------------------------

    def hide(self, identity, record_id, scope, reason=""):
        return self._decide(identity, record_id, scope, True, reason)

    def unhide(self, identity, record_id, scope, reason=""):
        return self._decide(identity, record_id, scope, False, reason)

    def _decide(self, identity, record_id, scope, hidden, reason):
        item = _student_item(DECISIONS_OWNER, self.course_id, self._decisions_item(scope), ITEM_TYPE_DECISION)
        row = Submission.objects.create(student_item=item, attempt_number=1, answer={
            "record_id": str(record_id), "scope": str(scope), "hidden": hidden, "by": identity.anonymous_id,
            "reason": reason[:MAX_REASON]})
        return Decision(str(record_id), str(scope), hidden, identity.anonymous_id, reason[:MAX_REASON],
                        row.submitted_at)

    # --- Reads ----------------------------------------------------------------------------

    def hidden_ids(self, scope):
        """The ids of the items hidden in `scope` now: one indexed query on the scope's
        decisions (staff actions, never participants' records)."""
        state = {}
        for data in (Submission.objects
                     .filter(student_item__student_id=DECISIONS_OWNER, student_item__course_id=self.course_id,
                             student_item__item_id=self._decisions_item(scope))
                     .order_by("id").values_list("answer", flat=True)):
            state[str(data["record_id"])] = bool(data.get("hidden"))
        return {record_id for record_id, hidden in state.items() if hidden}

    def decisions(self):
        """Every decision of this block, oldest first (staff)."""
        rows = (Submission.objects
                .filter(student_item__student_id=DECISIONS_OWNER, student_item__course_id=self.course_id,
                        student_item__item_id__startswith=f"{self.block_item}#moderation:")
                .order_by("id").values_list("answer", "submitted_at"))
        return [Decision(str(d["record_id"]), d.get("scope", ""), bool(d.get("hidden")), d.get("by", ""),
                         d.get("reason", ""), at) for d, at in rows]

    def hidden_everywhere(self):
        """record id -> the decision that hides it now, over every scope (staff views)."""
        latest = {}
        for decision in self.decisions():
            latest[(decision.scope, decision.record_id)] = decision
        return {d.record_id: d for d in latest.values() if d.hidden}

    def flags(self):
        """Every flag of this block, oldest first (staff)."""
        rows = (Submission.objects
                .filter(student_item__course_id=self.course_id, student_item__item_id=self._flags_item())
                .order_by("id").values_list("student_item__student_id", "answer", "submitted_at"))
        return [Flag(str(d["record_id"]), d.get("scope", ""), who, d.get("reason", ""), at) for who, d, at in rows]

    def clear(self, anonymous_id):
        """A participant's flags, as the LMS's "Delete learner's state" removes their data
        (marked deleted, as edx-submissions does). Staff decisions stay: they are staff's."""
        Submission.objects.filter(student_item__student_id=anonymous_id, student_item__course_id=self.course_id,
                                  student_item__item_id=self._flags_item()).update(status=DELETED)



def _student_item(student_id, course_id, item_id, item_type):
    return storage.student_item({"student_id": student_id, "course_id": course_id, "item_id": item_id,
                                 "item_type": item_type})
