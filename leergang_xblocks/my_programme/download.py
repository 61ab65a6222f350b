"""One download of everything a participant wrote in every leergang block of the course
(the AVG right of access in one click): JSON, and a readable HTML page.

Each block's part is that block's own participant export, `personal_data(identity)`
(the same data its "Download my data in this block" link gives), so what a block
holds back (another person's name in an anonymous round, a note while staff view as
the participant) stays held back here. The HTML adds the readable case document of
the case tracker (case/document.py) and the journey as the block shows it.

Every text is escaped in the HTML (Django's autoescape in the templates, `html.escape`
in the data tree below); the JSON is data, never markup.
"""
import datetime
import html

from django.utils.safestring import mark_safe
from webob import Response

from ..case import document
from ..core.course_blocks import leergang_blocks_of_course
from ..core.export import filename_part, json_download, local_date
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.rendering import render_template

CASE = "leergang_case"
MAX_DEPTH = 12


def _parts(block, identity):
    """[(block, its personal_data)] for every leergang block of the course, in course order."""
    return [(other, other.personal_data(identity)) for other in leergang_blocks_of_course(block)]


def _filename(block, extension):
    name = filename_part(block.translate(_("My programme")), "my-programme")
    return f"{name}_{local_date(zone_name=block.time_zone)}.{extension}"


def json_file(block, identity):
    return json_download(_filename(block, "json"), {
        "participant": identity.anonymous_id,
        "made_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "blocks": [{"block_type": other.scope_ids.block_type, "title": other.shown_display_name, "data": data}
                   for other, data in _parts(block, identity)],
    })


def html_file(block, identity, journey_html, loader):
    sections = []
    seen_cases = set()
    for other, data in _parts(block, identity):
        readable = []
        if other.scope_ids.block_type == CASE and other.case_key not in seen_cases:
            seen_cases.add(other.case_key)
            try:
                view, sessions = other.participant_case(identity)
                readable = document.sections(other, view, sessions)
            except HandlerError:
                readable = []  # a case block not set up correctly: its stored data below is all there is
        sections.append({"title": other.shown_display_name, "readable": readable,
                         "data_html": mark_safe(data_tree(data))})  # noqa: S308 - every value escaped
    page = render_template(block, loader, "templates/download.html", {
        "block": block, "language": block.language, "journey_html": journey_html, "sections": sections,
        "made_on": block.date_text(datetime.datetime.now(datetime.timezone.utc)),
    })
    return Response(body=page.encode("utf-8"), content_type="text/html", charset="utf-8",
                    content_disposition=f'attachment; filename="{_filename(block, "html")}"')


def data_tree(value, depth=0):
    """A block's stored data as nested lists, every key and value escaped."""
    if depth > MAX_DEPTH:
        return html.escape(str(value))
    if isinstance(value, dict):
        if not value:
            return "<span>-</span>"
        items = "".join(f"<dt>{html.escape(str(key))}</dt><dd>{data_tree(item, depth + 1)}</dd>"
                        for key, item in value.items())
        return f"<dl>{items}</dl>"
    if isinstance(value, (list, tuple)):
        if not value:
            return "<span>-</span>"
        return "<ol>" + "".join(f"<li>{data_tree(item, depth + 1)}</li>" for item in value) + "</ol>"
    if value is None or value == "":
        return "<span>-</span>"
    lines = str(value).split("\n")
    return "<br>".join(html.escape(line) for line in lines)
