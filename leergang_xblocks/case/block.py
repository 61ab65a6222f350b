"""The action-learning case tracker (`leergang_case`): a participant's own case
(or their team's), a log entry per session with actions carried over, the final
paper and presentation, attendance and the diploma/certificate rule.

Where things are:
- authored settings and their checks: this file (`CaseBlock`), formats in config.py
- where records live (course-level, shared by every case block with the same key): stores.py
- folding records into a case, the timeline, carry-over: model.py; the rule: rule.py
- the participant's page and case body: participant_view.py; their writes (case, entries,
  actions, presentation, sharing, drafts, download): participant_writes.py; the paper: paper.py;
  group views (shared cases, learning wishes, the manifestatie): group.py; staff and mentor
  handlers, CSV, report: staff.py
- the readable download (Markdown, HTML): document.py; sharing with other blocks: sharing.py
"""
import contextlib

from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String

from ..core import completion, dates, storage
from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.course_records import course_write
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.studio_forms import ChoiceList
from ..core.validation import Problem
from . import config, model, paper_assessment
from . import rule as rules
from .group import GroupPagesMixin
from .paper import PaperMixin
from .participant_view import ParticipantViewMixin
from .participant_writes import ParticipantWritesMixin, new_id
from .rubric import RubricList
from .shapes import check_size
from .staff import StaffMixin
from .stores import CaseStores, participant_stores
from .studio_sessions import SessionList


def today(zone_name=dates.DEFAULT_TIME_ZONE):
    """Today in the course's time zone (a function, so tests can move the calendar)."""
    return dates.today(zone_name)


def _template_choices(block=None):
    return [{"display_name": label, "value": key} for key, (label, _steps) in config.REFLECTION_TEMPLATES.items()]


def _mode_choices(block=None):
    return [{"display_name": _("Individual: each participant has an own case"), "value": "individual"},
            {"display_name": _("Team: the members of a group work on one case together"), "value": "team"}]


@groups_services
@needs_services
class CaseBlock(ParticipantWritesMixin, ParticipantViewMixin, PaperMixin, StaffMixin, GroupPagesMixin,
                GroupsMixin, LeergangBlockMixin, XBlock):
    """An own case (or a team's) worked out over the sessions of a programme."""

    display_name = String(display_name=_("Display name"), default=_("Your case"), scope=Scope.settings)
    intro = String(display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True,
                   help=_("Shown above the case. Plain text: what the case is for in this programme."))
    case_key = String(
        display_name=_("Case key"), default="case", scope=Scope.settings,
        help=_("Every case block in the course with the same key shows the same case: the case belongs to the "
               "participant and the course, not to one block. Use another key only for a second, separate case."))
    sessions_yaml = String(
        display_name=_("Sessions"), default=config.NEUTRAL_SESSIONS_YAML, scope=Scope.content,
        multiline_editor=True, xml_node=True,
        help=_("The programme's sessions in the order they take place. A session's number ties the "
               "participants' log entries and attendance to it: keep it once they have written for it."))
    case_fields = String(display_name=_("Case fields"), default=config.DEFAULT_FIELDS, scope=Scope.settings)
    reflection_template = String(
        display_name=_("Reflection template"), default="korthagen", scope=Scope.settings,
        values_provider=_template_choices,
        help=_("The steps in which a log entry asks what was learned."))
    case_mode = String(
        display_name=_("Individual or team case"), default="individual", scope=Scope.settings,
        values_provider=_mode_choices,
        help=_("Team: every member of a group (the group set or teamset below) writes on the group's case; "
               "each entry is signed and none overwrites another."))
    attendance_required = Integer(
        display_name=_("Sessions to attend"), default=5, scope=Scope.settings,
        help=_("How many of the sessions that count for attendance a participant must attend for the diploma."))
    require_paper = Boolean(display_name=_("A final paper is required"), default=True, scope=Scope.settings)
    require_assessment = Boolean(
        display_name=_("The paper must be assessed sufficient"), default=True, scope=Scope.settings,
        help=_("Staff assess the final paper as sufficient or insufficient."))
    require_presentation = Boolean(
        display_name=_("The presentation must have been given"), default=True, scope=Scope.settings,
        help=_("Staff record who gave their presentation."))
    scored = Boolean(
        display_name=_("Publish a score"), default=False, scope=Scope.settings,
        help=_("Gives 1 point for the diploma and 0 otherwise, so the course's grading policy and certificate "
               "follow the same rule. Give this block a graded assignment type in the course outline."))
    weight = Integer(display_name=_("Weight"), default=1, scope=Scope.settings,
                     help=_("Points this block is worth in the course grade when a score is published."))
    focus_session = Integer(
        display_name=_("Focus session"), default=0, scope=Scope.settings,
        help=_("0 shows the whole case journey. A session number shows that session's step of the same case "
               "(for a second copy of this block placed in a later unit)."))
    show_outcome = Boolean(
        display_name=_("Show the diploma status"), default=True, scope=Scope.settings,
        help=_("Shows participants where they stand on the completion rule (diploma, certificate of "
               "participation, or not yet). Turn it off for a programme that awards nothing."))
    group_page = Boolean(
        display_name=_("Group manifestatie"), default=False, scope=Scope.settings,
        help=_("The group writes a closing page together (each member their own part) and can download it "
               "as a document to share outside the course."))

    # A write-only copy for the platform's "Problem responses" report (which reads
    # user state): written in each write step, never read to decide anything.
    case_report = Dict(default={}, scope=Scope.user_state)
    # Every write but a draft saves that copy, which keeps the learner's user-state row for the LMS's reset
    # on its own: it need not read the marker as well (core/reset.py).
    report_copy_keeps_state_row = True

    studio_forms = {"sessions_yaml": SessionList(),
                    "case_fields": ChoiceList([(key, label) for key, (label, _prompt) in config.CASE_FIELDS.items()],
                                              config.parse_case_fields),
                    "paper_rubric": RubricList()}

    editable_fields = ("display_name", "intro", "case_key", "sessions_yaml", "case_fields", "reflection_template",
                       "case_mode", "attendance_required", "require_paper", "require_assessment",
                       "require_presentation", "scored", "weight", "show_outcome", "focus_session", "group_page",
                       "paper_form", "paper_max_mb", "paper_rubric", "second_reader", "reader_rule",
                       "group_set_name", "teamset_id")
    event_names = ("case_saved", "entry_logged", "action_status_changed", "paper_submitted",
                   "presentation_saved", "shared", "draft_saved", "attendance_recorded", "attendance_saved",
                   "comment_added", "paper_assessed", "presented_recorded", "wish_followed_up", "group_page_saved")

    # --- Score ------------------------------------------------------------------------

    @property
    def has_score(self):
        return bool(self.scored)

    def max_score(self):
        return self.weight if self.scored else None

    # --- Settings ------------------------------------------------------------------------

    @property
    def sessions(self):
        try:
            return config.sessions_of(self.sessions_yaml)
        except AuthoredDataError as exc:
            raise HandlerError(409, "not_configured", _("This case tracker is not set up correctly: %(problem)s"),
                               problem="; ".join(exc.texts(self.translate))) from exc

    @property
    def field_keys(self):
        try:
            return config.parse_case_fields(self.case_fields)
        except ValueError:
            return config.parse_case_fields(config.DEFAULT_FIELDS)

    @property
    def team_mode(self):
        return self.case_mode == "team"

    @property
    def case_rule(self):
        return rules.Rule(self.attendance_required, self.require_assessment, self.require_presentation,
                          self.require_paper)

    def settings_problems(self, data):
        problems = self.group_settings_problems(data) + self.paper_settings_problems(data)
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if not config.CASE_KEY.match(data.case_key or ""):
            problems.append(Problem(("case_key",), _(
                "Use 1 to 60 lower case letters, digits, - or _, starting with a letter or a digit.")))
        sessions = ()
        try:
            sessions = config.parse_sessions(data.sessions_yaml or "")
        except AuthoredDataError as exc:
            problems += [Problem(("sessions_yaml",) + p.path, p.message, p.params, p.line) for p in exc.problems]
        try:
            keys = config.parse_case_fields(data.case_fields)
            if not keys:
                problems.append(Problem(("case_fields",), _("Tick at least one field.")))
        except ValueError as exc:
            problems.append(Problem(("case_fields",), _("Unknown fields: %(fields)s. Known fields: %(known)s."),
                                    {"fields": str(exc)[:200], "known": ", ".join(config.CASE_FIELDS)}))
        if data.reflection_template not in config.REFLECTION_TEMPLATES:
            problems.append(Problem(("reflection_template",), _("Choose one of the options in the list.")))
        if data.case_mode not in ("individual", "team"):
            problems.append(Problem(("case_mode",), _("Choose one of the options in the list.")))
        counted = sum(1 for s in sessions if s.counts)
        if not isinstance(data.attendance_required, int) or data.attendance_required < 0:
            problems.append(Problem(("attendance_required",), _("Write a whole number of 0 or more.")))
        elif sessions and data.attendance_required > counted:
            problems.append(Problem(("attendance_required",), _(
                "This is more than the %(counted)s sessions that count for attendance."), {"counted": counted}))
        if not isinstance(data.weight, int) or not 0 <= data.weight <= 1000:
            problems.append(Problem(("weight",), _("Write a whole number from 0 to 1000.")))
        if not isinstance(data.focus_session, int) or data.focus_session < 0:
            problems.append(Problem(("focus_session",), _("Write 0 or the number of a session.")))
        elif sessions and data.focus_session and data.focus_session not in {s.number for s in sessions}:
            problems.append(Problem(("focus_session",), _("There is no session %(number)s."),
                                    {"number": data.focus_session}))
        return problems

    # --- Records --------------------------------------------------------------------------

    def _stores(self, course_id=None):
        return CaseStores(self, course_id=course_id)

    def participant_stores(self, course_id, item_id):
        """What "Delete learner's state" clears besides this block's score and user state
        (core/reset.py): nothing more. The case belongs to the course and every case block
        with the same key shows it; a reset of one block clears what that block holds.
        Staff remove a participant's whole case with the block's staff tool."""
        return []

    staff_removal_text = _("This removes the whole case of %(participant)s with the key %(case_key)s: its "
                           "descriptions, entries, actions, paper, presentation and drafts, the team entries they "
                           "signed, and what staff and mentors recorded about them, in every case block of this "
                           "course with this key. Their score in this block is reset.")

    def staff_removal_stores(self, course_id, item_id):
        return participant_stores(self, course_id)

    def staff_removal_params(self):
        return {"case_key": self.case_key}

    @contextlib.contextmanager
    def staff_removal_step(self, identity):
        """The participant's own step and their course-level case lock, in the order their writes take them."""
        with storage.participant_write(self, identity), course_write(self, identity, self._stores().base):
            yield

    def _group(self, identity):
        if not identity.anonymous_id:
            return None
        return self.my_group(identity)

    def _case(self, identity, group=None, stores=None, with_drafts=True):
        """This participant's case as the records say, read now: their own events,
        their team's (a team case), what staff recorded about them, their drafts.
        A few queries, none of them about other participants (beyond their team)."""
        stores = stores or self._stores()
        aid = identity.anonymous_id
        own = stores.own_events(aid) if aid else []
        team = stores.team_events(group) if (self.team_mode and group is not None) else []
        staff = stores.staff_events(aid) if aid else []
        view = model.CaseView.fold(team if self.team_mode else own, own if self.team_mode else (), staff)
        if self.team_mode:
            # Personal events only from the participant's own store (team rows carry no personal events).
            view.personal = [e for e in own if e.kind == "personal"]
            view.share_events = [e for e in own if e.kind == "share"]
        version, drafts = stores.drafts.read(aid) if (aid and with_drafts) else (0, {})
        return view, version, drafts

    def _today(self):
        """Today in the course's time zone, through `today` above (tests move the calendar there)."""
        return today(self.time_zone)

    def _done_here(self, view, sessions=None):
        """Whether this copy counts as done. A copy that shows the whole case is done once the
        case is described (core/completion.py `case_copy_done`), which needs no session: the
        sessions (`sessions`, else read here) only for a copy focused on one."""
        focus = self.focus_session
        if not focus:
            return bool(view.defined)
        return completion.case_copy_done(view, focus, sessions if sessions is not None else self.sessions,
                                         self.require_paper)

    def _require_group(self, group):
        if self.team_mode and group is None:
            raise HandlerError(409, "no_group", _("You are not in a team yet. Staff place you in one."))

    def _append_case_event(self, identity, stores, group, data):
        """A case event goes to the team's records (team case) or the participant's own."""
        record = {**data, "id": data.get("id") or new_id(), "author_name": identity.display_name or ""}
        check_size(record)
        if self.team_mode:
            self._require_group(group)
            stores.team().append(identity, record, group=group)
        else:
            stores.append_own(identity.anonymous_id, record)
        return record

    def _append_own(self, identity, stores, data):
        record = {**data, "id": new_id()}
        check_size(record)
        stores.append_own(identity.anonymous_id, record)
        return record

    def _after_write(self, identity, stores, group, sessions=None):
        """Inside the write step: the summary row for the staff overview, the report
        copy, completion and the score, from the case as it is now. Reads the sessions
        only where it needs them (a focused copy's completion, a score), so a write that
        shows none refuses none for a broken sessions list."""
        view, version, drafts = self._case(identity, group, stores)
        summary = self.summary_row(view, ())   # the row does not depend on the sessions
        stores.summary.append(identity.anonymous_id, summary, None)
        self.case_report = {"anonymous_id": identity.anonymous_id, **summary}
        completion.report_done(self, self._done_here(view, sessions))
        self.update_score(identity.anonymous_id, view, identity.anonymous_id)
        return view, version, drafts

    def personal_data(self, identity):
        """Everything stored about this participant by the case tracker."""
        if not identity.anonymous_id:
            return {}
        stores = self._stores()
        aid = identity.anonymous_id

        def rows(records):
            return [{"at": str(r.submitted_at), "data": r.data} for r in records]

        return {
            "case_key": self.case_key,
            "own_records": rows(stores.own.history(aid)),
            "team_records": [{"at": str(r.submitted_at), "group": r.group_id, "data": r.data}
                             for r in stores.team().own(aid)],
            "group_page_records": [{"at": str(r.submitted_at), "group": r.group_id, "data": r.data}
                                   for r in stores.group_pages().own(aid)],
            "staff_records_about_you": rows(paper_assessment.shown_to_participant(stores.staff.history(aid))),
            "drafts": rows(stores.drafts.history(aid)),
            "overview_rows": rows(stores.summary.history(aid)),
            # The copy in user state the platform's report reads (written with each write).
            "report_copy": self.case_report,
        }

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
