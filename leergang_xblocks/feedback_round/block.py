"""Small-group feedback rounds (`leergang_feedback_round`): report back on one's own
case, structured peer feedback, helpfulness ratings and answers, and each one's
actions for the coming weeks, in the participant's small group.

Groups come from core's small groups (core/groups.py: "which group, who is in
it"); every update, piece of feedback, reply and set of actions is an append-only
group-scoped record (core/group_records.py), so the one authorization question is
`GroupRecords.visible_group()`: a participant reads and writes only the group they
are in now; staff read any group. Flags and hidden items are core/moderation.py's.
What a participant sees is built in round_view.py; the rules (who reviews whom,
rotating roles, release) are in rules.py; staff views in staff.py.

This module holds the fields and the wiring; the settings' rules are in
round_settings.py, the participant's view in participant_view.py, their requests in
participant_handlers.py.
"""
from django.utils import timezone
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.group_records import GroupRecords
from ..core.group_staff import GroupsMixin, groups_services
from ..core.i18n import _
from ..core.moderation import Moderation
from ..core.rendering import view_fragment
from ..core.studio_forms import ChoiceList, DueMoment
from . import live_staff, round_actions, rules
from .earlier_work import earlier_work
from .live import LiveModeMixin
from .participant_handlers import ParticipantHandlersMixin
from .participant_view import ParticipantViewMixin
from .round_settings import (  # noqa: F401 - ITEM_TYPE, BEHIND_TEXTS: imported from here by tests and staff.py
    BEHIND_TEXTS, ITEM_TYPE, KIND_CHOICES, METHOD_CHOICES, PROMPT_TEXTS, RoundSettingsMixin, _choices, _known_prompts)
from .round_view import RoundRecords
from .staff import FeedbackStaffMixin

loader = ResourceLoader(__name__)



@groups_services
@needs_services
class FeedbackRoundBlock(ParticipantHandlersMixin, ParticipantViewMixin, RoundSettingsMixin, LiveModeMixin,
                         FeedbackStaffMixin, GroupsMixin, LeergangBlockMixin, XBlock):
    """One feedback round of a small group, for a session or between sessions."""

    display_name = String(display_name=_("Display name"), default=_("Feedback round"), scope=Scope.settings)
    instructions = String(
        display_name=_("Instructions"), default="", scope=Scope.content, multiline_editor=True, xml_node=True,
        help=_("Shown above the round. Plain text: what the group does and by when."))
    round_kind = String(
        display_name=_("Kind of round"), default=rules.KIND_BOTH, scope=Scope.settings,
        values_provider=_choices(KIND_CHOICES),
        help=_("Report back on each one's own case, agree actions for the coming weeks, or both."))
    method = String(
        display_name=_("Method"), default=rules.METHOD_AIRTIME, scope=Scope.settings,
        values_provider=_choices(METHOD_CHOICES),
        help=_("The method decides which prompts are allowed: action learning asks questions only."))
    update_prompt = String(
        display_name=_("Prompt for the update"), default="", scope=Scope.settings,
        help=_("Leave empty for the standard prompt of the kind of round."))
    feedback_prompts = String(
        display_name=_("Feedback prompts"), default="", scope=Scope.settings,
        help=_("Tick none for the method's own prompts. Action learning asks questions only, so it leaves out "
               "the suggestion."))
    extra_prompt = String(
        display_name=_("An extra feedback prompt"), default="", scope=Scope.settings,
        help=_("An optional question of your own, asked after the others."))
    peers_per_participant = Integer(
        display_name=_("Peers per participant"), default=0, scope=Scope.settings, values={"min": 0, "max": 50},
        help=_("How many group members each participant gives feedback to; 0 means every other member."))
    anonymous_feedback = Boolean(
        display_name=_("Anonymous feedback"), default=False, scope=Scope.settings,
        help=_("Participants do not see who gave them which feedback; staff always see names. Where a group "
               "is too small for that (a pair, or a trio in which each gives feedback to one other), everyone "
               "could work out who wrote what: that group is told so before they write, and sees names."))
    update_due = String(
        display_name=_("Updates due"), default="", scope=Scope.settings,
        help=_("The day, and if you like the time, by which members post their update, in the course's time "
               "zone. Empty: no due date."))
    feedback_due = String(
        display_name=_("Feedback due"), default="", scope=Scope.settings,
        help=_("The day, and if you like the time, by which members give their feedback, in the course's time "
               "zone. Empty: no due date."))
    release_after_due = Boolean(
        display_name=_("Release feedback after its due date"), default=False, scope=Scope.settings,
        help=_("Participants see the feedback they received only from the feedback due date on."))
    round_number = Integer(
        display_name=_("Round number"), default=1, scope=Scope.settings, values={"min": 1, "max": 100},
        help=_("This round's place in the programme (1, 2, ...): the roles of the live session rotate with it."))
    show_roles = Boolean(
        display_name=_("Show rotating roles"), default=True, scope=Scope.settings,
        help=_("Show who takes which role in this round (the method decides the roles: an action-learning set has "
               "no single case-bringer, and a small group takes fewer roles)."))
    use_case_actions = Boolean(
        display_name=_("One action list with the case"), default=True, scope=Scope.settings,
        help=_("Where a participant has a case in the case tracker, the round opens with their open case actions "
               "and the actions agreed in the round go into their case. Without a case the round keeps them."))
    case_key = String(
        display_name=_("Case key"), default="", scope=Scope.settings,
        help=_("The case key of the case tracker whose actions the round uses. Empty: the participant's case in "
               "this course."))
    prefill_from_case = Boolean(
        display_name=_("Offer the case summary"), default=True, scope=Scope.settings,
        help=_("Offer to start the update from the summary a participant shared from the case tracker."))

    # A write-only copy for the LMS's instructor report (generate_report_data); never
    # read to decide anything (core/storage.py, rule 3).
    report_copy = Dict(default={}, scope=Scope.user_state)
    # Every write saves that copy, which keeps the learner's user-state row for the LMS's reset
    # on its own: it need not read the marker as well (core/reset.py).
    report_copy_keeps_state_row = True

    studio_forms = {"feedback_prompts": ChoiceList([(key, label) for key, (label, _help) in PROMPT_TEXTS.items()],
                                                   _known_prompts),
                    # A date and a time input; stored as the text courses carry ("2026-12-08 17:00").
                    "update_due": DueMoment("update_due", lambda block, text: block.due_of("update_due")),
                    "feedback_due": DueMoment("feedback_due", lambda block, text: block.due_of("feedback_due"))}

    editable_fields = ("display_name", "instructions", "round_kind", "method", "update_prompt", "feedback_prompts",
                       "extra_prompt", "peers_per_participant", "anonymous_feedback", "update_due", "feedback_due",
                       "release_after_due", "round_number", "show_roles", "use_case_actions", "case_key", "prefill_from_case",
                       "group_set_name", "teamset_id")
    event_names = ("update_posted", "feedback_given", "feedback_rated", "actions_saved", "feedback_flagged",
                   "feedback_unflagged", "item_hidden", "case_action_followed_up", "live_step_moved")

    # --- Stores ---------------------------------------------------------------------------

    def _records(self, source=None, keep_reads=False):
        """`keep_reads`: a write request's, which reads its group's records before and
        after its write (core/group_records.py)."""
        return GroupRecords(self, ITEM_TYPE, source=source, keep_reads=keep_reads)

    def _moderation(self):
        return Moderation(self)

    staff_removal_text = _("This removes everything %(participant)s wrote in this round: their update, the feedback "
                           "they gave, their ratings and answers, their actions and their flags. It also takes "
                           "their actions off their group's list that later rounds follow up, including those "
                           "agreed in other rounds. Feedback others gave them stays with its authors.")

    def participant_stores(self, course_id, item_id):
        return [GroupRecords.participant_store(course_id, item_id, ITEM_TYPE),
                Moderation(None, course_id=course_id, block_item=item_id)]

    def staff_removal_stores(self, course_id, item_id):
        # The group's list between rounds is course-level (round_actions.py): it cannot be
        # split per round, so the staff tool takes it all, as its confirmation says.
        return [*self.participant_stores(course_id, item_id), round_actions.participant_store(course_id)]

    def _element_id(self):
        return "feedback-round-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        view, problem = None, ""
        group = self.my_group(identity) if identity.is_authenticated else None
        if group is not None:
            group = self._with_mentors(group)   # members see who their mentor is
        elif identity.is_authenticated and not identity.is_staff:
            # A mentor (core/mentor_store.py) sees the first group they follow, as a member would.
            group = next(iter(self.group_source.groups_mentored_by(identity)), None)
        if group is not None:
            rows = self._records().of_group(group)
            view = self.participant_view(identity, group, RoundRecords.of(rows), self._moderation().hidden_ids(group.id))
        fragment = view_fragment(
            self, loader, "templates/student_view.html",
            {"block": self, "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
             "round_html": self._view_html(view, identity) if view else "", "has_group": view is not None,
             "problem": problem, "read_only": self.read_only_notice(), "element_id": self._element_id(),
             "staff_html": self.staff_panel_html() if identity.is_staff else ""},
            js_files=["static/feedback_round.js"], css_files=["static/feedback_round.css"],
            init_fn="LeergangFeedbackRound", init_args={"staff": identity.is_staff},
        )
        if identity.is_staff:
            self.add_groups_staff_script(fragment)
            live_staff.add_script(fragment)
        return self.add_staff_removal(fragment, identity)

    def student_view_data(self, context=None):
        return {name: getattr(self, name) for name in self.editable_fields}

    def personal_data(self, identity):
        if not identity.anonymous_id:
            return {}
        own = self._records().own(identity.anonymous_id)
        return {
            "records": [{"kind": r.data.get("kind"), "group": r.data.get("group_name"), "submitted_at": str(r.submitted_at),
                         **{k: v for k, v in r.data.items() if k not in ("kind", "group_id", "group_name", "to")}}
                        for r in own],
            "flags": [{"reason": f.reason, "flagged_at": str(f.flagged_at)}
                      for f in self._moderation().flagged_by(identity.anonymous_id)],
            # The write-only copy kept for the LMS's instructor report.
            "report_copy": self.report_copy,
            # The actions they put on their groups' lists between rounds (round_actions.py).
            "group_action_lists": round_actions.own(self, identity.anonymous_id),
            "feedback_received": self._received_for_download(identity, own),
        }

    def _received_for_download(self, identity, own):
        """Feedback given to this participant in every group of this round they were in
        (their current group, then each group they wrote in before a move), as they may
        see it: released, not hidden; anonymous rounds without the giver."""
        found = []
        group = self.group_source.group_of(identity)
        if group is not None:
            latest = RoundRecords.of(self._records().of_group(group))
            names = {m.anonymous_id: m.display_name for m in group.members}
            released = rules.feedback_released(self.release_after_due, self.due_of("feedback_due"), timezone.now())
            found = [{"group": group.name, "from": item["from"], "answers": item["answers"],
                      "helpful": item["helpful"], "answer": item["answer"]}
                     for item in self._received(group, latest, self._moderation().hidden_ids(group.id),
                                                identity.anonymous_id, names, released,
                                                self.anonymity_in(group) == "anonymous")]
        for earlier in earlier_work(self, identity, timezone.now(), own, current=group):
            found += [{"group": earlier["group"], "from": item["from"], "answers": item["answers"],
                       "helpful": item["helpful"], "answer": item["answer"]} for item in earlier["received"]]
        return found

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
