"""Mijn leergang (`leergang_my_programme`): a participant's own journey across the course.

It finds the course's other leergang blocks itself (core/course_blocks.py) and shows
what each holds of this participant: their case timeline and actions, the feedback they
received and gave, their positions and reflections in dilemmas, their trust-scan
results over time, and what is still open this week. One download gives everything
they wrote in every leergang block of the course (HTML and JSON): the AVG export.

It stores nothing of its own. Where things are: reading the other blocks, journey.py;
the view's context, views.py; the download, download.py.
"""
from xblock.core import XBlock
from xblock.fields import Scope, String
from xblock.utils.resources import ResourceLoader

from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.handlers import Choice, HandlerError, Object, Optional, json_handler
from ..core.i18n import _
from ..core.validation import Problem
from . import download, journey, views

loader = ResourceLoader(__name__)


@needs_services
class MyProgrammeBlock(LeergangBlockMixin, XBlock):
    """Shows a participant their own journey across the course's leergang blocks."""

    display_name = String(display_name=_("Display name"), default=_("My programme"), scope=Scope.settings)
    intro = String(
        display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True,
        help=_("Shown above the overview. Plain text: say what participants find here."),
    )

    editable_fields = ("display_name", "intro")
    event_names = ("downloaded",)
    # Nothing to do here: the LMS marks it complete when it is viewed.
    has_custom_completion = False

    def settings_problems(self, data):
        if not (data.display_name or "").strip():
            return [Problem(("display_name",), _("Write a name for this block."))]
        return []

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        return views.student_view(self, loader, self.identity)

    def student_view_data(self, context=None):
        return {"display_name": self.display_name, "intro": self.intro}

    @json_handler(methods=("GET",))
    def journey(self, data, identity):
        """The participant's journey as data and its HTML (the page's refresh)."""
        found = journey.read(self, identity)
        return {"open": len(found["open"]), "cases": len(found["cases"]), "rounds": len(found["rounds"]),
                "dilemmas": len(found["dilemmas"]), "scans": len(found["scans"]),
                "html": views.journey_html(self, loader, found)}

    @json_handler(Object({"format": Optional(Choice("html", "json"), "html")}), methods=("GET",))
    def download(self, data, identity):
        """Everything the participant wrote in every leergang block of the course."""
        if not identity.anonymous_id:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        self.publish_event("downloaded", {"format": data["format"]})
        if data["format"] == "json":
            return download.json_file(self, identity)
        return download.html_file(self, identity, views.journey_html(self, loader, journey.read(self, identity)),
                                  loader)

    def personal_data(self, identity):
        """This block stores nothing about anyone: its download is every other block's."""
        return {}

    def participant_stores(self, course_id, item_id):
        return []

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
