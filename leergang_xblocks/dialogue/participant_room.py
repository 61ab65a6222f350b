"""What a participant may see of the room (`ParticipantRoomMixin`, mixed into DialogueBlock):
who hid what, the room of this round, the participant's current group and own records.
Read inside a writing handler's serialised step, so what they return is what the write
builds on."""
from ..core.handlers import HandlerError
from . import exercise
from .room import cohort_room, group_room, mine_from

ROOM_PARTS = ("needs", "responses")


class ParticipantRoomMixin:
    """Reading the room for one participant request."""

    def _hidden(self, scope_key, store=None):
        """The ids staff hid in `scope_key`; with `store` (the request's), read once per request."""
        from .moderation_adapter import hidden_ids
        if store is None:
            return hidden_ids(self, scope_key)
        return store.once(("hidden", scope_key), lambda: hidden_ids(self, scope_key))

    def _hidden_in(self, scope_keys, store):
        """The ids staff hid in any of `scope_keys`: the ones this request has not read yet
        in one query, each kept as `_hidden` keeps it."""
        from .moderation_adapter import hidden_ids_in
        missing = [key for key in scope_keys if ("hidden", key) not in store.read_once]
        if missing:
            for key, ids in hidden_ids_in(self, missing).items():
                store.read_once[("hidden", key)] = ids
        return set().union(*(store.read_once[("hidden", key)] for key in scope_keys))

    def _room(self, identity, store, round_number, mine, group=None, pending=(), parts=ROOM_PARTS):
        """What this participant may see of the room this round. `pending`: this request's
        own changes, (record, sign), not yet folded into the tally (see `_after_write`).
        `parts`: which of the minority's answers ("needs") and the responses to their
        reasons ("responses") to read in the cohort (a small group's records hold both)."""
        dilemma = self.dilemma
        if self.group_scope:
            group_records = store.group_records()
            group = group or self._current_group(identity, store) or group_records.visible_group(identity)
            rows = group_records.of_group(group)
            # A hide filed under "cohort" (before every record carried its group) hides here too.
            hidden = self._hidden_in((group.id, "cohort"), store)
            return group_room(dilemma.option_keys, round_number, rows, set(mine.rids), hidden, group)
        tally = store.tally(round_number)
        for record, sign in pending:
            tally = exercise.fold(tally, record, sign)
        revealed = exercise.is_revealed(tally.get("positions", 0), self.cfg.min_positions)
        reasons = store.cohort_reasons(round_number, dilemma.option_keys) if revealed else {}
        needs = (store.cohort_needs(round_number)
                 if revealed and "needs" in parts and self.cfg.step_minority else [])
        responses = (store.responses_to(mine.rids)
                     if revealed and "responses" in parts and self.cfg.step_respond else [])
        return cohort_room(dilemma.option_keys, tally, reasons, needs, responses,
                           self._hidden("cohort", store) if revealed else set())

    def _current_group(self, identity, store):
        """In group scope, the group this participant reads and writes in now (a mentor:
        the group they mentor), read once per request; None when there is none."""
        if not self.group_scope:
            return None
        if "group" not in store.read_once:
            try:
                store.read_once["group"] = store.group_records().visible_group(identity)
            except HandlerError as refusal:
                store.read_once["group"], store.read_once["group_refusal"] = None, refusal
        return store.read_once["group"]

    def _participant(self, identity, store=None, group=None):
        """(store, round, mine) for this participant, read now (in a writing handler:
        inside the serialised step, so what it returns is what the write builds on).
        In group scope `mine` holds what they wrote in their current group's round."""
        store = store or self._store()
        round_number = store.current_round()
        history = store.own.history(identity.anonymous_id) if identity.anonymous_id else []
        # Before this request's write: only someone who has taken a position can have flagged a reason.
        store.read_once.setdefault("had position", any(r.data.get("kind") == "position" for r in history))
        group = group or self._current_group(identity, store)
        return store, round_number, mine_from(history, round_number, group.id if group else None), history
