"""Flags and hidden items: what staff need to take learner text off other learners' screens.

    moderation = Moderation(block)
    moderation.flag(identity, record_id, scope, reason)   # a participant asks staff to look
    moderation.unflag(identity, record_id)                # ... and takes it back (their own flag only)
    moderation.hide(staff, record_id, scope, reason)      # gone for learners, kept in the record
    moderation.unhide(staff, record_id, scope)
    moderation.hidden_ids(scope)                          # what a learner's read leaves out
    moderation.flags() / moderation.decisions()           # staff views and exports

A `scope` is where the item is read: a group id (`Group.id`) for group-scoped
records, or a name of the block's own (say `"cohort"`, or `"cohort:round-2"`).
A participant's read asks for one scope only, so its cost is one indexed query
on that scope's decisions, the same at 20 and at 5,000 participants.

Nothing is updated in place. A hidden item stays in the record and in staff
views and exports (marked hidden): hiding is a decision about who sees it, and
the decision itself is kept (who, when, why). Both live in the package's own
tables (stores/api/moderation.py):

- **Flags**: one row per person per flagged item (a unique key), written inside
  the flagger's serialised step (`json_handler(writes=True)`), so a double
  click cannot flag twice.
- **Decisions**: append-only rows per block and scope; the newest decision on
  an item wins (hide, then unhide, then hide again is three rows).
"""
from dataclasses import dataclass

from ..stores.api import moderation as moderation_api
from ..stores.api.moderation import MAX_REASON
from . import platform


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

    # --- Participants -----------------------------------------------------------------

    def flag(self, identity, record_id, scope, reason=""):
        """Flag an item for staff. Returns False when this person flagged it already.
        The caller checks first that the item is one `identity` may see."""
        return moderation_api.add_flag(self.course_id, self.block_item, record_id, scope, identity.anonymous_id,
                                       reason)

    def unflag(self, identity, record_id):
        """Take back `identity`'s own flag on an item (reporting is a deliberate step
        with undo). False when they had not flagged it: nobody takes back another's."""
        return moderation_api.remove_flag(self.course_id, self.block_item, record_id, identity.anonymous_id)

    def flagged_by(self, anonymous_id):
        """The items this participant flagged (one indexed query): their own view says
        "you flagged this"; their data download lists them."""
        return [Flag(*row) for row in moderation_api.flags_by(self.course_id, self.block_item, anonymous_id)]

    # --- Staff --------------------------------------------------------------------------

    def hide(self, identity, record_id, scope, reason=""):
        return self._decide(identity, record_id, scope, True, reason)

    def unhide(self, identity, record_id, scope, reason=""):
        return self._decide(identity, record_id, scope, False, reason)

    def _decide(self, identity, record_id, scope, hidden, reason):
        reason = (reason or "")[:MAX_REASON]
        at = moderation_api.decide(self.course_id, self.block_item, record_id, scope, hidden,
                                   identity.anonymous_id, reason)
        return Decision(str(record_id), str(scope), hidden, identity.anonymous_id, reason, at)

    # --- Reads ----------------------------------------------------------------------------

    def hidden_ids(self, scope):
        """The ids of the items hidden in `scope` now: one indexed query on the scope's
        decisions (staff actions, never participants' records)."""
        return _hidden_now(moderation_api.decisions_in(self.course_id, self.block_item, scope))

    def hidden_ids_in(self, scopes):
        """{scope: hidden_ids(scope)} for a few scopes in one indexed query."""
        return {scope: _hidden_now(rows) for scope, rows in
                moderation_api.decisions_in_scopes(self.course_id, self.block_item, scopes).items()}

    def decisions(self):
        """Every decision of this block, oldest first (staff)."""
        return [Decision(*row) for row in moderation_api.decisions(self.course_id, self.block_item)]

    def hidden_everywhere(self):
        """record id -> the decision that hides it now, over every scope (staff views)."""
        latest = {}
        for decision in self.decisions():
            latest[(decision.scope, decision.record_id)] = decision
        return {d.record_id: d for d in latest.values() if d.hidden}

    def flags(self):
        """Every flag of this block, oldest first (staff)."""
        return [Flag(*row) for row in moderation_api.flags(self.course_id, self.block_item)]

    def clear(self, anonymous_id):
        """A participant's flags, as the LMS's "Delete learner's state" removes their
        data. Staff decisions stay: they are staff's."""
        moderation_api.clear_flags(self.course_id, self.block_item, anonymous_id)


def _hidden_now(decisions):
    """The record ids whose latest decision (of `decisions`, oldest first) hides them."""
    state = {}
    for record_id, hidden in decisions:
        state[record_id] = hidden
    return {record_id for record_id, hidden in state.items() if hidden}
