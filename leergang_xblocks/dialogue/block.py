"""Dialogue and dilemma exercise (`leergang_dialogue`): a dilemma, a private
position with a reason, the reveal of the spread and the others' reasons,
responding to someone who chose differently, a re-vote, the minority's "what
would you need to go along?", and a closing reflection.

The author picks the steps, so one block serves a quick dilemma vote in a
plenary as well as a full moreel beraad in small groups.

Where things are:
- the dilemma's rules (reveal, distribution, minority, tally): `exercise.py`
- the stores and what a request reads: `records.py`; the room a participant
  sees: `room.py`; the chart: `chart.py`
- participant handlers: this file; facilitator view, rounds, hiding, CSV and
  the instructor report: `staff.py`
"""
from django.utils import timezone
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import completion, platform
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import Choice, HandlerError, ListOf, Nullable, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from ..core.storage import participant_write
from ..core.text import tidy
from ..core.validation import Problem
from . import answer_html, deliberation, exercise, records
from .chart import distribution_svg
from .deliberation import DeliberationMixin
from .moderation_adapter import moderation
from .room import cohort_room, group_room, mine_from, shared_part
from .settings_read import SettingsOnce
from .staff import StaffMixin

loader = ResourceLoader(__name__)

MAX_REASON = 1500
MAX_RESPONSE = 1500
MAX_REFLECTION = 4000
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


def _kind_choices(block=None):
    return [{"display_name": _("Two to four options"), "value": exercise.KIND_OPTIONS},
            {"display_name": _("A statement with an agree-disagree scale"), "value": exercise.KIND_SCALE}]


def _scope_choices(block=None):
    return [{"display_name": _("The participant's small group"), "value": exercise.SCOPE_GROUP},
            {"display_name": _("The whole cohort"), "value": exercise.SCOPE_COHORT}]


@groups_services
@needs_services
class DialogueBlock(DeliberationMixin, StaffMixin, GroupsMixin, LeergangBlockMixin, XBlock):
    """A dilemma the participants take a position on, then talk about."""

    display_name = String(display_name=_("Display name"), default=_("Dilemma dialogue"), scope=Scope.settings)
    case_nl = String(display_name=_("Case (Dutch)"), default="", scope=Scope.content, multiline_editor=True,
                     xml_node=True,
                     help=_("The dilemma as participants read it, in Dutch. Plain text; an empty line starts "
                            "a new paragraph."))
    case_en = String(display_name=_("Case (English)"), default="", scope=Scope.content, multiline_editor=True,
                     xml_node=True,
                     help=_("The same case in English (left empty, the Dutch text is shown)."))
    question_nl = String(display_name=_("Question (Dutch)"), default="", scope=Scope.content,
                         help=_("The question participants answer, e.g. 'Mag ik ...?' or, for a scale, "
                                "the statement. Leave empty for a general question."))
    question_en = String(display_name=_("Question (English)"), default="", scope=Scope.content)
    kind = String(display_name=_("Kind of answer"), default=exercise.KIND_OPTIONS, scope=Scope.settings,
                  values_provider=_kind_choices)
    options_nl = String(display_name=_("Options (Dutch)"), default="", scope=Scope.content, multiline_editor=True,
                        help=_("Two to four options, one per line. Not used for a statement."))
    options_en = String(display_name=_("Options (English)"), default="", scope=Scope.content,
                        multiline_editor=True, help=_("The same options in English, in the same order."))
    variations_nl = String(display_name=_("'But what if ...?' variations (Dutch)"), default="",
                           scope=Scope.content, multiline_editor=True,
                           help=_("Optional: changes to the case that may tip a position, one per line. "
                                  "Shown after the reveal, before the re-vote."))
    variations_en = String(display_name=_("'But what if ...?' variations (English)"), default="",
                           scope=Scope.content, multiline_editor=True)
    values_nl = String(display_name=_("Values at stake (Dutch)"), default="", scope=Scope.content,
                       multiline_editor=True,
                       help=_("The values you expect to be at stake, one per line (e.g. rechtszekerheid). "
                              "Participants choose from them and may add their own."))
    values_en = String(display_name=_("Values at stake (English)"), default="", scope=Scope.content,
                       multiline_editor=True)
    scope = String(display_name=_("Who talks together"), default=exercise.SCOPE_COHORT, scope=Scope.settings,
                   values_provider=_scope_choices,
                   help=_("The participant's small group (the group set or teamset below) or the whole cohort."))
    min_positions = Integer(display_name=_("Positions needed before the reveal"),
                            default=exercise.DEFAULT_MIN_POSITIONS, scope=Scope.settings,
                            help=_("Nobody sees the spread or the reasons until this many positions are in "
                                   "(2 or more). In a smaller group, the spread opens when the whole group has "
                                   "taken a position."))
    anonymous = Boolean(display_name=_("Anonymous reasons"), default=True, scope=Scope.settings,
                        help=_("Participants see each other's reasons without names. Switched off, the name "
                               "shows with reasons written from then on."))
    step_reveal = Boolean(display_name=_("Step: reveal the spread and the reasons"), default=True,
                          scope=Scope.settings)
    step_respond = Boolean(display_name=_("Step: respond to a reason from another option"), default=True,
                           scope=Scope.settings)
    step_revote = Boolean(display_name=_("Step: re-vote"), default=True, scope=Scope.settings)
    step_minority = Boolean(display_name=_("Step: ask the minority what they would need to go along"),
                            default=False, scope=Scope.settings,
                            help=_("For a decision the group takes together (Deep Democracy), not for a moral "
                                   "dilemma."))
    step_reflection = Boolean(display_name=_("Step: closing reflection"), default=True, scope=Scope.settings)

    # A write-only copy of the participant's latest contributions for the platform's
    # "problem responses" report (which reads user state); never read to decide anything.
    report_copy = Dict(default={}, scope=Scope.user_state)

    editable_fields = ("display_name", "case_nl", "case_en", "question_nl", "question_en", "kind", "options_nl",
                       "options_en", "variations_nl", "variations_en", "values_nl", "values_en", "scope",
                       "group_set_name", "teamset_id", "min_positions", "anonymous", "step_reveal", "step_respond",
                       "step_revote", "step_minority", "step_reflection", "purpose", "step_deliberation")
    event_names = ("position_taken", "responded", "revoted", "need_shared", "reflected", "round_started",
                   "reason_hidden", "reason_unhidden", "reason_flagged", "reason_unflagged", "deliberated")

    # --- Settings -------------------------------------------------------------------

    def settings_problems(self, data):
        problems = [Problem((name,), message, params) for name, message, params
                    in exercise.settings_problems(data) + deliberation.settings_problems(data)]
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if data.scope == exercise.SCOPE_GROUP:
            problems += self.group_settings_problems(data)
        return problems

    @property
    def cfg(self):
        """The authored settings, each read once per request and only when used
        (settings_read.py): in the workbench every field read is a query, and one
        participant request looked at them some fifty times."""
        cached = self.__dict__.get("_settings_read")
        if cached is None:
            cached = self.__dict__["_settings_read"] = SettingsOnce(self)
        return cached

    @property
    def dilemma(self):
        cached = self.__dict__.get("_dilemma_read")
        if cached is None:
            cached = self.__dict__["_dilemma_read"] = exercise.dilemma_from(self.cfg)
        return cached

    def _require_ready(self):
        """Refuse a write while a setting it reads is wrong (the case text is the page's only)."""
        if exercise.write_problems(self.cfg) or deliberation.settings_problems(self.cfg):
            raise HandlerError(409, "dilemma_not_ready", _("This exercise is not set up completely yet; "
                                                          "the course team has been shown what is missing."))

    @property
    def group_scope(self):
        return self.cfg.scope == exercise.SCOPE_GROUP

    def _store(self):
        return records.DialogueStore(self)

    staff_removal_text = _("This removes everything %(participant)s wrote in this exercise, in every round: "
                           "positions, reasons, responses, re-votes, answers and reflections.")

    def participant_stores(self, course_id, item_id):
        return [records.participant_store(self, course_id, item_id)]

    def _element_id(self):
        return "dialogue-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    # --- Labels ---------------------------------------------------------------------

    def option_label(self, option):
        if option is None:
            return ""
        if option.label.get("translate"):
            return self.translate(option.label["en"])
        return self.localized(option.label)

    def label_of(self, key):
        return self.option_label(self.dilemma.option(key)) or key

    def value_labels(self, values):
        """Author value keys as labels, then the participant's own words."""
        known = dict(self.dilemma.values)
        return ([self.localized(known[key]) for key in (values or {}).get("keys", []) if key in known]
                + list((values or {}).get("own", [])))

    # --- Reading the room -----------------------------------------------------------

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

    def _room(self, identity, store, round_number, mine, group=None, pending=()):
        """What this participant may see of the room this round. `pending`: this request's
        own changes, (record, sign), not yet folded into the tally (see `_after_write`)."""
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
        needs = store.cohort_needs(round_number) if revealed and self.cfg.step_minority else []
        responses = store.responses_to(mine.rids) if revealed and self.cfg.step_respond else []
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

    def _state(self, identity, store=None, group=None, pending=()):
        """Everything the participant's view needs, as data (and the room's HTML)."""
        store, round_number, mine, _history = self._participant(identity, store, group)
        room = None
        if mine.position is not None:
            room = self._room(identity, store, round_number, mine, group, pending)
        data = self._view_model(identity, round_number, mine, room)
        data["deliberation"] = self.deliberation_view(mine)
        if data["revealed"]:
            flagged = ({flag.record_id for flag in moderation(self).flagged_by(identity.anonymous_id)}
                       if store.read_once["had position"] else set())
            for option in data["reasons"]:
                for item in option["items"]:
                    item["flagged"] = item["rid"] in flagged
        data["html"] = self._exercise_html(data)
        return data

    def _exercise_html(self, view):
        """The exercise's HTML; the parts that repeat from answer to answer kept (answer_html.py)."""
        return render_template(self, loader, "templates/exercise.html", {
            "v": view, "block": self,
            "deliberation_html": answer_html.deliberation_form(self, loader, view) if view.get("deliberation") else "",
            "reason_groups": answer_html.reason_groups(self, loader, view),
            "position_values_html": (answer_html.values_fields(self, loader, view, "position", False)
                                     if not view["positioned"] else ""),
            "reflection_values_html": (answer_html.values_fields(self, loader, view, "reflection", True)
                                       if view["can_reflect"] else "")})

    def _view_model(self, identity, round_number, mine, room):
        dilemma = self.dilemma
        threshold = exercise.reveal_threshold(self.cfg.min_positions, room.group_size if room else None)
        revealed = bool(room) and self.cfg.step_reveal and room.positions >= threshold
        my_option = mine.current_option
        options = [{"key": o.key, "label": self.option_label(o)} for o in dilemma.options]
        labels = {o["key"]: o["label"] for o in options}
        view = {
            "round": round_number,
            "element_id": self._element_id(),
            "options": options,
            "values": [{"key": key, "label": self.localized(label)} for key, label in dilemma.values],
            "variations": [self.localized(v) for v in dilemma.variations],
            "listening_levels": [{"key": key, "label": self.translate(label)}
                                 for key, label in exercise.LISTENING_LEVELS],
            "steps": {name: bool(getattr(self.cfg, "step_" + name)) for name in exercise.STEP_NAMES},
            "positioned": mine.position is not None,
            "my": self._my_view(mine, labels, room),
            "revealed": revealed,
            "positions": room.positions if room else None,
            "threshold": threshold,
            "waiting": bool(room) and self.cfg.step_reveal and not revealed,
            "scale": dilemma.kind == exercise.KIND_SCALE,
            "cohort_scope": not self.group_scope,
            "max_reason": MAX_REASON, "max_response": MAX_RESPONSE, "max_reflection": MAX_REFLECTION,
            "max_own_values": exercise.MAX_OWN_VALUES,
        }
        if revealed:
            minority = room.minority
            view.update({
                "distribution": [{"key": key, "label": labels[key], "first": room.first[key],
                                  "final": room.final[key], "mine": key == my_option} for key in labels],
                "revotes": room.revotes,
                "moved": sum(room.moves.values()) - sum(n for k, n in room.moves.items()
                                                        if k.split(">")[0] == k.split(">")[1]),
                "reasons": [{"key": key, "label": labels[key], "items": [
                    self._reason_view(item, mine, my_option) for item in room.reasons.get(key, [])]}
                    for key in labels],
                "needs": [{"label": labels.get(item.get("option"), ""), "text": item.get("text", ""),
                           "by_mentor": item.get("author_role") == "mentor",
                           "is_you": item.get("rid") in {r.get("rid") for r in [mine.need] if r}}
                          for item in room.needs],
                "responses_to_me": [{"understand": item.get("understand", ""), "question": item.get("question", ""),
                                     "by_mentor": item.get("author_role") == "mentor",
                                     "name": item.get("name") if (item.get("named") and not self.cfg.anonymous) else ""}
                                    for item in room.responses_to_me],
                "minority": sorted(labels[key] for key in minority),
                "i_am_minority": my_option in minority,
                "can_respond": self.cfg.step_respond and mine.response is None,
                "can_revote": self.cfg.step_revote and mine.revote is None,
                "can_share_need": (self.cfg.step_minority and mine.need is None and my_option in minority
                                   and (mine.revote is not None or not self.cfg.step_revote)),
            })
            view["chart_svg"] = distribution_svg(
                [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in view["distribution"]],
                show_final=room.revotes > 0,
                title=self.translate(_("How the positions are spread")),
                description=self.translate(_("Bar chart of the number of positions per option, first vote and "
                                             "latest position. The table below gives the same numbers.")),
                legend={"first": self.translate(_("First vote")), "final": self.translate(_("Latest position"))},
                id_prefix=self._element_id() + "-chart")
        # The closing reflection closes the dialogue: it comes once the others' reasons are
        # open (or right after the position when the author left the reveal out).
        view["can_reflect"] = (self.cfg.step_reflection and mine.position is not None
                               and (revealed or not self.cfg.step_reveal))
        return view

    def _my_view(self, mine, labels, room):
        hidden = room.hidden if room else set()

        def option(record):
            return labels.get(record["option"], "") if record else ""
        movement = None
        if mine.position and mine.revote:
            before, after = mine.position["option"], mine.revote["option"]
            movement = {"from": labels.get(before, ""), "to": labels.get(after, ""), "moved": before != after,
                        "points": exercise.scale_movement(before, after)
                        if self.cfg.kind == exercise.KIND_SCALE else None}
        return {
            "position": option(mine.position), "position_key": mine.position["option"] if mine.position else "",
            "reason": mine.position.get("reason", "") if mine.position else "",
            "values": self.value_labels(mine.position.get("values")) if mine.position else [],
            "revote": option(mine.revote), "revote_reason": mine.revote.get("reason", "") if mine.revote else "",
            "movement": movement,
            # The quote is read from the reason's own record, never kept in the response: a reason
            # staff hid is not quoted, and one whose author was erased (retirement) is gone.
            "response": {"to_text": self._quoted_reason(room, mine.response.get("to")),
                         "to_hidden": mine.response.get("to") in hidden, "understand": mine.response["understand"],
                         "question": mine.response["question"]} if mine.response else None,
            "need": mine.need["text"] if mine.need else "",
            "reflection": ({"values": self.value_labels(mine.reflection.get("values")),
                            "changed": mine.reflection.get("changed", ""),
                            "listening": mine.reflection.get("listening") or "",
                            "note": mine.reflection.get("note", "")} if mine.reflection else None),
        }

    def own_positions(self, identity):
        """What `identity` wrote here, round by round, as their own view shows it
        (`_my_view`): position, reason, re-vote, response, answer, reflection. Others'
        reasons are not quoted. Read only, one read of their own records: "Mijn
        leergang" (my_programme/) reads it."""
        if not identity.anonymous_id:
            return []
        history = self._store().own.history(identity.anonymous_id)
        labels = {o.key: self.option_label(o) for o in self.dilemma.options}
        rounds = sorted({r.data.get("round") for r in history if isinstance(r.data.get("round"), int)})
        found = []
        for number in rounds:
            mine = mine_from(history, number)
            if mine.position is not None:
                found.append({"round": number, **self._my_view(mine, labels, None)})
        return found

    @staticmethod
    def _quoted_reason(room, rid):
        """The text of reason `rid` as this participant's room shows it now ("" if hidden or gone)."""
        if room is None or rid in room.hidden:
            return ""
        for items in room.reasons.values():
            for item in items:
                if item.get("rid") == rid:
                    return item.get("text", "")
        return ""

    def _reason_view(self, item, mine, my_option):
        is_you = item.get("rid") in mine.rids
        return {"rid": item["rid"], "text": item.get("text", ""), "is_you": is_you,
                "after_revote": item.get("stage") == "revote", "by_mentor": item.get("author_role") == "mentor",
                "name": item.get("name") if (item.get("named") and not self.cfg.anonymous and not is_you) else "",
                "can_respond": (not is_you and item.get("option") != my_option)}

    # --- Views ----------------------------------------------------------------------

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        problems = exercise.settings_problems(self.cfg)
        if problems:
            return view_fragment(self, loader, "templates/not_ready.html", {
                "block": self, "is_staff": identity.is_staff,
                "problems": [f"{name}: {self.translate(message) % params if params else self.translate(message)}"
                             for name, message, params in problems]})
        group, no_group, state = None, False, None
        if identity.is_authenticated:
            if self.group_scope:
                # A mentor is in no group, but takes part in the group they mentor.
                group = self.my_group(identity) or self._current_group(identity, self._store())
                no_group = group is None
            if not no_group:
                self._mark_seen(identity)
                state = self._state(identity, group=group)
        dilemma = self.dilemma
        context = {
            "block": self, "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
            "no_group": no_group, "group_name": group.name if group else "",
            "case_paragraphs": [p.strip() for p in self.localized(exercise.case_from(self.cfg)).split("\n\n")
                                if p.strip()],
            "question": self.localized({"nl": self.cfg.question_nl, "en": self.cfg.question_en})
            or self.translate(_("What would you do?") if dilemma.kind == exercise.KIND_OPTIONS
                              else _("How far do you agree?")),
            "exercise_html": state["html"] if state else "",
            "element_id": self._element_id(),
            "read_only": self.read_only_notice(),
            "staff_html": self.facilitator_html() if identity.is_staff else "",
            "groups_panel_html": self.groups_staff_panel_html() if (identity.is_staff and self.group_scope) else "",
        }
        fragment = view_fragment(
            self, loader, "templates/student_view.html", context,
            js_files=["static/dialogue.js"], css_files=["static/dialogue.css"], init_fn="LeergangDialogue",
            init_args={"staff": identity.is_staff, "waiting": bool(state and state["waiting"]),
                       "max_own_values": exercise.MAX_OWN_VALUES})
        if identity.is_staff and self.group_scope:
            self.add_groups_staff_script(fragment)
        return self.add_staff_removal(fragment, identity)

    def _mark_seen(self, identity):
        """Mark a participant's first view (the facilitator's "has not taken part yet"
        list in cohort scope). One write, once; never in preview or for staff."""
        if identity.is_staff or platform.write_refusal(self):
            return
        store = self._store()
        if store.own.latest(identity.anonymous_id) is not None:
            return
        with participant_write(self, identity):
            if store.own.latest(identity.anonymous_id) is None:
                store.own.append(identity.anonymous_id, {"kind": "seen", "at": timezone.now().isoformat()}, 1)

    def student_view_data(self, context=None):
        dilemma = self.dilemma
        return {"display_name": self.display_name, "kind": dilemma.kind, "case": exercise.case_from(self.cfg),
                "question": {"nl": self.cfg.question_nl, "en": self.cfg.question_en},
                "options": [{"key": o.key, "label": o.label} for o in dilemma.options],
                "variations": list(dilemma.variations),
                "values": [{"key": key, "label": label} for key, label in dilemma.values],
                "scope": self.scope, "min_positions": self.cfg.min_positions, "anonymous": self.cfg.anonymous,
                "steps": {name: bool(getattr(self.cfg, "step_" + name)) for name in exercise.STEP_NAMES}}

    # --- Participant handlers -------------------------------------------------------

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

    def _require_revealed(self, identity, store, round_number, mine, group):
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        room = self._room(identity, store, round_number, mine, group)
        threshold = exercise.reveal_threshold(self.cfg.min_positions, room.group_size)
        if not self.cfg.step_reveal or room.positions < threshold:
            raise HandlerError(409, "not_revealed", _("The spread is not open yet: %(needed)s positions are "
                                                      "needed."), needed=threshold)
        return room

    def _after_write(self, identity, store, group, round_number, changes):
        """The participant's new state, and then the round's tally updated with `changes`
        ((record, sign) pairs). The tally's row lock is held until the step commits, so it
        is taken last: rendering the page under it made every voter of the cohort wait
        for every other's page (the load test's 200 voters took minutes)."""
        result = self._state(identity, store, group, pending=changes)
        if changes:
            store.fold_changes(round_number, changes)
        return result

    @json_handler(POSITION_SHAPE, writes=True)
    def take_position(self, data, identity):
        """The participant's private position with a reason, before they see anyone else's."""
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
        self._require_ready()
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
        return self._after_write(identity, store, group, round_number, [(record, 1)])

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
        self._require_ready()
        store, round_number, mine, _history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        room = self._require_revealed(identity, store, round_number, mine, group)
        shown = {item.get("rid") for items in room.reasons.values() for item in items}
        shown |= {item.get("rid") for item in room.needs + room.responses_to_me}
        if data["rid"] not in shown or data["rid"] in mine.rids:
            raise HandlerError(404, "no_such_reason", _("That reason is not (or no longer) shown."))
        scope = group.id if group is not None else "cohort"
        moderation(self).flag(identity, data["rid"], scope, tidy(data["reason"]))
        self.publish_event("reason_flagged", {"round": round_number})
        return self._after_write(identity, store, group, round_number, [])

    @json_handler(Object({"rid": RID}, "Unflag"), writes=True)
    def unflag_reason(self, data, identity):
        """Take back one's own request to the facilitator (reporting is a deliberate
        step with undo). Only the reporter can: anyone else has no flag there (404)."""
        self._require_ready()
        store, round_number, mine, _history = self._participant(identity)
        group = self._group_for_write(identity, store) if mine.position is not None else None
        if not moderation(self).unflag(identity, data["rid"]):
            raise HandlerError(404, "no_such_flag", _("You have not asked the facilitator to look at this."))
        self.publish_event("reason_unflagged", {"round": round_number})
        return self._after_write(identity, store, group, round_number, [])

    @json_handler(REVOTE_SHAPE, writes=True)
    def revote(self, data, identity):
        """Vote again after the dialogue; the first vote stays on record."""
        self._require_ready()
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
        return self._after_write(identity, store, group, round_number, [(record, 1)])

    @json_handler(NEED_SHAPE, writes=True)
    def share_need(self, data, identity):
        """For the minority: what would you need to go along?"""
        self._require_ready()
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
        return self._after_write(identity, store, group, round_number, [(record, 1)])

    @json_handler(REFLECT_SHAPE, writes=True)
    def reflect(self, data, identity):
        """The closing reflection: values at stake, what changed, how I listened. Private
        (the facilitator sees the values and listening levels counted, and staff the text)."""
        self._require_ready()
        if not self.cfg.step_reflection:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        group = self._current_group(identity, store)
        if self.cfg.step_reveal and not (self.group_scope and group is None):
            self._require_revealed(identity, store, round_number, mine, group)
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
        return self._after_write(identity, store, group, round_number, changes)

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

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
