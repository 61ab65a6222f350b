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
"""
from django.utils import timezone
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import completion
from ..core.action_list import ACTION_STATES, CASE_KEY, real_date
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.group_records import GroupRecords
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import Choice, HandlerError, Int, ListOf, MapOf, Nullable, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.moderation import Moderation
from ..core.rendering import render_template, view_fragment
from ..core.text import tidy
from ..core.studio_forms import ChoiceList, DueMoment
from ..core.validation import Problem
from . import case_link, live_staff, methods, round_actions, round_view, rules
from .earlier_work import earlier_work
from .live import LiveModeMixin
from .round_view import KIND_ACTIONS, KIND_FEEDBACK, KIND_REPLY, KIND_UPDATE, RoundRecords, opaque_ref
from .staff import FeedbackStaffMixin

loader = ResourceLoader(__name__)
ITEM_TYPE = "leergang_feedback_round"
MAX_UPDATE = 4000
MAX_ANSWER = 2000
MAX_ACTION = 300
MAX_ACTIONS = 10
MAX_REASON = 500
HELPFUL_SCALE = (1, 2, 3, 4)
REF = Str(40, min_length=1)

KIND_CHOICES = [
    {"value": rules.KIND_REPORT_BACK, "display_name": _("Report back on progress")},
    {"value": rules.KIND_AGREE_ACTIONS, "display_name": _("Agree actions for the coming weeks")},
    {"value": rules.KIND_BOTH, "display_name": _("Both: report back, then agree actions")},
]
METHOD_CHOICES = [
    {"value": rules.METHOD_AIRTIME, "display_name": _("Action learning: airtime per member (questions, no advice)")},
    {"value": rules.METHOD_INCIDENT, "display_name": _("Intervisie: incident method (questions, then advice)")},
    {"value": rules.METHOD_FREE, "display_name": _("Free")},
]
PROMPT_TEXTS = {
    "clarifying": (_("A clarifying question"), _("Ask about facts you need to understand the case.")),
    "deeper": (_("A deeper question"), _("Ask a question that helps them look at their own part, not advice in disguise.")),
    "recognise": (_("What I recognise"), _("What do you recognise from your own work?")),
    "suggestion": (_("A suggestion"), _("If you were in their place, what would you try?")),
}
# What each role does, shown where the roles are (one short sentence each); the role
# names are methods.ROLE_TEXTS.
ROLE_HELP = {
    "case_bringer": _("Brings in their own case, tells where it stands and answers the group's questions."),
    "facilitator": _("Leads the conversation and keeps to the steps of the method."),
    "timekeeper": _("Keeps an eye on the time for each step and says when it is up."),
    "note_taker": _("Writes down the questions, insights and agreed actions for the case-bringer."),
}
# What a member still has to do: "late" only past a due date, otherwise "not yet".
BEHIND_TEXTS = {
    "update": _("update not posted yet"), "update_overdue": _("update late"),
    "feedback": _("feedback not given yet"), "feedback_overdue": _("feedback late"),
    "actions": _("actions not recorded yet"),
}


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


def _known_prompts(text):
    """The prompt kinds in a stored value; ValueError when it names an unknown one."""
    kinds, unknown = rules.parse_prompt_kinds(text)
    if unknown:
        raise ValueError(", ".join(unknown))
    return kinds


def _choices(values):
    return lambda block=None: values


@groups_services
@needs_services
class FeedbackRoundBlock(LiveModeMixin, FeedbackStaffMixin, GroupsMixin, LeergangBlockMixin, XBlock):
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

    # --- Settings -----------------------------------------------------------------------

    def settings_problems(self, data):
        problems = self.group_settings_problems(data)
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if data.round_kind not in rules.KINDS:
            problems.append(Problem(("round_kind",), _("Choose one of the options in the list.")))
        if data.method not in rules.METHODS:
            problems.append(Problem(("method",), _("Choose one of the options in the list.")))
        kinds, unknown = rules.parse_prompt_kinds(data.feedback_prompts)
        if unknown:
            problems.append(Problem(("feedback_prompts",), _("Unknown prompt: %(word)s."), {"word": unknown[0][:30]}))
        if data.method == rules.METHOD_AIRTIME and set(kinds) & rules.ADVICE_PROMPTS:
            problems.append(Problem(("feedback_prompts",), _("The action-learning method asks questions only: "
                                                             "untick “%(suggestion)s”."),
                                    {"suggestion": self.translate(PROMPT_TEXTS["suggestion"][0])}))
        if (data.case_key or "").strip() and not CASE_KEY.match(data.case_key.strip()):
            problems.append(Problem(("case_key",), _(
                "Use 1 to 60 lower-case letters, digits, - or _, starting with a letter or digit.")))
        for name in ("update_prompt", "extra_prompt"):
            if len(getattr(data, name) or "") > 300:
                problems.append(Problem((name,), _("Write at most 300 characters.")))
        dues = {}
        for name in ("update_due", "feedback_due"):
            try:
                dues[name] = rules.parse_due(getattr(data, name))
            except ValueError:
                problems.append(Problem((name,), _("Write a date as 2026-12-01, or a date and time as 2026-12-01 17:00.")))
        if dues.get("update_due") and dues.get("feedback_due") and dues["feedback_due"] < dues["update_due"]:
            problems.append(Problem(("feedback_due",), _("This is before the updates are due.")))
        if data.release_after_due and not (data.feedback_due or "").strip():
            problems.append(Problem(("release_after_due",), _("This needs a date by which the feedback is due.")))
        return problems

    def due_of(self, name):
        try:
            return rules.parse_due(getattr(self, name), self.time_zone)
        except ValueError:
            return None  # refused in Studio; an OLX import may still carry it (validate_field_data says so)

    @property
    def has_actions_step(self):
        return self.round_kind in (rules.KIND_AGREE_ACTIONS, rules.KIND_BOTH)

    @property
    def ring_salt(self):
        return str(self.scope_ids.usage_id)

    @property
    def prompt_kinds(self):
        return rules.prompts_for(self.method, self.feedback_prompts)

    def prompts(self):
        found = [{"key": k, "label": self.translate(PROMPT_TEXTS[k][0]), "help": self.translate(PROMPT_TEXTS[k][1])}
                 for k in self.prompt_kinds]
        if self.extra_prompt.strip():
            found.append({"key": "extra", "label": self.extra_prompt.strip(), "help": ""})
        return found

    def update_prompt_text(self):
        if self.update_prompt.strip():
            return self.update_prompt.strip()
        if self.round_kind == rules.KIND_AGREE_ACTIONS:
            return self.translate(_("Where does your own case stand, and which actions do you propose for the "
                                    "coming weeks?"))
        return self.translate(_("What have you done with your own case since last time, what happened, and "
                                "where are you stuck?"))

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

    # --- What a participant sees --------------------------------------------------------------

    def member_ref(self, group, anonymous_id):
        return opaque_ref(self.ring_salt, "member", group.id, anonymous_id)

    def feedback_ref(self, record_id):
        return opaque_ref(self.ring_salt, "feedback", record_id)

    def _read(self, identity, group_id=None):
        """(group, all records, latest records, hidden ids) that `identity` may see."""
        records = self._records()
        group, rows = records.read(identity, group_id)
        group = self._with_mentors(group)
        hidden = self._moderation().hidden_ids(group.id)
        return group, rows, RoundRecords.of(rows), hidden

    def _with_mentors(self, group):
        """The group with its mentors (core fills them only when asked: one query)."""
        if group is None or group.mentors:
            return group
        return self.group_source.with_mentors(group)

    def participant_view(self, identity, group, latest, hidden, now=None):
        """The round as `identity` (a member or a mentor of `group`) may see it."""
        now = now or timezone.now()
        me = identity.anonymous_id
        mentor = round_view.is_mentor(group, me) and not group.has(me)
        names = {m.anonymous_id: m.display_name or self.translate(_("A group member")) for m in group.members}
        all_roles = methods.roles_for_round(self.method, list(names), self.round_number, group.id)
        roles = all_roles if self.show_roles else {}
        plan = methods.plan(self.method, list(names), roles, self.has_actions_step, group.id, self.round_number)
        held = {role for member_roles in roles.values() for role in member_roles}
        role_help = [{"key": role, "name": self.translate(methods.ROLE_TEXTS[role]),
                      "help": self.translate(ROLE_HELP[role])}
                     for role in methods.ROLE_TEXTS if role in held]
        members = [{"ref": self.member_ref(group, aid), "name": name, "is_you": aid == me,
                    "roles": [self.translate(methods.ROLE_TEXTS[r]) for r in roles.get(aid, [])],
                    "posted": aid in latest.updates and str(latest.updates[aid].id) not in hidden}
                   for aid, name in names.items()]
        mentors = [m.display_name for m in round_view.mentors_of(group)]
        updates = []
        for aid in names:
            record = latest.updates.get(aid)
            if record is None or str(record.id) in hidden:
                continue
            updates.append({"ref": self.member_ref(group, aid), "name": names[aid], "is_you": aid == me,
                            "text": record.data.get("text", ""), "at": record.submitted_at})
        peers = round_view.assigned_peers(self, group, me)
        given = latest.feedback_from(me)
        released = rules.feedback_released(self.release_after_due, self.due_of("feedback_due"), now)
        to_review = []
        for aid in peers:
            update = latest.updates.get(aid)
            mine = given.get(aid)
            to_review.append({
                "ref": self.member_ref(group, aid), "name": names.get(aid, ""),
                "has_update": update is not None and str(update.id) not in hidden,
                "update": update.data.get("text", "") if update is not None and str(update.id) not in hidden else "",
                "answers": (mine.data.get("answers", {}) if mine else {}),
                "given": mine is not None,
                "final": mine is not None and released,
            })
        anonymity = self.anonymity_in(group)
        received = self._received(group, latest, hidden, me, names, released, anonymity == "anonymous")
        actions = latest.actions.get(me)
        return {
            "group": {"name": group.name, "size": group.size, "alone": group.size == 1, "url": group.url},
            "is_mentor": mentor, "members": members, "mentors": mentors, "role_help": role_help,
            "updates": updates,
            "my_update": (latest.updates[me].data.get("text", "") if me in latest.updates else ""),
            "to_review": to_review, "prompts": self.prompts(),
            "received": received, "released": released,
            "actions": actions.data.get("actions", []) if actions else [],
            "has_actions_step": self.has_actions_step,
            "anonymous": anonymity == "anonymous", "anonymity": anonymity,
            "earlier": [] if mentor else earlier_work(self, identity, now, current=group),
            "case_actions": case_link.view(self, identity, group, names),
            "steps": self.method_steps(group, all_roles if self.show_roles else {}, names, plan),
            "live": self.live_view(identity, group, plan, all_roles),
        }

    def participant_round(self, identity, now=None):
        """This round as `identity` sees it as a member of their current group (see
        `participant_view`), or None when they are in no group. Read only: "Mijn
        leergang" (my_programme/) reads it; the cost is one group's records."""
        group = self.group_source.group_of(identity) if identity.anonymous_id else None
        if group is None or not group.has(identity.anonymous_id):
            return None
        group = self._with_mentors(group)
        latest = RoundRecords.of(self._records().of_group(group))
        return self.participant_view(identity, group, latest, self._moderation().hidden_ids(group.id), now)

    def method_steps(self, group, roles, names, plan=None):
        """The method's steps for this group, with whose turn it is (methods.py).
        Without shown roles the steps name no case-bringer. `plan`: methods.plan's, if
        the caller made it (the live view shows the same steps)."""
        steps = plan if plan is not None else methods.plan(self.method, list(names), roles, self.has_actions_step,
                                                           group.id, self.round_number)
        return [{"key": s["key"], "title": self.translate(methods.STEP_TEXTS[s["key"]][0]),
                 "what": self.translate(methods.STEP_TEXTS[s["key"]][1]), "minutes": s["minutes"],
                 "turn": [names[aid] for aid in s["turn"] if aid in names],
                 "presenter": names.get(s["presenter"], "")} for s in steps]

    def anonymity_in(self, group):
        """"anonymous", "not_possible" (the author asked for it, but this group's size and
        the number of peers let a receiver work out who wrote what: rules.anonymity_holds)
        or "named" (the author did not ask for it)."""
        if not self.anonymous_feedback:
            return "named"
        return "anonymous" if rules.anonymity_holds(group.size, self.peers_per_participant) else "not_possible"

    def _received(self, group, latest, hidden, me, names, released, anonymous):
        """Feedback to `me`, as the release rule and the group's anonymity allow."""
        if not released:
            return []
        items = [r for r in latest.feedback_to(me) if str(r.id) not in hidden]
        flagged = {f.record_id for f in self._moderation().flagged_by(me)} if items else set()
        if anonymous:
            items.sort(key=lambda r: self.feedback_ref(r.id))
        labels = {p["key"]: p["label"] for p in self.prompts()}
        result = []
        for number, record in enumerate(items, start=1):
            reply = latest.replies.get((me, record.id))
            entry = {
                "id": self.feedback_ref(record.id),
                "answers": [{"label": labels.get(key, key), "text": text}
                            for key, text in record.data.get("answers", {}).items() if text],
                "helpful": reply.data.get("helpful") if reply else None,
                "answer": reply.data.get("answer", "") if reply else "",
                "flagged": str(record.id) in flagged,
            }
            if anonymous:
                entry["from"] = self.translate(_("Feedback %(n)s")) % {"n": number}
            else:
                author = record.author_id
                entry["from"] = names.get(author) or record.data.get("author_name") or self.translate(_("A former member"))
                entry["from_mentor"] = record.data.get("author_role") == "mentor"
            result.append(entry)
        return result

    def _view_html(self, view, identity):
        parts = {"v": view, "element_id": self._element_id(), "block": self,
                 "method_name": self.translate(next((c["display_name"] for c in METHOD_CHOICES
                                                     if c["value"] == self.method), _("Free")))}
        follow_up = render_template(self, loader, "templates/follow_up.html", parts)
        steps = render_template(self, loader, "templates/method_steps.html", parts)
        return render_template(self, loader, "templates/round.html", {
            "v": view, "element_id": self._element_id(), "block": self, "follow_up_html": follow_up,
            "method_html": steps,
            "update_prompt": self.update_prompt_text(), "max_update": MAX_UPDATE, "max_answer": MAX_ANSWER,
            "max_action": MAX_ACTION, "action_slots": range(max(3, len(view["actions"]) + 1)),
            "helpful_scale": HELPFUL_SCALE, "dues": self.due_texts()})

    def due_texts(self):
        """'1 december 2026, 17:00': the course's one format and zone (core/dates.py)."""
        return {name: self.moment_text(self.due_of(name)) for name in ("update_due", "feedback_due")}

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

    # --- Participant handlers -----------------------------------------------------------------

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
        return self._after_write(identity, group, records, _("Your update is posted to your group."))

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
        if receiver not in round_view.assigned_peers(self, group, me):
            raise HandlerError(403, "not_assigned", _("You are not asked to give feedback to this member."))
        rows = records.of_group(group)
        latest = RoundRecords.of(rows)
        update = latest.updates.get(receiver)
        hidden = self._moderation().hidden_ids(group.id) if update is not None else set()
        if update is None or str(update.id) in hidden:
            # A hidden update is, for the group, no update: nothing to respond to.
            raise HandlerError(409, "no_update_yet", _("This member has not posted an update yet."))
        allowed = {p["key"] for p in self.prompts()}
        unknown = sorted(set(data["answers"]) - allowed)
        if unknown:
            raise HandlerError(400, "unknown_prompt", _("This round no longer asks one of these questions. "
                                                        "Copy what you wrote, reload the page and try again."),
                               field="answers")
        answers = {key: tidy(data["answers"].get(key, "")) for key in (p["key"] for p in self.prompts())}
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
        return self._after_write(identity, with_mentors, records, _("Your feedback is saved."), hidden=hidden,
                                 mentors_read=True)

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
                                 hidden=hidden)

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
        return self._after_write(identity, group, records, message, hidden=hidden)

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
        return self._after_write(identity, group, records, _("Your flag is withdrawn."), hidden=hidden)

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
        return self._after_write(identity, group, records, message)

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
        return self._after_write(identity, group, records, _("The action's status is saved in your case.") if in_case
                                 else _("The action's status is saved; your group sees it in this round."))

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

    def _after_write(self, identity, group, records, message, hidden=None, mentors_read=False):
        """The round as the writer sees it now. What the handler read in this step is not
        read again: the group's records (`records` made with `keep_reads`, which holds
        what was appended), the hidden ids (`hidden`; only staff change them, not this
        write), the group's mentors (`mentors_read`: `group` has them, even none)."""
        group = group if mentors_read else self._with_mentors(group)
        rows = records.of_group(group)
        latest = RoundRecords.of(rows)
        view = self.participant_view(identity, group, latest,
                                     self._moderation().hidden_ids(group.id) if hidden is None else hidden)
        me = identity.anonymous_id
        self.report_copy = {"group": group.name, "posted": me in latest.updates,
                            "feedback_given": len(latest.feedback_from(me)),
                            "feedback_received": len(latest.feedback_to(me)),
                            "actions": [a["text"] for a in view["actions"]]}
        completion.report_done(self, completion.feedback_round_done(view))
        return {"saved": True, "message": self.translate(message), **_public(view),
                "html": self._view_html(view, identity)}

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


def _public(view):
    """The JSON a participant gets: the view without datetimes."""
    result = dict(view)
    result["updates"] = [{k: v for k, v in u.items() if k != "at"} for u in view["updates"]]
    return result
