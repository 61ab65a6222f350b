"""The action-learning case tracker (`leergang_case`): a participant's own case
(or their team's), a log entry per session with actions carried over, the final
paper and presentation, attendance and the diploma/certificate rule.

Where things are:
- authored settings and their checks: this file (`CaseBlock`), formats in config.py
- where records live (course-level, shared by every case block with the same key): stores.py
- folding records into a case, the timeline, carry-over: model.py; the rule: rule.py
- participant handlers: this file; group views (shared cases, learning wishes,
  the manifestatie): group.py; staff and mentor handlers, CSV, report: staff.py
- the readable download (Markdown, HTML): document.py; sharing with other blocks: sharing.py
"""
import contextlib
import datetime
import re
import uuid

from django.utils import timezone
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import completion, dates, storage
from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.course_records import course_write
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import (Bool, Choice, HandlerError, Int, ListOf, MapOf, Object, Optional, Str,
                             json_handler)
from ..core.i18n import _, _n
from ..core.rendering import render_template, view_fragment
from ..core.text import tidy
from ..core.studio_forms import ChoiceList
from ..core.validation import Problem
from . import config, document, model, paper_assessment, score_carrier
from . import rule as rules
from .group import GroupPagesMixin
from .paper import PaperMixin
from .rubric import RubricList
from .shapes import FIELD_TEXT, MAX_ACTIONS, MAX_BODY, MAX_FIELD, check_size
from .staff import StaffMixin
from .stores import CaseStores, participant_stores
from .studio_sessions import SessionList

loader = ResourceLoader(__name__)

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://[^\s<>\"']+$")
DRAFT_KEYS = ("definition", "entry", "paper", "presentation")


def today(zone_name=dates.DEFAULT_TIME_ZONE):
    """Today in the course's time zone (a function, so tests can move the calendar)."""
    return dates.today(zone_name)


def _template_choices(block=None):
    return [{"display_name": label, "value": key} for key, (label, _steps) in config.REFLECTION_TEMPLATES.items()]


def _mode_choices(block=None):
    return [{"display_name": _("Individual: each participant has an own case"), "value": "individual"},
            {"display_name": _("Team: the members of a group work on one case together"), "value": "team"}]


def new_id():
    return uuid.uuid4().hex[:12]


@groups_services
@needs_services
class CaseBlock(PaperMixin, StaffMixin, GroupPagesMixin, GroupsMixin, LeergangBlockMixin, XBlock):
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

    def _done_here(self, view, sessions):
        return completion.case_copy_done(view, self.focus_session, sessions, self.require_paper)

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

    def _after_write(self, identity, stores, group):
        """Inside the write step: the summary row for the staff overview, the report
        copy, completion and the score, from the case as it is now."""
        view, version, drafts = self._case(identity, group, stores)
        sessions = self.sessions
        summary = self.summary_row(view, sessions)
        stores.summary.append(identity.anonymous_id, summary, None)
        self.case_report = {"anonymous_id": identity.anonymous_id, **summary}
        completion.report_done(self, self._done_here(view, sessions))
        self.update_score(identity.anonymous_id, view, identity.anonymous_id)
        return view, version, drafts

    # --- Views ----------------------------------------------------------------------------

    def _element_id(self):
        return "case-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        try:
            sessions = self.sessions
        except HandlerError as exc:
            return view_fragment(self, loader, "templates/not_configured.html",
                                 {"block": self, "problem": self.translate(exc.message) % exc.params})
        group = self._group(identity) if identity.is_authenticated and not identity.is_staff else None
        view, version, drafts = self._case(identity, group)
        if self.has_score and identity.is_authenticated and not self.read_only_notice():
            # The copy that carries the grade says where it is, for the other copies (score_carrier.py).
            score_carrier.register(self)
        if identity.is_authenticated and not identity.is_staff and not self.read_only_notice():
            # Done by work in another copy of the same case (the case is the course's).
            completion.report_done(self, self._done_here(view, sessions))
        body = self._body_html(identity, view, drafts, group, sessions)
        fragment = view_fragment(
            self, loader, "templates/student_view.html",
            {"block": self, "element_id": self._element_id(), "body_html": body,
             "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
             "read_only": self.read_only_notice(),
             "staff_panel_html": self.staff_panel_html() if identity.is_staff else "",
             "mentor_panel_html": self.mentor_panel_html(identity),
             "groups_panel_html": self.groups_staff_panel_html() if identity.is_staff else ""},
            js_files=["static/case_staff.js", "static/case.js"], css_files=["static/case.css"],
            init_fn="LeergangCase", init_args={"version": version, "staff": identity.is_staff,
                                               "autosave_ms": 1500},
        )
        if identity.is_staff:
            self.add_groups_staff_script(fragment)
        return self.add_staff_removal(fragment, identity)

    def student_view_data(self, context=None):
        return {"display_name": self.display_name, "case_key": self.case_key, "case_mode": self.case_mode,
                "fields": self.field_keys, "reflection_template": self.reflection_template,
                "focus_session": self.focus_session}

    def _localized_session(self, session):
        return {"number": session.number, "date": session.date, "date_text": self.date_text(session.date),
                "theme": self.localized(session.theme),
                "log_entry": session.log_entry, "counts": session.counts, "paper": session.paper,
                "presentation": session.presentation, "opens_case": session.opens_case}

    def _field_context(self, view, drafts):
        draft = (drafts.get("definition") or {}) if drafts else {}
        values = {**view.fields, **view.personal_fields}
        first = {**view.first_fields}
        return [{"key": key, "label": self.translate(config.CASE_FIELDS[key][0]),
                 "prompt": self.translate(config.CASE_FIELDS[key][1]),
                 "value": draft.get(key, values.get(key, "")), "saved": values.get(key, ""),
                 "first": first.get(key, "") if len(view.definitions) > 1 and key not in config.PERSONAL_FIELDS
                 else "", "personal": key in config.PERSONAL_FIELDS and self.team_mode,
                 "multiline": key != "title"}
                for key in self.field_keys]

    def _reflection_steps(self, draft=None):
        _label, steps = config.REFLECTION_TEMPLATES.get(self.reflection_template, config.REFLECTION_TEMPLATES["free"])
        draft = draft or {}
        return [{"key": key, "label": self.translate(label), "prompt": self.translate(prompt),
                 "value": draft.get("reflection", {}).get(key, "") if isinstance(draft.get("reflection"), dict)
                 else draft.get("reflection_" + key, "")} for key, label, prompt in steps]

    def _entry_context(self, entry):
        parts = entry.data.get("parts", {})
        reflection = entry.data.get("reflection", {})
        _label, steps = config.REFLECTION_TEMPLATES.get(entry.data.get("template") or self.reflection_template,
                                                        config.REFLECTION_TEMPLATES["free"])
        labels = {key: self.translate(label) for key, label, _prompt in steps}
        return {
            "id": entry.id, "session": entry.data.get("session"), "at": entry.at, "at_text": self.date_text(entry.at),
            "author": entry.data.get("author_name") or "",
            "parts": [{"label": self.translate(label), "text": parts.get(key, "")}
                      for key, label in config.ENTRY_PARTS if parts.get(key)],
            "reflection": [{"label": labels.get(key, key), "text": text} for key, text in reflection.items() if text],
            "actions": [self._with_due_text(a) for a in entry.data.get("actions", [])],
        }

    def _with_due_text(self, action):
        return {**action, "due_text": self.date_text(action.get("due") or "")}

    def _outcome_context(self, outcome):
        """Where the participant stands. A certificate says apart what no longer can be met
        (`lost`: attendance, or everything once the programme is over), what they can still
        finish (`still`), what counts (`attended`) and whom to talk to (the template). What
        is missing is said to the participant ("give your presentation") and, in the staff
        view, about them ("presentation not given yet")."""
        texts = {
            "attendance": _n("attend %(needed)s more session (%(attended)s of the %(required)s needed so far)",
                             "attend %(needed)s more sessions (%(attended)s of the %(required)s needed so far)"),
            "paper": _("hand in the final paper"),
            "paper_assessment": _("the assessment of your final paper"),
            "paper_insufficient": _("a sufficient final paper (the last version was assessed insufficient)"),
            "presentation": _("give your presentation"),
        }
        staff_texts = {
            "attendance": _n("%(needed)s more session to attend (%(attended)s of the %(required)s needed so far)",
                             "%(needed)s more sessions to attend (%(attended)s of the %(required)s needed so far)"),
            "paper": _("final paper not sent yet"),
            "paper_assessment": _("final paper not assessed yet"),
            "paper_insufficient": _("a sufficient final paper (the last version was assessed insufficient)"),
            "presentation": _("presentation not recorded as given yet"),
        }
        lost_texts = {"attendance": _("%(required)s sessions attended: you attended %(attended)s, and at most "
                                      "%(left)s more can still be recorded")}
        labels = {rules.DIPLOMA: _("Diploma"),
                  rules.CERTIFICATE: _("No diploma; the programme can give a certificate of participation"),
                  rules.NOT_YET: _("Not yet complete")}

        def said(text, missing):
            if isinstance(text, tuple):
                return self.translate_plural(text, missing.get("needed", 0)) % missing
            return self.translate(text) % missing

        def item(missing, table=texts):
            text = table.get(missing["code"], texts[missing["code"]])
            return {"code": missing["code"], "text": said(text, {**missing, "left": outcome.sessions_left})}

        lost, still = [], []
        if outcome.status == rules.CERTIFICATE:
            if outcome.lost_by == rules.LOST_OVER:
                lost = [item(m) for m in outcome.missing]
            else:
                lost = [item(m, lost_texts) for m in outcome.missing if m["code"] == "attendance"]
                still = [item(m) for m in outcome.missing if m["code"] != "attendance"]
        return {"status": outcome.status, "label": self.translate(labels[outcome.status]),
                "missing": [item(m) for m in outcome.missing], "lost": lost, "still": still,
                "missing_for_staff": [said(staff_texts[m["code"]], m) for m in outcome.missing],
                "over": outcome.lost_by == rules.LOST_OVER,
                "attended": outcome.attended, "required": outcome.required}

    def _timeline_context(self, view, sessions, day):
        state_labels = {"done": _("entry written"), "due": _("entry due"), "overdue": _("entry overdue"),
                        "missed": _("no entry"), "upcoming": _("upcoming"), "open": _("no entry yet"),
                        "none": _("no entry expected")}
        rows = []
        for row in view.timeline(sessions, day):
            attended = row["attended"]
            rows.append({**self._localized_session(row["session"]), "state": row["state"],
                         "state_label": self.translate(state_labels[row["state"]]), "entries": row["entries"],
                         "attendance": ("present" if attended else "absent") if attended is not None else "unknown",
                         "attendance_label": self.translate(
                             _("present") if attended else _("absent")) if attended is not None
                         else self.translate(_("not recorded"))})
        return rows

    def _case_context(self, identity, view, drafts, group, sessions, saved_entry=None):
        day = today(self.time_zone)
        drafts = drafts or {}
        entry_draft = drafts.get("entry") or {}
        paper_draft = drafts.get("paper") or {}
        presentation_draft = drafts.get("presentation") or {}
        focus = self.focus_session
        log_sessions = [s for s in sessions if s.log_entry and (not focus or s.number == focus)]
        next_session = next((s for s in log_sessions if not view.entries_for(s.number)), None)
        if next_session is None and log_sessions:
            next_session = log_sessions[-1]
        presentation = view.presentation
        outcome = view.outcome(sessions, self.case_rule, day)
        actions = [self._with_due_text(a) for a in view.actions(day)]
        entries = [self._entry_context(e) for e in view.entries
                   if not focus or e.data.get("session") == focus]
        return {
            "block": self, "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
            "team": self.team_mode, "group": group, "no_team": self.team_mode and group is None,
            "defined": view.defined, "fields": self._field_context(view, drafts),
            "revisions": len(view.definitions),
            "first_revision_at": view.definitions[0].at if view.definitions else None,
            "sessions": [self._localized_session(s) for s in sessions],
            "log_sessions": [{**self._localized_session(s), "seen": view.entries_by(identity.anonymous_id, s.number)}
                             for s in log_sessions],
            "next_session": next_session.number if next_session else None,
            "entry_draft": entry_draft, "entry_parts": [
                {"key": key, "label": self.translate(label), "value": (entry_draft.get("parts") or {}).get(key, "")}
                for key, label in config.entry_parts(self.reflection_template)],
            "reflection_steps": self._reflection_steps(entry_draft),
            "template_name": self.translate(config.REFLECTION_TEMPLATES[self.reflection_template][0])
            if self.reflection_template in config.REFLECTION_TEMPLATES else "",
            "open_actions": [a for a in actions if a["status"] == "open"],
            "actions": actions, "entries": entries,
            # The entry this answer saved: shown open, named beside the form's button.
            "saved_entry": next((en for en in entries if en["id"] == saved_entry), None) if saved_entry else None,
            # Each written session's newest entry shown below: the timeline links to it.
            "timeline": [{**row, "entry_id": {en["session"]: en["id"] for en in entries}.get(row["number"], "")}
                         for row in self._timeline_context(view, sessions, day)],
            "outcome": self._outcome_context(outcome),
            **self._paper_context(view, paper_draft),
            "presentation": presentation.data if presentation else None,
            "presentation_draft": presentation_draft or (presentation.data if presentation else {}),
            "presented": view.presented,
            "comments": [{"text": c.data.get("text", ""), "author": c.data.get("by_name", ""),
                          "role": c.data.get("role", "staff"), "at": c.at, "at_text": self.date_text(c.at),
                          "target": c.data.get("target", "case")}
                         for c in view.comments],
            "shared": view.shared,
            "show_paper": self.require_paper and (not focus or any(s.paper and s.number == focus for s in sessions)),
            "show_presentation": not focus or any(s.presentation and s.number == focus for s in sessions),
            "focus": focus, "max_field": MAX_FIELD, "max_actions": MAX_ACTIONS,
            "today": day.isoformat(), "action_states": [
                {"value": "open", "label": self.translate(_("open"))},
                {"value": "done", "label": self.translate(_("done"))},
                {"value": "dropped", "label": self.translate(_("dropped"))}],
            "element_id": self._element_id(),
        }

    def _body_html(self, identity, view, drafts, group, sessions=None, saved_entry=None):
        sessions = sessions if sessions is not None else self.sessions
        context = self._case_context(identity, view, drafts, group, sessions, saved_entry)
        if group is not None and identity.anonymous_id and not context["no_team"]:
            context["group_html"] = self.group_html(identity, group, self._stores())
        return render_template(self, loader, "templates/case_body.html", {"c": context})

    def _answer(self, identity, view, version, drafts, group, **extra):
        return {"version": version, **extra,
                "html": self._body_html(identity, view, drafts, group, saved_entry=extra.get("entry"))}

    @json_handler(methods=("GET",))
    def case_view(self, data, identity):
        """The case as stored now (the page reloads it after a 409 from another tab)."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        group = self._group(identity) if not identity.is_staff else None
        view, version, drafts = self._case(identity, group)
        return self._answer(identity, view, version, drafts, group)

    # --- Participant handlers ---------------------------------------------------------------
    # Each write runs in the participant's serialised step (core/storage.py) and
    # also takes the course-level case lock (core/course_records.py), because
    # every case block of the course with the same key writes the same case.

    def _write_step(self, identity):
        return course_write(self, identity, self._stores().base)

    def _case_in_step(self, identity, group_required=True):
        """Inside `_write_step`: the stores, the writer's group (a team case needs one) and
        their case as the records say now, so every check a write makes sees the latest."""
        stores = self._stores().keep_reads()
        group = self._group(identity)
        if group_required:
            self._require_group(group)
        view, version, drafts = self._case(identity, group, stores)
        return stores, group, view, version, drafts

    @json_handler(Object({"fields": MapOf(Str(40), FIELD_TEXT, 20)}), writes=True, max_body=MAX_BODY)
    def save_case(self, data, identity):
        """A new revision of the case (the first is kept), and the personal fields."""
        keys = self.field_keys
        unknown = [key for key in data["fields"] if key not in keys]
        if unknown:
            # Only an out-of-date page sends a field the author has since removed; the key
            # itself means nothing to the participant.
            raise HandlerError(400, "unknown_field", _("This case no longer asks for one of these fields. "
                                                       "Copy what you wrote, reload the page and try again."),
                               field="fields")
        fields = {key: tidy(value) for key, value in data["fields"].items()}
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            case_fields = {k: v for k, v in fields.items() if k not in config.PERSONAL_FIELDS or not self.team_mode}
            personal = {k: v for k, v in fields.items() if k in config.PERSONAL_FIELDS and self.team_mode}
            merged = {**view.fields, **case_fields}
            if "title" in keys and not merged.get("title") and (case_fields or not view.defined):
                raise HandlerError(400, "title_required", _("Give your case a title first."), field="fields.title")
            changed = False
            if case_fields and merged != view.fields:
                self._append_case_event(identity, stores, group, {"kind": "definition", "fields": merged,
                                                                  "revision": len(view.definitions) + 1})
                changed = True
            merged_personal = {**view.personal_fields, **personal}
            if personal and merged_personal != view.personal_fields:
                self._append_own(identity, stores, {"kind": "personal", "fields": merged_personal})
                changed = True
            if drafts.get("definition"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "definition": {}}, version)
            if changed:
                self.publish_event("case_saved", {"revision": len(view.definitions) + 1})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group, saved=changed)

    @json_handler(Object({
        "session": Int(1, 99),
        "parts": MapOf(Str(20), FIELD_TEXT, 10),
        "reflection": MapOf(Str(30), FIELD_TEXT, 10),
        "actions": ListOf(Object({"text": Str(1000, min_length=1), "due": Optional(Str(10), "")}, "Action"),
                          MAX_ACTIONS),
        "carried": Optional(MapOf(Str(40), Choice(*model.ACTION_STATES), 200), {}),
        "seen": Int(0, 10_000),
    }), writes=True, max_body=MAX_BODY)
    def log_entry(self, data, identity):
        """A session's log entry: what happened, the reflection, next actions (each with
        a due date); and the status of the actions carried over from earlier entries.

        `seen` is how many entries of this session the writer's page showed as theirs.
        When the records hold another number, this entry was written against an older
        page (a double click, a second tab): 409 `stale_entry`, nothing is stored, and
        the page loads what is there (`case_view`)."""
        sessions = {s.number: s for s in self.sessions}
        session = sessions.get(data["session"])
        if session is None or not session.log_entry:
            raise HandlerError(400, "no_such_session", _("Session %(number)s does not ask for a log entry."),
                               number=data["session"])
        # One structure per entry: parts only where the template asks for them.
        part_keys = {key for key, _label in config.entry_parts(self.reflection_template)}
        _label, steps = config.REFLECTION_TEMPLATES.get(self.reflection_template, config.REFLECTION_TEMPLATES["free"])
        step_keys = {key for key, _l, _p in steps}
        bad = [k for k in data["parts"] if k not in part_keys] + [k for k in data["reflection"] if k not in step_keys]
        if bad:
            raise HandlerError(400, "unknown_part", _("This log entry no longer has one of these parts. "
                                                      "Copy what you wrote, reload the page and try again."),
                               field="parts" if set(bad) - step_keys - set(data["reflection"]) else "reflection")
        actions = []
        for index, action in enumerate(data["actions"]):   # the page names each row by its place in the list sent
            text = tidy(action["text"])
            due = tidy(action["due"])
            if not text:
                raise HandlerError(400, "empty_action", _("Describe each action in a few words."),
                                   field=f"actions[{index}].text")
            if due and not _valid_date(due):
                raise HandlerError(400, "bad_date", _("Choose a date that exists, or leave the date empty."),
                                   field=f"actions[{index}].due")
            actions.append({"id": new_id(), "text": text, "due": due})
        parts = {k: tidy(v) for k, v in data["parts"].items() if tidy(v)}
        reflection = {k: tidy(v) for k, v in data["reflection"].items() if tidy(v)}
        if not parts and not reflection and not actions and not data["carried"]:
            raise _empty_entry()
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            if not view.defined:
                raise HandlerError(409, "case_not_defined", _("Describe your case first."))
            if view.entries_by(identity.anonymous_id, session.number) != data["seen"]:
                raise HandlerError(409, "stale_entry", _("This entry was saved already, in this window or "
                                                         "another one. The page now shows what is stored."))
            current = {a["id"]: a["status"] for a in view.actions(today(self.time_zone))}
            unknown = [action_id for action_id in data["carried"] if action_id not in current]
            if unknown:
                raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
            # The form sends every open action, as "open" unless changed: only a change is written.
            carried = {aid: status for aid, status in data["carried"].items() if current[aid] != status}
            if not parts and not reflection and not actions and not carried:
                raise _empty_entry()
            entry = self._append_case_event(identity, stores, group, {
                "kind": "entry", "session": session.number, "parts": parts, "reflection": reflection,
                "template": self.reflection_template, "actions": actions})
            for action_id, status in carried.items():
                self._append_case_event(identity, stores, group, {
                    "kind": "action_status", "action": action_id, "status": status, "in_entry": entry["id"]})
            if drafts.get("entry"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "entry": {}}, version)
            self.publish_event("entry_logged", {"session": session.number, "actions": len(actions)})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group, entry=entry["id"])

    @json_handler(Object({"action": Str(40, min_length=1), "status": Choice(*model.ACTION_STATES),
                          "note": Optional(Str(1000, multiline=True), "")}), writes=True)
    def set_action_status(self, data, identity):
        """Mark an action done, dropped or open again (a new event; the history stays)."""
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            current = {a["id"]: a["status"] for a in view.actions(today(self.time_zone))}
            if data["action"] not in current:
                raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
            # A note on an unchanged status ("still open: waiting for a date") is kept too.
            if current[data["action"]] != data["status"] or tidy(data["note"]):
                self._append_case_event(identity, stores, group, {"kind": "action_status", "action": data["action"],
                                                                  "status": data["status"],
                                                                  "note": tidy(data["note"])})
                self.publish_event("action_status_changed", {"status": data["status"]})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group)

    @json_handler(Object({"title": Str(300), "date": Str(10), "slides": Str(500)}), writes=True)
    def save_presentation(self, data, identity):
        """The presentation's title, date and a link to the slides."""
        title, day, slides = tidy(data["title"]), tidy(data["date"]), tidy(data["slides"])
        if not title:
            raise HandlerError(400, "empty_title", _("Give the presentation a title."), field="title")
        if day and not _valid_date(day):
            raise HandlerError(400, "bad_date", _("Choose a date that exists, or leave the date empty."),
                               field="date")
        if slides and not URL.match(slides):
            raise HandlerError(400, "bad_link", _("The slides link must start with https:// or http://."),
                               field="slides")
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            self._append_case_event(identity, stores, group, {"kind": "presentation", "title": title, "date": day,
                                                              "slides": slides})
            if drafts.get("presentation"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "presentation": {}}, version)
            self.publish_event("presentation_saved", {})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group)

    @json_handler(Object({"shared": Bool()}), writes=True)
    def share(self, data, identity):
        """Share the case summary and latest entry with the group, or keep it private (the default)."""
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity, group_required=False)
            if view.shared != data["shared"]:
                self._append_own(identity, stores, {"kind": "share", "shared": data["shared"]})
                self.publish_event("shared", {"shared": data["shared"]})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group, shared=data["shared"])

    @json_handler(Object({"key": Choice(*DRAFT_KEYS), "data": MapOf(Str(60), FIELD_TEXT, 40), "version": Int(0)}),
                  writes=True, max_body=MAX_BODY)
    def save_draft(self, data, identity):
        """Autosave: keep what is being typed. `version` must be the one last returned (else 409)."""
        with self._write_step(identity):
            stores = self._stores()
            version, drafts = stores.drafts.read(identity.anonymous_id)
            if data["version"] != version:
                raise HandlerError(409, "stale_version", _("This was changed in another window. "
                                                           "Reload the page to continue with the newest text."))
            draft = _nested_draft(data["key"], data["data"])
            new = {**drafts, data["key"]: draft}
            check_size(new)
            version = stores.drafts.write(identity.anonymous_id, new, version)
            self.publish_event("draft_saved", {"key": data["key"]})
        return {"version": version, "saved_at": timezone.now().isoformat()}

    @json_handler(Object({"format": Optional(Choice("md", "html"), "html")}), methods=("GET",))
    def download(self, data, identity):
        """Everything the participant (or their team) wrote, as one readable document."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        view, sessions = self.participant_case(identity)
        return document.download(self, view, sessions, data["format"])

    def participant_case(self, identity):
        """(case view, sessions): `identity`'s case as this block shows it to them (their
        team's, for a team case), without drafts. The readable download reads it, and so
        does "Mijn leergang" (my_programme/); a few queries, none about other participants.
        Only reads: the group is looked up, never registered (the page does that)."""
        group = self.group_source.group_of(identity) if not identity.is_staff else None
        view, _version, _drafts = self._case(identity, group, with_drafts=False)
        return view, self.sessions

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


def _empty_entry():
    return HandlerError(400, "empty_entry", _("Your entry is empty. Write at least one part of it, a next action, "
                                              "or mark an earlier action done or dropped."))


def _valid_date(text):
    if not DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _nested_draft(key, flat):
    """Drafts arrive flat ('parts.done', 'reflection.action', 'actions'); kept as the form has them."""
    if key != "entry":
        return dict(flat)
    draft = {"parts": {}, "reflection": {}}
    for name, value in flat.items():
        head, _dot, tail = name.partition(".")
        if head in ("parts", "reflection") and tail:
            draft[head][tail] = value
        else:
            draft[name] = value
    return draft
