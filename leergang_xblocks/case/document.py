"""Everything a participant (or their team) wrote in the case, as one readable
document: Markdown or a self-contained HTML page, in the reader's language.

Built from the same folded view the block shows; every text from a participant
is escaped in the HTML and in the Markdown (no markup of theirs is ever interpreted).
"""
import html

from webob import Response

from ..core.export import filename_part, local_date, markdown_paragraphs, markdown_text
from ..core.i18n import _
from . import config, paper_files


def sections(block, view, sessions):
    """[(heading, [(label, text)])] in reading order, translated."""
    t = block.translate
    out = []
    fields = {**view.fields, **view.personal_fields}
    case_items = [(t(config.CASE_FIELDS[key][0]), fields.get(key, "")) for key in block.field_keys
                  if fields.get(key)]
    out.append((t(_("The case")), case_items))
    if len(view.definitions) > 1:
        first = view.first_fields
        out.append((t(_("First version of the case (%(date)s)")) % {"date": block.date_text(view.definitions[0].at)},
                    [(t(config.CASE_FIELDS[key][0]), first.get(key, "")) for key in block.field_keys
                     if first.get(key)]))
    themes = {s.number: block.localized(s.theme) for s in sessions}
    steps = {}
    for key, (_label, template_steps) in config.REFLECTION_TEMPLATES.items():
        for step_key, label, _prompt in template_steps:
            steps[step_key] = t(label)
    actions = {a["id"]: a for a in view.actions()}   # only their status is read here
    for entry in view.entries:
        number = entry.data.get("session")
        heading = (t(_("Session %(number)s: %(theme)s")) % {"number": number, "theme": themes[number]}
                   if themes.get(number) else t(_("Session %(number)s")) % {"number": number})
        items = [(t(label), entry.data.get("parts", {}).get(key, "")) for key, label in config.ENTRY_PARTS
                 if entry.data.get("parts", {}).get(key)]
        items += [(steps.get(key, key), text) for key, text in entry.data.get("reflection", {}).items() if text]
        for action in entry.data.get("actions", []):
            status = actions.get(action.get("id"), {}).get("status", "open")
            due = f" ({t(_('due'))} {block.date_text(action['due'])})" if action.get("due") else ""
            items.append((t(_("Action")), f"{action.get('text', '')}{due}: {t(status)}"))
        author = entry.data.get("author_name")
        if author and block.team_mode:
            items.append((t(_("Written by")), author))
        out.append((f"{heading} ({block.date_text(entry.at)})", items))
    agreed = [a for a in actions.values() if a["origin"]]
    if agreed:
        due_word = t(_("due"))
        out.append((t(_("Actions agreed in feedback rounds")),
                    [(a["origin_name"] or t(_("Feedback round")),
                      a["text"] + (f" ({due_word} {block.date_text(a['due'])})" if a["due"] else "") + f": {t(a['status'])}")
                     for a in agreed]))
    if view.paper is not None:
        paper = view.paper.data
        out.append((t(_("Final paper")), [(t(_("Text")), paper.get("text", "")),
                                          (t(_("Reflection")), paper.get("reflection", "")),
                                          (t(_("Words")), str(paper.get("words", 0)))]
                    + _file_items(block, view)))
        assessment = view.paper_assessment
        if assessment is not None:
            out.append((t(_("Assessment")), [(t(_("Result")), t(assessment.data.get("result", ""))),
                                             (t(_("Feedback")), assessment.data.get("feedback", ""))]))
    if view.presentation is not None:
        data = view.presentation.data
        out.append((t(_("Presentation")), [(t(_("Title")), data.get("title", "")),
                                           (t(_("Date")), block.date_text(data.get("date", ""))),
                                           (t(_("Slides")), data.get("slides", ""))]))
    if view.comments:
        out.append((t(_("Comments")), [(f"{c.data.get('by_name') or t(_('Staff'))} ({block.date_text(c.at)})",
                                        c.data.get("text", "")) for c in view.comments]))
    return out


def _file_items(block, view):
    """The file handed in with the newest paper version: its name, type, size and the day
    it was handed in (a file kept from an earlier version: that version's day). Never
    its content, nor where it is stored: the participant downloads the file itself."""
    described = view.paper.data.get("file")
    if not isinstance(described, dict):
        return []
    t = block.translate
    first = next((p for p in view.papers if isinstance(p.data.get("file"), dict)
                  and p.data["file"].get("path") == described.get("path")), view.paper)
    return [(t(_("File")), described.get("name", "")),
            (t(_("File type")), paper_files.kind_text(described.get("type"))),
            (t(_("File size")), paper_files.size_text(described.get("size", 0), block.language)),
            (t(_("File handed in on")), block.date_text(first.at))]


def markdown(block, view, sessions):
    lines = [f"# {markdown_text(view.title or block.display_name)}", ""]
    for heading, items in sections(block, view, sessions):
        lines += [f"## {markdown_text(heading)}", ""]
        for label, text in items:
            lines += [f"**{markdown_text(label)}**", "", *markdown_paragraphs(text)]
    return "\n".join(lines)


def html_page(block, view, sessions):
    title = html.escape(view.title or block.display_name)
    body = [f"<h1>{title}</h1>"]
    for heading, items in sections(block, view, sessions):
        body.append(f"<section><h2>{html.escape(heading)}</h2><dl>")
        for label, text in items:
            paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
            body.append(f"<dt>{html.escape(label)}</dt><dd>{paragraphs}</dd>")
        body.append("</dl></section>")
    return (f"<!DOCTYPE html><html lang=\"{block.language}\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
            "dt{font-weight:bold;margin-top:1em}</style></head><body>" + "".join(body) + "</body></html>")


def download(block, view, sessions, fmt):
    name = f"{filename_part(view.title or block.display_name, 'case')}_{local_date(zone_name=block.time_zone)}"
    if fmt == "md":
        return Response(body=markdown(block, view, sessions).encode("utf-8"), content_type="text/markdown",
                        charset="utf-8", content_disposition=f'attachment; filename="{name}.md"')
    return Response(body=html_page(block, view, sessions).encode("utf-8"), content_type="text/html", charset="utf-8",
                    content_disposition=f'attachment; filename="{name}.html"')
