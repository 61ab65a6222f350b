"""The participant's writes in the dialogue (`ParticipantWritesMixin`, mixed into DialogueBlock):
take a position, respond, re-vote, share a need, reflect, flag and unflag a reason, read the
room while waiting; their checks; and the participant's own data export. Each write runs in
the participant's serialised step (`json_handler(writes=True)`), its checks inside it."""
from django.utils import timezone

from ..core import completion, platform
from ..core.handlers import Choice, HandlerError, ListOf, Nullable, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from . import exercise, records
from .exercise import MAX_REASON, MAX_REFLECTION, MAX_RESPONSE
from .moderation_adapter import moderation
from .participant_room import ROOM_PARTS
from .room import shared_part

RID = Str(32, min_length=32)
# The own words are counted and measured in `_checked_values`, so that too many or too
# long is answered with its own code at the field; the shape only bounds the request.
VALUES = Object({"keys": ListOf(Str(8), exercise.MAX_VALUES),
                 "own": ListOf(Str(4 * exercise.MAX_VALUE_CHARS), exercise.MAX_VALUES)}, "Values")
NO_VALUES = {"keys": [], "own": []}
POSITION_SHAPE = Object({"option": Str(8), "reason": Str(MAX_REASON, multiline=True),
                         "values": Optional(VALUES, NO_VALUES)}, "Position")
REVOTE_SHAPE = Object({"option": Str(8), "reason": Optional(Str(MAX_REASON, multiline=True), "")}, "Revote")
RESPOND_SHAPE = Object({"to": RID, "understand": Str(MAX_RESPONSE, multiline=True),
                        "question": Str(MAX_RESPONSE, multiline=True)}, "Response")
NEED_SHAPE = Object({"text": Str(MAX_RESPONSE, multiline=True)}, "Need")
REFLECT_SHAPE = Object({"values": VALUES, "changed": Str(MAX_REFLECTION, multiline=True),
                        "listening": Optional(Nullable(Choice(*exercise.LISTENING_KEYS)), None),
                        "note": Optional(Str(MAX_REFLECTION, multiline=True), "")}, "Reflection")


class ParticipantWritesMixin:
    """The participant handlers and the checks they share."""

    def _checked_option(self, key):
        if key not in self.dilemma.option_keys:
            raise HandlerError(400, "unknown_option", _("Choose one of the options."), field="option")
        return key

    def _checked_values(self, values):
        known = {key for key, _label in self.dilemma.values}
        keys = list(dict.fromkeys(values["keys"]))
        if any(key not in known for key in keys):
            raise HandlerError(400, "unknown_value", _("Choose values from the list, or write your own."),
                               field="values.keys")
        own = []
        for word in values["own"]:
            word = " ".join(word.split())
            if word and word.casefold() not in {w.casefold() for w in own}:
                own.append(word)
        field = {"field": "own_values", "max": exercise.MAX_OWN_VALUES}
        if len(own) > exercise.MAX_OWN_VALUES:
            raise HandlerError(400, "too_many_values", _("Name at most %(max)s values in your own words."),
                               data=field, max=exercise.MAX_OWN_VALUES)
        if any(len(word) > exercise.MAX_VALUE_CHARS for word in own):
            raise HandlerError(400, "value_too_long", _("Keep each value to at most %(max)s characters."),
                               data={**field, "max": exercise.MAX_VALUE_CHARS}, max=exercise.MAX_VALUE_CHARS)
        return {"keys": keys, "own": own}

    @staticmethod
    def _text(value, code_message=None, field=None):
        text = tidy(value or "")
        if code_message and not text:
            raise HandlerError(400, "empty_answer", code_message, field=field)
        return text

    def _group_for_write(self, identity, store):
        if not self.group_scope:
            return None
        group = self._current_group(identity, store)
        if group is None:
            raise store.read_once["group_refusal"]
        return group

    @staticmethod
    def _stamp(record, identity, group):
        """Which group a record belongs to, and whether a mentor wrote it (a mentor takes
        part but is never counted: exercise.fold, the live view and the CSV read `role`)."""
        if group is not None:
            record["group_id"] = group.id
            if not group.has(identity.anonymous_id):
                record["role"] = "mentor"
        return record

    def _share(self, identity, store, record, group, log_key=None, log=None):
        """The copy of `record` that the others read: in the group's records, or in a cohort log."""
        named = not self.cfg.anonymous
        name = (platform.current_full_name(self) or identity.username or "") if named else ""
        shared = shared_part(record, named, name)
        if group is not None:
            store.group_records().append(identity, shared, group=group)
        elif log is not None:
            log.append(log_key, {**shared, "author": identity.anonymous_id}, entry_uuid=record["rid"],
                       author=identity.anonymous_id)
            store.shared(log, record.get("rid"), log_key)

    def _require_revealed(self, identity, store, round_number, mine, group, room_parts=()):
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        room = self._room(identity, store, round_number, mine, group, parts=room_parts)
        threshold = exercise.reveal_threshold(self.cfg.min_positions, room.group_size)
        if not self.cfg.step_reveal or room.positions < threshold:
            raise HandlerError(409, "not_revealed", _("The spread is not open yet: %(needed)s positions are "
                                                      "needed."), needed=threshold)
        return room

    def _after_write(self, identity, store, group, round_number, changes, regions=None, room_parts=None, room=None):
        """The answer, and then the round's tally updated with `changes` ((record, sign)
        pairs). The answer: the regions `regions` of the participant's view that the write
        changed (`_regions`; `room_parts`, `room`: what of the room they show, the room
        already read), or with `regions` None the participant's whole new state. The
        tally's row lock is held until the step commits, so it is taken last: rendering
        the page under it made every voter of the cohort wait for every other's page (the
        load test's 200 voters took minutes)."""
        if regions is None:
            result = self._state(identity, store, group, pending=changes)
        else:
            result = self._regions(identity, store, group, regions, room_parts, changes, room)
        if changes:
            store.fold_changes(round_number, changes)
        return result

    @json_handler(POSITION_SHAPE, writes=True)
    def take_position(self, data, identity):
        """The participant's private position with a reason, before they see anyone else's.
        It answers the whole exercise, so it checks every setting the exercise shows: the
        position form gives way to their position and, once the spread opens, to the
        spread, the reasons, the re-vote, the minority's question, the deliberation and
        the reflection; hardly anything of the page before stays."""
        self._require_ready()
        store, round_number, mine, history = self._participant(identity)
        if mine.position is not None:
            raise HandlerError(409, "already_positioned", _("You have already taken a position in this round."))
        option = self._checked_option(data["option"])
        reason = self._text(data["reason"], _("Give a reason for your position."), "reason")
        values = self._checked_values(data["values"])
        group = self._group_for_write(identity, store)
        record = {"kind": "position", "round": round_number, "option": option, "reason": reason, "values": values,
                  "rid": records.new_rid(), "at": timezone.now().isoformat()}
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        self._share(identity, store, record, group, store.wall_key(round_number, option), store.wall)
        self.report_copy = {"round": round_number, "position": option, "reason": reason}
        completion.report_done(self, completion.dialogue_done(True, False, self.cfg.step_reflection))
        self.publish_event("position_taken", {"round": round_number, "option": option, "length": len(reason)})
        return self._after_write(identity, store, group, round_number, [(record, 1)])

    @json_handler(methods=("GET",))
    def room(self, data, identity):
        """The participant's view of the round: 409 `position_first` before their own position."""
        self._require_ready()
        store, round_number, mine, _history = self._participant(identity)
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        return self._state(identity, store)

    @json_handler(RESPOND_SHAPE, writes=True)
    def respond(self, data, identity):
        """Respond to one reason from another option: what I understand of your view, my question to you."""
        self._require_ready("options", "scope", "min_positions", "respond")
        if not self.cfg.step_respond:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        room = self._require_revealed(identity, store, round_number, mine, group)
        if mine.response is not None:
            raise HandlerError(409, "already_responded", _("You have already responded to a reason in this round."))
        target = self._visible_reason(store, round_number, room, data["to"])
        if target is None:
            raise HandlerError(404, "no_such_reason", _("That reason is not (or no longer) shown."))
        if data["to"] in mine.rids or target.get("option") == mine.current_option:
            raise HandlerError(409, "same_option", _("Respond to a reason from an option other than yours."))
        understand = self._text(data["understand"], _("Write what you understand of their view."), "understand")
        question = self._text(data["question"], _("Write your question to them."), "question")
        # No copy of the reason's text: its author's erasure must take it from here too.
        record = {"kind": "response", "round": round_number, "to": data["to"], "to_option": target.get("option"),
                  "understand": understand, "question": question,
                  "rid": records.new_rid(), "at": timezone.now().isoformat()}
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        self._share(identity, store, record, group, f"to:{data['to']}", store.responses)
        self.publish_event("responded", {"round": round_number})
        # Their response appears, and the reasons lose their respond forms.
        return self._after_write(identity, store, group, round_number, [(record, 1)],
                                 regions=("my-response", "reasons"), room_parts=())

    def _visible_reason(self, store, round_number, room, rid):
        """The shared reason `rid` if this participant's room shows it (not hidden)."""
        for items in room.reasons.values():
            for item in items:
                if item.get("rid") == rid:
                    return item
        if self.group_scope:
            return None
        # Cohort scope: a reason older than the newest few shown may still be answered by
        # someone who saw it earlier; its log entry is found by its id (an indexed uuid).
        entry = store.wall.by_uuid(rid)
        if (entry is None or entry.data.get("kind") not in ("position", "revote") or not entry.data.get("text")
                or entry.data.get("round") != round_number or rid in self._hidden("cohort", store)):
            return None
        return entry.data

    @json_handler(Object({"rid": RID, "reason": Optional(Str(500, multiline=True), "")}, "Flag"), writes=True)
    def flag_reason(self, data, identity):
        """Ask the facilitator to look at a reason or answer shown to this participant
        (core/moderation.py: one flag per person per item; a second one changes nothing)."""
        self._require_ready("options", "scope", "min_positions", "respond", "minority")
        store, round_number, mine, _history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        room = self._require_revealed(identity, store, round_number, mine, group, room_parts=ROOM_PARTS)
        shown = {item.get("rid") for items in room.reasons.values() for item in items}
        shown |= {item.get("rid") for item in room.needs + room.responses_to_me}
        if data["rid"] not in shown or data["rid"] in mine.rids:
            raise HandlerError(404, "no_such_reason", _("That reason is not (or no longer) shown."))
        scope = group.id if group is not None else "cohort"
        moderation(self).flag(identity, data["rid"], scope, tidy(data["reason"]))
        self.publish_event("reason_flagged", {"round": round_number})
        return self._after_write(identity, store, group, round_number, [], regions=("reasons",), room_parts=())

    @json_handler(Object({"rid": RID}, "Unflag"), writes=True)
    def unflag_reason(self, data, identity):
        """Take back one's own request to the facilitator (reporting is a deliberate
        step with undo). Only the reporter can: anyone else has no flag there (404)."""
        self._require_ready("options", "scope", "min_positions", "respond")
        store, round_number, mine, _history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        if not moderation(self).unflag(identity, data["rid"]):
            raise HandlerError(404, "no_such_flag", _("You have not asked the facilitator to look at this."))
        self.publish_event("reason_unflagged", {"round": round_number})
        return self._after_write(identity, store, group, round_number, [], regions=("reasons",), room_parts=())

    @json_handler(REVOTE_SHAPE, writes=True)
    def revote(self, data, identity):
        """Vote again after the dialogue; the first vote stays on record."""
        self._require_ready("options", "scope", "min_positions", "respond", "revote", "minority")
        if not self.cfg.step_revote:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        self._require_revealed(identity, store, round_number, mine, group)
        if mine.revote is not None:
            raise HandlerError(409, "already_revoted", _("You have already re-voted in this round."))
        option = self._checked_option(data["option"])
        reason = self._text(data["reason"])
        record = {"kind": "revote", "round": round_number, "option": option, "from": mine.position["option"],
                  "reason": reason, "rid": records.new_rid() if reason else None, "at": timezone.now().isoformat()}
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        if reason or group is not None:
            # The group's distribution is recounted from its records, so every re-vote goes there;
            # in the cohort the tally counts it and only a re-vote with a reason is shown.
            self._share(identity, store, record, group,
                        store.wall_key(round_number, option), store.wall if reason else None)
        # As take_position wrote it, with the re-vote: built from the position, not read back.
        self.report_copy = {"round": round_number, "position": mine.position["option"],
                            "reason": mine.position.get("reason", ""), "revote": option}
        self.publish_event("revoted", {"round": round_number, "moved": option != mine.position["option"]})
        # Where they moved, the spread, the reasons (theirs, and which they may answer), the
        # re-vote form gone, and who is in the minority now.
        return self._after_write(identity, store, group, round_number, [(record, 1)],
                                 regions=("movement", "spread", "reasons", "revote", "minority"),
                                 room_parts=("needs",))

    @json_handler(NEED_SHAPE, writes=True)
    def share_need(self, data, identity):
        """For the minority: what would you need to go along?"""
        self._require_ready("options", "scope", "min_positions", "revote", "minority")
        if not self.cfg.step_minority:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        room = self._require_revealed(identity, store, round_number, mine, group)
        if self.cfg.step_revote and mine.revote is None:
            raise HandlerError(409, "revote_first", _("Re-vote first; then the minority is asked this question."))
        if mine.current_option not in room.minority:
            raise HandlerError(409, "not_minority", _("This question is for those in the minority."))
        if mine.need is not None:
            raise HandlerError(409, "already_shared", _("You have already answered this question in this round."))
        text = self._text(data["text"], _("Write what you would need."), "text")
        record = {"kind": "need", "round": round_number, "option": mine.current_option, "text": text,
                  "rid": records.new_rid(), "at": timezone.now().isoformat()}
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        self._share(identity, store, record, group, store.needs_key(round_number), store.wall)
        self.publish_event("need_shared", {"round": round_number})
        return self._after_write(identity, store, group, round_number, [(record, 1)], regions=("minority",),
                                 room_parts=("needs",))

    @json_handler(REFLECT_SHAPE, writes=True)
    def reflect(self, data, identity):
        """The closing reflection: values at stake, what changed, how I listened. Private
        (the facilitator sees the values and listening levels counted, and staff the text)."""
        self._require_ready("options", "scope", "min_positions", "values")
        if not self.cfg.step_reflection:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        group, room = self._current_group(identity, store), None
        if self.cfg.step_reveal and not (self.group_scope and group is None):
            room = self._require_revealed(identity, store, round_number, mine, group)
        values = self._checked_values(data["values"])
        changed = self._text(data["changed"])
        note = self._text(data["note"])
        if not (values["keys"] or values["own"] or changed or note or data["listening"]):
            raise HandlerError(400, "empty_answer", _("Write or choose something first."))
        record = {"kind": "reflection", "round": round_number, "values": values, "changed": changed,
                  "listening": data["listening"], "note": note, "at": timezone.now().isoformat()}
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        # A later reflection replaces the earlier one in the counts.
        changes = ([(mine.reflection, -1)] if mine.reflection is not None else []) + [(record, 1)]
        self.publish_event("reflected", {"round": round_number, "listening": data["listening"]})
        completion.report_done(self, completion.dialogue_done(True, True, True))
        if self.group_scope:
            if group is None:  # moved out of every group since their position: nothing to show
                store.fold_changes(round_number, changes)
                return {"saved": True}
        # Only the form changes (its counts are the facilitator's); the room read for the
        # check shows the spread open as it was.
        return self._after_write(identity, store, group, round_number, changes, regions=("reflection",),
                                 room=room)

    def personal_data(self, identity):
        """Everything stored about this participant here: every record of every round
        (positions, reasons, re-votes, responses, answers, reflections) and the
        responses others wrote to their reasons (without the responders' identity)."""
        if not identity.anonymous_id:
            return {}
        store = self._store()
        history = store.own.history(identity.anonymous_id)
        rids = [r.data["rid"] for r in history if r.data.get("rid") and r.data.get("kind") in ("position", "revote")]
        received, hidden = [], self._hidden("cohort")
        if self.group_scope:
            group = store.group_records().source.group_of(identity)
            if group is not None:
                hidden |= self._hidden(group.id)
                received = [r.data for r in store.group_records().of_group(group)
                            if r.data.get("kind") == "response" and r.data.get("to") in rids]
        else:
            received = [e.data for e in store.responses_to(rids)]
        # A response staff hid is gone from every place the participant reads, this one too.
        received = [r for r in received if r.get("rid") not in hidden]
        return {
            # Their own records; a response names the reason it answers by id only (the reason is
            # another participant's words, theirs to export).
            "records": [{"submitted_at": str(r.submitted_at), **r.data} for r in history],
            "responses_to_my_reasons": [{"to": r.get("to"), "understand": r.get("understand"),
                                         "question": r.get("question")} for r in received],
            # The copy kept in user state for the platform's instructor report.
            "report_copy": self.report_copy,
            "flags": [{"reason_id": flag.record_id, "reason": flag.reason, "flagged_at": str(flag.flagged_at)}
                      for flag in moderation(self).flagged_by(identity.anonymous_id)],
        }
