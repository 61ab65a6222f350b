"""What a participant sees of the case tracker: the page (`student_view`), the case
body every full answer renders from the same template, and `case_view`, the body as
stored now (the page reloads it after a conflict). Mixed into CaseBlock (block.py).
"""
from xblock.core import XBlock
from xblock.utils.resources import ResourceLoader

from ..core import completion
from ..core.handlers import HandlerError, json_handler
from ..core.i18n import _, _n
from ..core.rendering import view_fragment
from . import config, score_carrier
from . import rule as rules
from .case_body import CaseBody

loader = ResourceLoader(__name__)


class ParticipantViewMixin:
    """The participant's page and the case body it shows."""

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

    def _case_context(self, identity, view, drafts, group, sessions):
        """What the staff's view of one case shows (case/staff.py)."""
        return CaseBody(self, identity, view, drafts, group, sessions).full_context()

    def _body_html(self, identity, view, drafts, group, sessions=None):
        return CaseBody(self, identity, view, drafts, group, sessions).html()

    def _answer(self, identity, view, version, drafts, group, **extra):
        """The whole body: for `case_view`, which the page loads after a conflict."""
        return {"version": version, **extra, "html": self._body_html(identity, view, drafts, group)}

    def _regions_answer(self, identity, view, version, drafts, group, regions, sessions=None, **extra):
        """A write's answer: only the regions of the body it changed (case_body.py), each as
        the page has it, and the small data the page's script uses."""
        body = CaseBody(self, identity, view, drafts, group, sessions)
        answer = {"version": version, **extra, "regions": body.regions([n for n in regions if n != "group"])}
        if "group" in regions and group is not None:   # group.py's part, marked data-region="group"
            answer["regions"]["group"] = self.group_html(identity, group, self._stores())
        if extra.get("entry"):
            answer["saved_note"] = body.saved_entry_html(extra["entry"])
        return answer

    @json_handler(methods=("GET",))
    def case_view(self, data, identity):
        """The case as stored now (the page reloads it after a 409 from another tab)."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        group = self._group(identity) if not identity.is_staff else None
        view, version, drafts = self._case(identity, group)
        return self._answer(identity, view, version, drafts, group)
