"""What staff (and a group's mentor) do in a case tracker: the overview of every
participant, attendance (bulk and per participant), the presentation given,
comments, the paper assessment, the CSV and the platform's report.

The overview reads the summary row every participant write leaves (stores.py;
each participant's newest) and the staff records about them, and never folds
every event of every participant (its rows: overview_rows.py).

Mentors: a mentor assigned to a group (core/groups.py, `Group.has_mentor`)
reads that group's cases and comments on them; nothing else. Staff do all.
"""

import contextlib

from xblock.utils.resources import ResourceLoader

from ..core import dates, platform, scores
from ..core.course_records import course_write
from ..core.export import csv_format, csv_response, filename_part, local_date
from ..core.handlers import Bool, Choice, HandlerError, Int, MapOf, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.platform import username_lookup
from ..core.rendering import render_template
from ..core.text import tidy
from . import rule as rules
from .attendance import AttendanceMixin
from . import score_carrier
from .overview_html import rows_html
from .overview_rows import OverviewRowsMixin
from .paper_progress import Texts as PaperTexts
from .model import CaseView, Event

loader = ResourceLoader(__name__)
PARTICIPANT = Str(200, min_length=1)
MAX_COMMENT = 5000
MAX_BULK = 5000   # participants in one attendance save (the programmes have cohorts of 8 to 100)
EXPORT_QUERY = Object({"names": Optional(Choice("0", "1"), "0"), "format": Optional(Choice("nl", "en"), None)})
# The programme (VU, 001) says a certificate of participation *can* be given: the tracker
# gives none, and says so. A programme that awards nothing (show_outcome off) has no status.
STATUS_LABELS = {rules.DIPLOMA: _("Diploma"), rules.CERTIFICATE: _("No diploma; the programme can give a certificate of participation"),
                 rules.NOT_YET: _("Not yet complete")}
# The overview's columns, as the header names them (templates/staff_overview.html) and a
# phone shows them before each cell of a stacked row.
OVERVIEW_COLUMNS = {"group": _("Team"), "status": _("Status"), "paper": _("Paper"), "presented": _("Presented"),
                    "title": _("Case"), "last": _("Last entry"), "entries": _("Entries"),
                    "overdue": _("Overdue actions"), "open": _("Open")}


def _staff_or_a_mentor(block):
    """Before the body is read: staff, or someone who mentors a group (one query on their
    own index row). Which participant they may read is checked after (`_authorize_case_reader`)."""
    identity = platform.current_identity(block)
    if identity.is_staff:
        return
    if not identity.is_authenticated or not block.group_source.groups_mentored_by(identity):
        raise HandlerError(403, "not_your_mentee", _("You can only see the cases of the groups you mentor."))


def _staff_identity(anonymous_id):
    return platform.Identity(anonymous_id, None, "", False)


class StaffMixin(OverviewRowsMixin, AttendanceMixin):
    """Mixed into CaseBlock."""

    # --- Who may see a participant's case -----------------------------------------------

    def _group_of_participant(self, anonymous_id):
        try:
            return self.group_source.group_of(_staff_identity(anonymous_id))
        except Exception:  # noqa: BLE001 - an unknown user has no group
            return None

    def _authorize_case_reader(self, identity, anonymous_id):
        """Staff read every case; a mentor only the cases of the groups they mentor."""
        if identity.is_staff:
            return "staff"
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        group = self._group_of_participant(anonymous_id)
        if group is not None and self.group_source.mentored_group(identity, group.id) is not None:
            return "mentor"
        raise HandlerError(403, "not_your_mentee", _("You can only see the cases of the groups you mentor."))

    MAX_USER_LOOKUPS = 20

    def _refuse_unknown_participants(self, ids):
        """Staff act on people this course knows: who wrote in their case, whom staff
        recorded something about, who opened a block of the group set or was placed in
        one of its groups, or whom the platform's user service knows. A mistyped or made-up id would otherwise
        become an overview row and a CSV line of its own. Batched: a bulk save of the
        whole cohort costs a few queries; only the rest is asked of the user service."""
        ids = list(ids)
        stores = self._stores()
        known = stores.with_case(ids) | stores.with_staff_records(ids)
        source = self.group_source
        rest = [aid for aid in ids if aid not in known]
        if rest and source.managed_here:  # on the roster, or placed in a group by staff
            known |= (set(source.store.roster_ids()) | source.store.latest().grouped_ids()) & set(rest)
            rest = [aid for aid in rest if aid not in known]
        for aid in rest[:self.MAX_USER_LOOKUPS]:
            if platform.django_user_of(self, aid) is None:
                raise HandlerError(404, "no_such_participant", _("There is no participant '%(id)s' in this course."),
                                   id=aid[:60])
        if len(rest) > self.MAX_USER_LOOKUPS:
            raise HandlerError(404, "no_such_participant", _("There is no participant '%(id)s' in this course."),
                               id=rest[self.MAX_USER_LOOKUPS][:60])

    def _participant_case(self, anonymous_id):
        """A participant's case as staff see it (their records, their team's, staff records)."""
        stores = self._stores()
        own = stores.own_events(anonymous_id)
        staff = stores.staff_events(anonymous_id)
        group = self._group_of_participant(anonymous_id) if self.team_mode else None
        team = stores.team_events(group) if group is not None else []
        view = CaseView.fold(team if self.team_mode else own, own if self.team_mode else (), staff)
        return view, group

    def _team_members(self, anonymous_id):
        """Who a staff record about a team case concerns: every member of the team (or just them)."""
        if not self.team_mode:
            return [anonymous_id]
        group = self._group_of_participant(anonymous_id)
        return [m.anonymous_id for m in group.members] if group is not None else [anonymous_id]

    def _staff_append(self, identity, anonymous_id, data, role="staff"):
        stores = self._stores()
        stores.staff.append(anonymous_id, {**data, "by": identity.anonymous_id or "", "role": role,
                                           "by_name": identity.display_name or identity.username or ""}, None)

    def update_score(self, anonymous_id, view, set_by, target=None):
        """Set the participant's grade from their case as it is now, when it changed: in this
        block when it is scored, else in the copy of the case that is (case/score_carrier.py),
        so a change made in any copy reaches the grade. Through edx-submissions' set_score
        (core/scores.py), never the runtime's `grade` event, which would grade whoever makes
        the request. `target`: the carrier, when the caller looked it up already."""
        if self.has_score:
            score_carrier.register(self)
        target = target or score_carrier.carrier(self)
        if target is None:
            return False
        outcome = view.outcome(self.sessions, target["rule"], _today(self.time_zone))
        basis = {"case_key": self.case_key, "status": outcome.status,
                 "missing": [m["code"] for m in outcome.missing], "attended": outcome.attended}
        return scores.set_learner_score(self, anonymous_id, round(outcome.score * target["weight"]),
                                        target["weight"], basis, set_by, item_id=target["item_id"])

    def _update_score_for(self, anonymous_id, identity, target=None):
        """After staff changed what a participant's score rests on: read their case and set
        the score under their course-level case lock (core/course_records.py), so a write of
        theirs at the same moment either comes first and is seen here, or waits and sees
        what staff recorded. Callers with several participants go in sorted order."""
        target = target or score_carrier.carrier(self)
        if target is None:
            return False
        with course_write(self, _staff_identity(anonymous_id), self._stores().base):
            view, _group = self._participant_case(anonymous_id)
            return self.update_score(anonymous_id, view, identity.anonymous_id, target)

    # --- The overview (its rows: overview_rows.py) ------------------------------------

    def staff_panel_html(self):
        return render_template(self, loader, "templates/staff_panel.html", {"element_id": self._element_id()})

    @json_handler(Object({"names": Optional(Choice("0", "1"), "1")}), methods=("GET",), staff_only=True)
    def staff_overview(self, data, identity):
        """Every participant's case at a glance, as data and as the table's HTML."""
        sessions = self.sessions
        rows = self.overview_rows(with_names=data["names"] == "1")
        # Every label is translated once here: a {% trans %} per table cell merges the
        # catalog again for each (xblock.utils' tag), which took 30 s for 2,000 rows.
        status_labels = {key: self.translate(text) for key, text in STATUS_LABELS.items()}
        paper_texts = PaperTexts(self.translate)
        present = self.translate(_("Attendance of %(name)s in session %(n)s"))
        state_labels = {"unrecorded": self.translate(_("not recorded")), "present": self.translate(_("present")),
                        "absent": self.translate(_("absent"))}
        gave = self.translate(_("%(name)s gave the presentation"))

        session_column = self.translate(_("S%(n)s"))
        language, zone_name = self.language, self.time_zone   # once, not per row
        columns = {key: self.translate(text) for key, text in OVERVIEW_COLUMNS.items()}

        def shown(row):
            name = row["name"] or row["id"]
            return {**row, "status_label": status_labels[row["status"]] if self.show_outcome else "",
                    "paper_label": paper_texts.label(row["paper_status"], row["readers_in"]),
                    "entry_total": sum(row["entries"].values()), "presented_label": gave % {"name": name},
                    "last_text": dates.date_text(row["last_entry_at"], language, zone_name),
                    "attendance_list": [{"number": s.number, "value": row["attendance"][s.number],
                                         "column": session_column % {"n": s.number},
                                         "label": present % {"name": name, "n": s.number}} for s in sessions]}

        shown_rows = [shown(r) for r in rows]
        context = {"rows": shown_rows, "awards": self.show_outcome,
                   "rows_html": rows_html(shown_rows, self.team_mode, self.translate(_("Open case")), state_labels,
                                          columns, awards=self.show_outcome),
                   "sessions": [{"number": s.number, "theme": self.localized(s.theme), "date": s.date,
                                 "date_text": self.date_text(s.date),
                                 "counts": s.counts} for s in sessions],
                   "team": self.team_mode, "element_id": self._element_id()}
        return {"rows": rows, "html": render_template(self, loader, "templates/staff_overview.html", {"o": context})}

    # --- Staff records ------------------------------------------------------------------

    @json_handler(Object({"session": Int(1, 99), "present": MapOf(PARTICIPANT, Bool(), MAX_BULK)}),
                  staff_only=True, writes=True, max_body=MAX_BULK * 300)
    def record_attendance(self, data, identity):
        """Attendance for one session: the whole cohort at once (up to MAX_BULK), or one participant.
        Stored in a few bulk statements, whatever the cohort's size. Every participant
        concerned is locked first, in sorted order, as the grid does: the staff summaries'
        lock (case/staff_summary.py) always comes after the participants' locks, so this
        save and a single staff record at the same moment cannot wait for each other."""
        if data["session"] not in {s.number for s in self.sessions}:
            raise HandlerError(400, "no_such_session", _("There is no session %(number)s."), number=data["session"])
        if not data["present"]:
            raise HandlerError(400, "nobody", _("Choose at least one participant."))
        self._refuse_unknown_participants(data["present"])
        by = {"by": identity.anonymous_id or "", "role": "staff",
              "by_name": identity.display_name or identity.username or ""}
        with contextlib.ExitStack() as held:
            base = self._stores().base
            for aid in sorted(data["present"]):
                held.enter_context(course_write(self, _staff_identity(aid), base))
            self._stores().append_many_staff({aid: {"kind": "attendance", "session": data["session"],
                                                    "present": present, **by}
                                              for aid, present in data["present"].items()})
        scores_set = 0
        target = score_carrier.carrier(self)   # this copy, or the copy of the case that is scored
        if target is not None:
            # With a paper required, only a participant with a case can reach the diploma:
            # the others' score stays 0 whatever their attendance.
            ids = list(data["present"])
            candidates = self._stores().with_case(ids) if target["rule"].require_paper else ids
            scores_set = sum(1 for aid in sorted(candidates) if self._update_score_for(aid, identity, target))
        self.publish_event("attendance_recorded", {"session": data["session"], "count": len(data["present"])})
        return {"recorded": len(data["present"]), "scores_set": scores_set}

    @json_handler(Object({"participant": PARTICIPANT, "presented": Bool()}), staff_only=True, writes=True)
    def record_presented(self, data, identity):
        """Whether the participant (for a team case: the whole team) gave the presentation."""
        self._refuse_unknown_participants([data["participant"]])
        members = self._team_members(data["participant"])
        for aid in members:
            self._staff_append(identity, aid, {"kind": "presented", "presented": data["presented"]})
        for aid in sorted(members):
            self._update_score_for(aid, identity)
        self.publish_event("presented_recorded", {"presented": data["presented"], "count": len(members)})
        return {"recorded": len(members)}

    @json_handler(Object({"participant": PARTICIPANT, "target": Optional(Str(60), "case"),
                          "text": Str(MAX_COMMENT, min_length=1, multiline=True)}), writes=True,
                  authorize=_staff_or_a_mentor)
    def comment(self, data, identity):
        """A comment on a case or one entry (staff, or the mentor of the participant's group).
        The participant (for a team case: every member) sees it with their case."""
        role = self._authorize_case_reader(identity, data["participant"])
        self._refuse_unknown_participants([data["participant"]])
        text = tidy(data["text"])
        if not text:
            raise HandlerError(400, "empty_text", _("Write a few words first."), field="text")
        members = self._team_members(data["participant"])
        for aid in members:
            self._staff_append(identity, aid, {"kind": "comment", "target": data["target"], "text": text}, role)
        self.publish_event("comment_added", {"role": role, "length": len(text)})
        return {"saved": True, "html": self._staff_case_html(data["participant"], role)}

    def _staff_case_html(self, anonymous_id, role):
        view, group = self._participant_case(anonymous_id)
        sessions = self.sessions
        context = self._case_context(_staff_identity(anonymous_id), view, {}, group, sessions)
        return render_template(self, loader, "templates/staff_case.html",
                               {"c": context, "participant": anonymous_id, "role": role,
                                "paper_id": view.paper.id if view.paper else "", "max_comment": MAX_COMMENT,
                                "reading": self.reading_context(view, platform.current_identity(self))
                                if role == "staff" and view.paper else None})

    @json_handler(Object({"participant": PARTICIPANT}), methods=("GET",), authorize=_staff_or_a_mentor)
    def staff_case(self, data, identity):
        """One participant's case, for staff and for the mentor of their group."""
        role = self._authorize_case_reader(identity, data["participant"])
        self._refuse_unknown_participants([data["participant"]])
        return {"html": self._staff_case_html(data["participant"], role), "role": role}

    @json_handler(methods=("GET",))
    def mentor_groups(self, data, identity):
        """The groups the asker mentors, with their members' case titles (mentors only)."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        groups = self.group_source.groups_mentored_by(identity)
        if not groups:
            raise HandlerError(403, "not_a_mentor", _("You do not mentor a group in this course."))
        result = self.mentor_overview(groups)
        return {"groups": result, "html": render_template(self, loader, "templates/mentor_panel.html",
                                                           {"groups": result, "team": self.team_mode})}

    def mentor_overview(self, groups):
        """The mentored groups with their members' case titles: two queries per group."""
        stores = self._stores()
        result = []
        for group in groups:
            views = self._members_views(group, stores)
            team_view = CaseView.fold(stores.team_events(group)) if self.team_mode else None
            result.append({"id": group.id, "name": group.name, "team_title": team_view.title if team_view else "",
                           "members": [{"id": m.anonymous_id, "name": m.display_name,
                                        "title": (views[m.anonymous_id].title if m.anonymous_id in views else "")}
                                       for m in group.members]})
        return result

    def mentor_panel_html(self, identity):
        """The mentor's panel in the participant view, or "" for everyone who mentors no group
        (one query on the asker's own index row)."""
        if not identity.anonymous_id or identity.is_staff:
            return ""
        groups = self.group_source.groups_mentored_by(identity)
        if not groups:
            return ""
        return render_template(self, loader, "templates/mentor_panel.html",
                               {"groups": self.mentor_overview(groups), "team": self.team_mode})

    # --- CSV and the platform's report ---------------------------------------------------

    @json_handler(EXPORT_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """The overview as CSV: anonymous ids unless `names=1`."""
        fmt = csv_format(data.get("format"), self.language)
        zone_name = self.time_zone
        sessions = self.sessions
        name_of = username_lookup(self) if data["names"] == "1" else (lambda anonymous_id: anonymous_id)
        t = self.translate
        yes, no = t(_("yes")), t(_("no"))
        paper_texts = PaperTexts(t)
        header = ([t(_("participant")), t(_("group")), t(_("case title")),
                   t(_("last entry (%(timezone)s)")) % {"timezone": dates.zone_label(zone_name)}]
                  + [t(_("entries session %(number)s")) % {"number": s.number} for s in sessions]
                  + [t(_("attended session %(number)s")) % {"number": s.number} for s in sessions]
                  + [t(_("open actions")), t(_("overdue actions")), t(_("paper")), t(_("words")), t(_("presented"))]
                  + ([t(_("status")), t(_("missing"))] if self.show_outcome else [])
                  + [t(_("shared with group"))])

        def cell(value):
            return "" if value is None else (yes if value else no)

        def rows():
            for row in self.overview_rows(with_names=False):
                yield ([name_of(row["id"]), row["group"], row["title"],
                        dates.csv_moment(row["last_entry_at"], zone_name)]
                       + [row["entries"][s.number] for s in sessions]
                       + [cell(row["attendance"][s.number]) for s in sessions]
                       + [row["open_actions"], row["overdue_actions"],
                          paper_texts.label(row["paper_status"], row["readers_in"]),
                          row["words"], cell(row["presented"])]
                       + ([t(STATUS_LABELS[row["status"]]), ", ".join(row["missing"])] if self.show_outcome else [])
                       + [cell(row["shared"])])

        filename = f"{filename_part(self.display_name, 'case')}_{local_date(zone_name=zone_name)}.csv"
        return csv_response(filename, header, rows(), fmt, zone_name=zone_name)

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's instructor "problem response" report: one per participant
        who wrote in their case, with the status the records give now."""
        count = 0
        stores = self._stores()
        sessions = self.sessions
        for user_state in user_state_iterator:
            copy = user_state.state.get("case_report") or {}
            aid = copy.get("anonymous_id")
            if not aid:
                continue
            view = CaseView.fold((), (), stores.staff_events(aid))
            if copy.get("paper"):
                view.papers = [Event("paper", {}, aid, None, copy["paper"])]
            outcome = view.outcome(sessions, self.case_rule, _today(self.time_zone))
            report = {
                "case title": copy.get("title", ""), "entries": sum(copy.get("entries", {}).values()),
                "last entry": dates.csv_moment(copy.get("last_entry_at", ""), self.time_zone),
                "paper": view.paper_status, "words": copy.get("words", 0),
                "attended": outcome.attended, "presented": view.presented}
            if self.show_outcome:
                report.update({"status": outcome.status, "missing": ", ".join(m["code"] for m in outcome.missing)})
            yield (user_state.username, report)
            count += 1
            if limit_responses is not None and count >= limit_responses:
                return


def _today(zone_name):
    from .block import today
    return today(zone_name)

