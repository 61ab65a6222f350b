"""The programme overview (`leergang_programme`): staff place it in a unit visible to
staff only; it finds every leergang block of its course itself (course_blocks.py) and
shows one row per participant and one per group across all of them.

This module holds the fields and the wiring only: reading (reading.py), who may read
what (access.py), the HTML (views.py) and the CSV and report rows (export_rows.py)
live beside it. It writes nothing, so it has no participant stores and nothing to
clear, and no other block reads or calls anything of it.
"""
from xblock.core import XBlock
from xblock.fields import Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.export import csv_format, csv_response, filename_part, local_date
from ..core.handlers import Choice, HandlerError, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from ..core.validation import Problem
from . import access, export_rows, reading, tables, views
from .course_blocks import find_course_blocks

loader = ResourceLoader(__name__)
EXPORT_QUERY = Object({"names": Optional(Choice("0", "1"), "0"), "format": Optional(Choice("nl", "en"), None)})
PARTICIPANT_QUERY = Object({"participant": Str(200, min_length=1)})


def _staff_or_a_mentor(block):
    """Before anything else is read: staff, or someone who mentors a group."""
    access.reader_of(platform.current_identity(block), find_course_blocks(block))


@needs_services
class ProgrammeBlock(LeergangBlockMixin, XBlock):
    """One overview of the whole programme for its staff (and a mentor's own groups)."""

    display_name = String(display_name=_("Display name"), default=_("Programme overview"), scope=Scope.settings)

    editable_fields = ("display_name",)
    event_names = ("overview_viewed", "overview_exported")
    has_custom_completion = False
    # A staff tool: "View as: Specific learner" shows the learner nothing here.
    show_in_read_only_mode = True

    def settings_problems(self, data):
        if not (data.display_name or "").strip():
            return [Problem(("display_name",), _("Write a name for this block."))]
        return []

    def _element_id(self):
        return "programme-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    def _overview(self, reader, with_names=True):
        return access.visible(reading.build(self, find_course_blocks(self), with_names=with_names), reader)

    # --- Views ---------------------------------------------------------------------------

    def student_view(self, context=None):
        identity = self.identity
        context = {"block": self, "element_id": self._element_id(), "o": None, "refusal": ""}
        found = find_course_blocks(self)
        try:
            reader = access.reader_of(identity, found)
        except HandlerError as refusal:
            context["refusal"] = self.translate(refusal.message)
            reader = None
        if reader is not None:
            overview = access.visible(reading.build(self, found), reader)
            context["o"] = self._page_context(overview, reader)
        return view_fragment(self, loader, "templates/programme.html", context,
                             js_files=["static/programme.js"], css_files=["static/programme.css"],
                             init_fn="LeergangProgramme", init_args={})

    def _page_context(self, overview, reader):
        labels = views.Labels(self)
        return {"overview": overview, "labels": labels, "mentor": not reader.sees_everything,
                "sessions": views.session_headers(overview.sessions, labels),
                "tables": tables.tables(self, overview, labels),
                "behind_labels": labels.behind, "count": len(overview.participants)}

    def student_view_data(self, context=None):
        return {"display_name": self.display_name}

    # --- Handlers ------------------------------------------------------------------------

    @json_handler(methods=("GET",), authorize=_staff_or_a_mentor)
    def overview(self, data, identity):
        """The overview as data: every participant's row and every group's."""
        found = find_course_blocks(self)
        reader = access.reader_of(identity, found)
        built = access.visible(reading.build(self, found), reader)
        self.publish_event("overview_viewed", {"role": reader.role, "participants": len(built.participants)})
        # Data only: the page's tables come with the view (student_view), never twice in memory.
        return {"role": reader.role, "sessions": built.sessions, "cases": built.cases, "rounds": built.rounds,
                "dialogues": built.dialogues,
                "scans": built.scans, "participants": built.participants, "groups": built.groups}

    @json_handler(PARTICIPANT_QUERY, methods=("GET",), authorize=_staff_or_a_mentor)
    def participant(self, data, identity):
        """One participant across the programme (the detail a row opens)."""
        found = find_course_blocks(self)
        reader = access.reader_of(identity, found)
        built, row = reading.build_participant(self, found, data["participant"])
        built.participants = [row] if row is not None else []
        built = access.visible(built, reader)   # a mentor: their groups' participants only
        row = built.participants[0] if built.participants else None
        if row is None:
            raise HandlerError(404, "no_such_participant", _("There is no participant '%(id)s' in this course."),
                               id=data["participant"][:60])
        detail = views.detail_context(built, row, views.Labels(self))
        return {"participant": row, "html": render_template(self, loader, "templates/detail.html",
                                                            {"d": detail, "element_id": self._element_id()})}

    @json_handler(EXPORT_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """The overview as CSV: anonymous ids unless `names=1`; the groups below the participants."""
        with_names = data["names"] == "1"
        fmt = csv_format(data.get("format"), self.language)
        zone_name = self.time_zone
        built = self._overview(access.Reader(access.STAFF), with_names=with_names)
        username_of = platform.username_lookup(self) if with_names else (lambda aid: aid)
        usernames = _known_usernames(self) if with_names else {}
        t = self.translate
        self.publish_event("overview_exported", {"names": with_names, "participants": len(built.participants)})
        filename = f"{filename_part(self.display_name, 'programme')}_{local_date(zone_name=zone_name)}.csv"
        return csv_response(filename, export_rows.header(built, t, with_names),
                            export_rows.participant_rows(built, t, with_names,
                                                         lambda aid: usernames.get(aid) or username_of(aid), zone_name),
                            fmt, export_rows.group_table(built, t), zone_name=zone_name)

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's instructor "problem responses" report. The overview keeps no
        learner state (participants never open it), so the rows are the overview's
        participants, by the username the package's own table knows (or the anonymous id)."""
        built = self._overview(access.Reader(access.STAFF), with_names=False)
        usernames = _known_usernames(self)
        for count, row in enumerate(built.participants):
            if limit_responses is not None and count >= limit_responses:
                return
            yield (usernames.get(row["id"]) or row["id"], export_rows.report_row(built, row, self.time_zone))

    # --- Own data: the overview writes nothing about anyone ------------------------------

    def personal_data(self, identity):
        return {}

    def participant_stores(self, course_id, item_id):
        return []

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS


def _known_usernames(block):
    """{anonymous id: username} from the package's own table: one streamed query."""
    from ..stores.api import participants
    return {aid: user for aid, (user, _full) in participants.names(platform.course_id(block)).items() if user}
