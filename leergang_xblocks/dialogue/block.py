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
- this file: the settings, the labels and the wiring;
- what a participant may see of the room: `participant_room.py`; their view as data,
  part by part: `view_model.py`; its HTML, the regions a write answers (templates/parts/)
  and the page: `participant_view.py`; their writes and own-data export:
  `participant_writes.py`
- facilitator view, rounds, hiding, CSV and the instructor report: `staff.py`
"""
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String

from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.validation import Problem
from . import deliberation, exercise, records
from .deliberation import DeliberationMixin
from .participant_room import ParticipantRoomMixin
from .participant_view import ParticipantViewMixin
from .participant_writes import ParticipantWritesMixin
from .settings_read import SettingsOnce
from .staff import StaffMixin


def _kind_choices(block=None):
    return [{"display_name": _("Two to four options"), "value": exercise.KIND_OPTIONS},
            {"display_name": _("A statement with an agree-disagree scale"), "value": exercise.KIND_SCALE}]


def _scope_choices(block=None):
    return [{"display_name": _("The participant's small group"), "value": exercise.SCOPE_GROUP},
            {"display_name": _("The whole cohort"), "value": exercise.SCOPE_COHORT}]


@groups_services
@needs_services
class DialogueBlock(ParticipantWritesMixin, ParticipantViewMixin, ParticipantRoomMixin,
                    DeliberationMixin, StaffMixin, GroupsMixin, LeergangBlockMixin, XBlock):
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
    # A position and a re-vote save that copy, which keeps the learner's user-state row
    # for the LMS's reset on its own: they need not read the marker as well (core/reset.py).
    report_copy_keeps_state_row = True

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
        """The dilemma as the author wrote it, each part (options, variations, values) read
        from the settings when first used (exercise.Dilemma)."""
        cached = self.__dict__.get("_dilemma_read")
        if cached is None:
            cached = self.__dict__["_dilemma_read"] = exercise.dilemma_from(self.cfg)
        return cached

    def _require_ready(self, *reads):
        """Refuse a write while a setting it reads is wrong: `reads` names them
        (exercise.READS, "purpose"); none named, all of them (the case text is the page's only)."""
        known = exercise.READS + ("purpose",)
        if not set(reads) <= set(known):   # a misspelt name would skip its check without a word
            raise ValueError(f"unknown settings {sorted(set(reads) - set(known))}")
        reads = reads or known
        if exercise.write_problems(self.cfg, reads) or deliberation.write_problems(self.cfg, reads):
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

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
