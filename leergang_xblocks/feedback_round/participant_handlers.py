"""A participant's requests of the round: reading it (`round_state`), the case prefill,
and the writes (post an update, give, rate, flag and unflag feedback, save and follow
up actions), each in the participant's serialised step (core/handlers.py). Mixed into
FeedbackRoundBlock."""
from django.utils import timezone

from ..core import completion
from ..core.action_list import ACTION_STATES
from ..core.dates import real_date
from ..core.handlers import Choice, HandlerError, Int, ListOf, MapOf, Nullable, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from . import case_link, round_actions, round_view, rules
from .participant_view import _public, my_update_of, own_actions, posted_part, review_progress
from .round_settings import MAX_ACTION, MAX_ACTIONS, MAX_ANSWER, MAX_REASON, MAX_UPDATE, REF
from .round_view import KIND_ACTIONS, KIND_FEEDBACK, KIND_REPLY, KIND_UPDATE, RoundRecords


def _members_only(block):
    """Updates and actions are a member's own: a mentor (who is in no group as a member)
    is refused before the body is read, as every refusal of who may call is.

    Asked first: does this person mentor any group (their own mentor rows, one indexed
    query)? Most callers do not, and then their group is read once, inside the write's
    step, where the handler's own check (members only) is the one that counts."""
    identity = block.identity
    if not identity.is_authenticated or identity.is_staff or not identity.anonymous_id:
        return
    source = block.group_source
    if (source.mentor_store.groups_of(identity.anonymous_id) and source.group_of(identity) is None
            and source.groups_mentored_by(identity)):
        raise HandlerError(403, "members_only", _("Only the members of the group report back and record actions."))


class ParticipantHandlersMixin:
    """The participant's handlers of the round; mixed into FeedbackRoundBlock."""

    @json_handler(Object({"group": Optional(Str(300), "")}), methods=("GET",))
    def round_state(self, data, identity):
        """The round of the asker's group. Naming another group: 403 unless staff."""
        group, _rows, latest, hidden = self._read(identity, data["group"] or None)
        if identity.is_staff and not group.has(identity.anonymous_id):
            return self.staff_group_view(group)
        view = self.participant_view(identity, group, latest, hidden)
        return {**_public(view), "html": self._view_html(view, identity)}

    def case_summary(self, identity):
        """What the participant shared from the case tracker, or None (CASE's interface:
        leergang_xblocks.case.sharing.shared_case_summary)."""
        if not self.prefill_from_case:
            return None
        try:
            from ..case.sharing import shared_case_summary
        except ImportError:
            return None  # the case tracker is not installed with this version
        from ..core import platform
        return shared_case_summary(platform.course_id(self), identity.anonymous_id, block=self)

    @json_handler(methods=("GET",))
    def case_prefill(self, data, identity):
        """The text to start an update from: the participant's shared case summary."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        summary = self.case_summary(identity)
        if not summary:
            return {"found": False, "text": ""}
        return {"found": True, "text": self._prefill_text(summary)[:MAX_UPDATE]}

    def _prefill_text(self, summary):
        """The case summary as the start of an update: title, summary, the latest entry's
        text and its actions (the case tracker gives the entry as a dict)."""
        parts = [summary.get("title"), summary.get("summary")]
        entry = summary.get("latest_entry")
        if isinstance(entry, dict):
            parts.append(entry.get("text"))
            actions = [a for a in entry.get("actions") or [] if isinstance(a, str) and tidy(a)]
            if actions:
                parts.append(self.translate(_("Actions:")) + "\n" + "\n".join(f"- {a}" for a in actions))
        else:
            parts.append(entry)
        return "\n\n".join(tidy(p) for p in parts if isinstance(p, str) and tidy(p))

    @json_handler(Object({"text": Str(MAX_UPDATE, min_length=1, multiline=True),
                          "from_case": Optional(Nullable(Int(0, 1)), 0)}), writes=True, authorize=_members_only)
    def post_update(self, data, identity):
        """Post (or replace) the asker's update to their own group."""
        text = tidy(data["text"])
        if not text:
            raise HandlerError(400, "empty_text", _("Write a few words first."), field="text")
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        if not group.has(identity.anonymous_id):
            raise HandlerError(403, "members_only", _("Only the members of the group report back and record actions."))
        records.append(identity, {"kind": KIND_UPDATE, "text": text, "from_case": bool(data["from_case"]),
                                  "author_name": self._own_name(identity, group)}, group=group)
        self.publish_event("update_posted", {"length": len(text)})
        return self._after_write(identity, group, records, _("Your update is posted to your group."),
                                 ("my-posted", "my-update", "updates"))

    @json_handler(Object({"to": REF, "answers": MapOf(Str(20), Str(MAX_ANSWER, multiline=True), 10)}), writes=True)
    def give_feedback(self, data, identity):
        """Feedback to one peer the asker is asked to give feedback to, one answer per prompt."""
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        me = identity.anonymous_id
        receiver = self._member_by_ref(group, data["to"])
        if receiver is None:
            raise HandlerError(403, "not_a_peer", _("You can only give feedback to a member of your own group."))
        if receiver == me:
            raise HandlerError(400, "own_feedback", _("You cannot give feedback to yourself."))
        peers = round_view.assigned_peers(self, group, me)
        if receiver not in peers:
            raise HandlerError(403, "not_assigned", _("You are not asked to give feedback to this member."))
        rows = records.of_group(group)
        latest = RoundRecords.of(rows)
        update = latest.updates.get(receiver)
        hidden = self._moderation().hidden_ids(group.id) if update is not None else set()
        if update is None or str(update.id) in hidden:
            # A hidden update is, for the group, no update: nothing to respond to.
            raise HandlerError(409, "no_update_yet", _("This member has not posted an update yet."))
        prompts = self.prompts()
        allowed = {p["key"] for p in prompts}
        unknown = sorted(set(data["answers"]) - allowed)
        if unknown:
            raise HandlerError(400, "unknown_prompt", _("This round no longer asks one of these questions. "
                                                        "Copy what you wrote, reload the page and try again."),
                               field="answers")
        answers = {key: tidy(data["answers"].get(key, "")) for key in (p["key"] for p in prompts)}
        if not any(answers.values()):
            raise HandlerError(400, "empty_feedback", _("Answer at least one of the prompts."), field="answers")
        released = rules.feedback_released(self.release_after_due, self.due_of("feedback_due"), timezone.now())
        if (me, receiver) in latest.feedback and released:
            raise HandlerError(409, "feedback_final", _("Your feedback has reached this member already; "
                                                        "add to it in your group's meeting."))
        # core stamps "author_role" (member or mentor) on the record.
        with_mentors = self._with_mentors(group)
        records.append(identity, {"kind": KIND_FEEDBACK, "to": receiver, "answers": answers,
                                  "author_name": self._own_name(identity, with_mentors)}, group=group)
        self.publish_event("feedback_given", {"prompts": sum(1 for v in answers.values() if v)})
        return self._after_write(identity, with_mentors, records, _("Your feedback is saved."), ("give",),
                                 hidden=hidden, known={"peers": peers, "prompts": prompts, "released": released})

    @json_handler(Object({"feedback": REF, "helpful": Optional(Nullable(Int(1, 4)), None),
                          "answer": Optional(Str(MAX_ANSWER, multiline=True), "")}), writes=True)
    def rate_feedback(self, data, identity):
        """Rate a piece of feedback the asker received for helpfulness, and answer it."""
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        record, hidden = self._received_record(identity, group, records, data["feedback"])
        if data["helpful"] is None and not tidy(data["answer"]):
            raise HandlerError(400, "empty_reply", _("Choose how helpful it was or write an answer."))
        records.append(identity, {"kind": KIND_REPLY, "feedback": record.id, "helpful": data["helpful"],
                                  "answer": tidy(data["answer"])}, group=group)
        self.publish_event("feedback_rated", {"helpful": data["helpful"]})
        return self._after_write(identity, group, records, _("Thank you: your appreciation is saved."),
                                 ("received",), hidden=hidden, known=RECEIVED_IS_RELEASED)

    @json_handler(Object({"feedback": REF, "reason": Optional(Str(MAX_REASON, multiline=True), "")}), writes=True)
    def flag_feedback(self, data, identity):
        """Ask staff to look at a piece of feedback the asker received."""
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        record, hidden = self._received_record(identity, group, records, data["feedback"])
        new = self._moderation().flag(identity, record.id, group.id, tidy(data["reason"]))
        if new:
            self.publish_event("feedback_flagged", {})
        message = _("The programme staff will look at it.") if new else _("You flagged this already.")
        return self._after_write(identity, group, records, message, ("received",), hidden=hidden,
                                 known=RECEIVED_IS_RELEASED)

    @json_handler(Object({"feedback": REF}), writes=True)
    def unflag_feedback(self, data, identity):
        """Take back one's own flag on a piece of feedback received (flagging is a
        deliberate step with undo); 404 `no_such_flag` when the asker had not flagged it."""
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        record, hidden = self._received_record(identity, group, records, data["feedback"])
        if not self._moderation().unflag(identity, record.id):
            raise HandlerError(404, "no_such_flag", _("You have not flagged this feedback."))
        self.publish_event("feedback_unflagged", {})
        return self._after_write(identity, group, records, _("Your flag is withdrawn."), ("received",),
                                 hidden=hidden, known=RECEIVED_IS_RELEASED)

    @json_handler(Object({"actions": ListOf(Object({"text": Str(MAX_ACTION), "due": Str(40)}), MAX_ACTIONS),
                          "seen": Optional(Int(0, 1000), 0)}), writes=True, authorize=_members_only)
    def save_actions(self, data, identity):
        """The asker's actions for the coming weeks, each with a due date. With a case
        (case_link.py) they go into the case; `seen` is how many saves of this round
        the page showed. Without one the round keeps them (replacing the earlier list)."""
        if not self.has_actions_step:
            raise HandlerError(409, "no_actions_step", _("This round does not ask for actions."))
        actions = [{"text": tidy(a["text"]), "due": tidy(a["due"])} for a in data["actions"] if tidy(a["text"])]
        if not actions:
            raise HandlerError(400, "no_actions", _("Write at least one action."), field="actions")
        for index, action in enumerate(data["actions"]):   # said at the first date input that is wrong
            if tidy(action["text"]) and not real_date(tidy(action["due"])):
                raise HandlerError(400, "bad_date", _("Choose the date this action is due."),
                                   field=f"actions[{index}].due")
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        if not group.has(identity.anonymous_id):
            raise HandlerError(403, "members_only", _("Only the members of the group report back and record actions."))
        in_case = case_link.add_agreed(self, identity, group, actions, data["seen"])
        if in_case:   # the round's own record keeps what was agreed here, for its staff views
            earlier = RoundRecords.of(records.of_group(group)).actions.get(identity.anonymous_id)
            actions = (earlier.data.get("actions", []) if earlier and earlier.data.get("in_case") else []) + actions
        else:         # the group's list, which the later rounds follow up (round_actions.py)
            round_actions.add(self, identity, group, actions)
        records.append(identity, {"kind": KIND_ACTIONS, "actions": actions, "in_case": in_case}, group=group)
        self.publish_event("actions_saved", {"count": len(actions), "in_case": in_case})
        message = _("Your actions are saved in your case.") if in_case else _("Your actions are saved.")
        return self._after_write(identity, group, records, message, ("actions", "follow-up"))

    @json_handler(Object({"action": Str(40, min_length=1), "status": Choice(*ACTION_STATES),
                          "note": Optional(Str(1000, multiline=True), "")}), writes=True, authorize=_members_only)
    def follow_up_action(self, data, identity):
        """Follow up one of the asker's case actions (their own case's or their team's) in
        the round: done, dropped or open again, with a note; the status goes into the
        case (case_link.py). Without a case: one of the asker's own actions agreed in an
        earlier round of the group (round_actions.py)."""
        records = self._records(keep_reads=True)
        group = records.visible_group(identity)
        if not group.has(identity.anonymous_id):
            raise HandlerError(403, "members_only", _("Only the members of the group report back and record actions."))
        changed, in_case = case_link.follow_up(self, identity, group, data["action"], data["status"],
                                               tidy(data["note"]))
        if changed:
            self.publish_event("case_action_followed_up", {"status": data["status"], "in_case": in_case})
        message = (_("The action's status is saved in your case.") if in_case
                   else _("The action's status is saved; your group sees it in this round."))
        return self._after_write(identity, group, records, message, ("follow-up",))

    # --- Helpers ----------------------------------------------------------------------------------

    def _member_by_ref(self, group, ref):
        return next((m.anonymous_id for m in group.members if self.member_ref(group, m.anonymous_id) == ref), None)

    def _received_record(self, identity, group, records, ref):
        """(the feedback record behind `ref`, the group's hidden ids) if it was given to the
        asker, is released and is not hidden; else 404 (the same answer whether it exists
        or not)."""
        latest = RoundRecords.of(records.of_group(group))
        if rules.feedback_released(self.release_after_due, self.due_of("feedback_due"), timezone.now()):
            hidden = self._moderation().hidden_ids(group.id)
            for record in latest.feedback_to(identity.anonymous_id):
                if self.feedback_ref(record.id) == ref and str(record.id) not in hidden:
                    return record, hidden
        raise HandlerError(404, "no_such_feedback", _("There is no such feedback for you."))

    def _own_name(self, identity, group):
        found = next((m.display_name for m in group.members if m.anonymous_id == identity.anonymous_id), "")
        if not found:
            found = next((m.display_name for m in round_view.mentors_of(group)
                          if m.anonymous_id == identity.anonymous_id), "")
        return found or identity.display_name or ""

    def _after_write(self, identity, group, records, message, regions, hidden=None, known=None):
        """The writer's answer: the parts of the round this write changed (`regions`, of
        participant_view.REGION_TEMPLATES), each rendered as the page renders it, and the
        report copy and completion, as every write of the round keeps them. Nothing the
        step knows is read again: the group's records (`records` made with `keep_reads`
        hold what was appended), the hidden ids (`hidden`; only staff change them) and
        what the handler derived from the settings (`known`: "peers", "prompts",
        "released"). A setting that no answered region shows is not read."""
        known = dict(known or {})
        me = identity.anonymous_id
        latest = RoundRecords.of(records.of_group(group))
        hidden = self._moderation().hidden_ids(group.id) if hidden is None else hidden
        if not group.has(me):
            group = self._with_mentors(group)   # a mentor's peers are every member
        if "peers" not in known:
            known["peers"] = round_view.assigned_peers(self, group, me)
        self.report_copy = {"group": group.name, "posted": me in latest.updates,
                            "feedback_given": len(latest.feedback_from(me)),
                            "feedback_received": len(latest.feedback_to(me)),
                            "actions": [a["text"] for a in own_actions(latest, me)]}
        completion.report_done(self, completion.feedback_round_done({
            "is_mentor": round_view.is_mentor(group, me) and not group.has(me),
            "my_update": my_update_of(latest, me), "to_review": review_progress(latest, hidden, me, known["peers"])}))
        parts = self._region_views(identity, group, latest, hidden, regions, known)
        return {"saved": True, "message": self.translate(message),
                "regions": {name: self.region_html(name, parts[name]) for name in regions}}

    def _region_views(self, identity, group, latest, hidden, regions, known):
        """{region: the part of the participant view it shows}, built by the methods
        `participant_view` builds the page with."""
        me = identity.anonymous_id
        names = self.member_names(group)
        if "released" not in known and ("give" in regions or "received" in regions):
            known["released"] = rules.feedback_released(self.release_after_due, self.due_of("feedback_due"),
                                                        timezone.now())
        if "prompts" not in known and ("give" in regions or "received" in regions):
            known["prompts"] = self.prompts()
        found = {}
        if "my-posted" in regions:
            found["my-posted"] = posted_part(latest, hidden, me)
        if "my-update" in regions:
            found["my-update"] = {"my_update": my_update_of(latest, me)}
        if "updates" in regions:
            found["updates"] = {"updates": self.updates_part(group, latest, hidden, me, names)}
        if "give" in regions:
            found["give"] = {"to_review": self.review_part(group, latest, hidden, me, names, known["released"],
                                                           known["peers"]),
                             "prompts": known["prompts"], "anonymity": self.anonymity_in(group)}
        if "received" in regions:
            anonymous = self.anonymity_in(group) == "anonymous"
            found["received"] = {"released": known["released"], "received": self._received(
                group, latest, hidden, me, names, known["released"], anonymous, known["prompts"])}
        if "actions" in regions or "follow-up" in regions:
            case_actions = case_link.view(self, identity, group, names)   # read once: it takes the case just written
            found["actions"] = {"actions": own_actions(latest, me), "case_actions": case_actions}
            found["follow-up"] = {"case_actions": case_actions}
        return found


# rate, flag and unflag answer only for feedback the asker may see, which is released.
RECEIVED_IS_RELEASED = {"released": True}
