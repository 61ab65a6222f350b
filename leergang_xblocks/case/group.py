"""What a small group sees of each other's cases: the cases members chose to
share, their learning wishes with the group's follow-ups (the HRM network's way
of working), and the manifestatie, a closing page the group writes together.

A participant reads only their own group (core/groups.py decides which), in
reads bounded by the group's size: each member's case records and the group's
pages. The manifestatie is made of one part per member (the newest
version of each member's part counts), so two members writing at the same
moment never overwrite each other.
"""
import html

from webob import Response

from ..core.export import filename_part, markdown_paragraphs, markdown_text
from ..core.group_records import latest_per_author
from ..core.handlers import Choice, HandlerError, Int, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.rendering import render_template
from ..core.text import tidy
from .model import CaseView, as_event
from .participant_view import loader
from .sharing import summary_of

MAX_FOLLOW_UP = 2000
MAX_PAGE_PART = 20_000


class GroupPagesMixin:
    """Mixed into CaseBlock."""

    def _members_views(self, group, stores):
        """anonymous id -> CaseView of each member's own records (one read per member)."""
        events = {}
        for member in group.members:  # bounded by the group's size, never by the course
            for record in stores.own.history(member.anonymous_id):
                if isinstance(record.data, dict):
                    events.setdefault(member.anonymous_id, []).append(
                        as_event(member.anonymous_id, record.submitted_at, record.data))
        return {aid: CaseView.fold(found) for aid, found in events.items()}

    def group_context(self, identity, group, stores):
        """The group section: members' shared cases and wishes, follow-ups, the group page."""
        if group is None:
            return None
        views = self._members_views(group, stores)
        pages = stores.group_pages().of_group(group)
        follow_ups = {}
        for record in pages:
            if record.data.get("kind") == "followup":
                follow_ups.setdefault(record.data.get("owner"), []).append({
                    "text": record.data.get("text", ""), "author": record.data.get("author_name", ""),
                    "by_mentor": record.data.get("author_role") == "mentor",
                    "at": record.submitted_at, "at_text": self.date_text(record.submitted_at),
                    "mine": record.author_id == identity.anonymous_id})
        members = []
        for member in group.members:
            view = views.get(member.anonymous_id)
            if view is None:
                view = CaseView()
            wishes = view.personal_fields.get("learning_wishes", "") or (
                view.fields.get("learning_wishes", "") if not self.team_mode else "")
            members.append({
                "id": member.anonymous_id, "name": member.display_name or self.translate(_("A group member")),
                "is_you": member.anonymous_id == identity.anonymous_id,
                "shared": summary_of(view) if (view.shared and view.defined and not self.team_mode) else None,
                "wishes": wishes if "learning_wishes" in self.field_keys else "",
                "follow_ups": follow_ups.get(member.anonymous_id, []),
            })
        parts = [r for r in latest_per_author(r for r in pages if r.data.get("kind") == "page_part")]
        current = {m.anonymous_id: m.display_name for m in group.members}
        page = [{"heading": r.data.get("heading", ""), "text": r.data.get("text", ""),
                 "author": current.get(r.author_id) or r.data.get("author_name", ""),
                 "mine": r.author_id == identity.anonymous_id, "at": r.submitted_at} for r in parts]
        mine = next((p for p in page if p["mine"]), None)
        return {"name": group.name, "members": members, "page": page, "my_part": mine,
                "my_part_versions": own_part_versions(pages, identity.anonymous_id),
                "is_member": group.has(identity.anonymous_id),
                "wishes_on": "learning_wishes" in self.field_keys, "group_page": self.group_page,
                "team": self.team_mode}

    def group_html(self, identity, group, stores):
        context = self.group_context(identity, group, stores)
        if context is None:
            return ""
        return render_template(self, self._loader(), "templates/group_section.html",
                               {"g": context, "max_follow_up": MAX_FOLLOW_UP, "max_part": MAX_PAGE_PART})

    def _loader(self):
        return loader

    def _require_member_group(self, identity):
        group = self._group(identity)
        if group is None:
            raise HandlerError(409, "no_group", _("You are not in a group yet."))
        return group

    @json_handler(methods=("GET",))
    def group_view(self, data, identity):
        """The asker's group section (their own group only)."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        group = self._require_member_group(identity)
        return {"html": self.group_html(identity, group, self._stores())}

    @json_handler(Object({"owner": Str(200, min_length=1), "text": Str(MAX_FOLLOW_UP, min_length=1, multiline=True)}),
                  writes=True)
    def follow_up_wish(self, data, identity):
        """A note on a group member's learning wish (how it goes, an offer to help)."""
        text = tidy(data["text"])
        if not text:
            raise HandlerError(400, "empty_text", _("Write a few words first."), field="text")
        stores = self._stores()
        pages = stores.group_pages()
        group = pages.visible_group(identity)
        if not group.has(data["owner"]):
            raise HandlerError(404, "not_in_group", _("That person is not in your group."))
        pages.append(identity, {"kind": "followup", "owner": data["owner"], "text": text,
                                "author_name": identity.display_name or ""}, group=group)
        self.publish_event("wish_followed_up", {"length": len(text)})
        return {"html": self.group_html(identity, group, stores)}

    @json_handler(Object({"heading": Str(200), "text": Str(MAX_PAGE_PART, multiline=True),
                          "seen": Int(0, 100_000)}), writes=True, max_body=256 * 1024)
    def save_group_page(self, data, identity):
        """Write (a new version of) one's own part of the group's manifestatie.

        `seen` is how many versions of their part the writer's page knew. Another number
        in the records means a second tab saved in between: 409 `stale_part`, nothing is
        stored, and the page loads the group section as it is (`group_view`)."""
        if not self.group_page:
            raise HandlerError(404, "no_group_page", _("This block has no group page."))
        if not tidy(data["text"]):
            raise HandlerError(400, "empty_text", _("Write a few words first."), field="text")
        stores = self._stores()
        pages = stores.group_pages()
        group = pages.visible_group(identity)
        if not group.has(identity.anonymous_id):
            # The manifestatie is the members' own statement; the mentor reads it and
            # follows up on learning wishes, which are labelled as the mentor's.
            raise HandlerError(403, "members_only", _("Only the group's members write the manifestatie. As "
                                                      "mentor you read it and can respond to learning wishes."))
        if own_part_versions(pages.of_group(group), identity.anonymous_id) != data["seen"]:
            raise HandlerError(409, "stale_part", _("Your part was saved in another window in the meantime. Above "
                                                    "is what is stored now; your text is still in the form. Save "
                                                    "it again to replace the stored part."))
        pages.append(identity, {"kind": "page_part", "heading": tidy(data["heading"]), "text": tidy(data["text"]),
                                "author_name": identity.display_name or ""}, group=group)
        self.publish_event("group_page_saved", {"length": len(data["text"])})
        return {"html": self.group_html(identity, group, stores)}

    @json_handler(Object({"format": Optional(Choice("md", "html"), "html")}), methods=("GET",))
    def group_page_download(self, data, identity):
        """The manifestatie as a document to share outside the course (names of the authors kept:
        members write it to publish it)."""
        if not self.group_page:
            raise HandlerError(404, "no_group_page", _("This block has no group page."))
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        group = self._require_member_group(identity)
        context = self.group_context(identity, group, self._stores())
        title = self.translate(_("Manifestatie of %(group)s")) % {"group": group.name}
        if data["format"] == "md":
            lines = [f"# {markdown_text(title)}", ""]
            for part in context["page"]:
                lines += [f"## {markdown_text(part['heading'] or part['author'])}", "",
                          *markdown_paragraphs(part["text"]), f"*{markdown_text(part['author'])}*", ""]
            body, content_type, ext = "\n".join(lines), "text/markdown", "md"
        else:
            sections = "".join(
                f"<section><h2>{html.escape(p['heading'] or p['author'])}</h2>"
                + "".join(f"<p>{html.escape(line)}</p>" for line in p["text"].split("\n") if line.strip())
                + f"<p><em>{html.escape(p['author'])}</em></p></section>" for p in context["page"])
            body = (f"<!DOCTYPE html><html lang=\"{self.language}\"><head><meta charset=\"utf-8\">"
                    f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{sections}"
                    "</body></html>")
            content_type, ext = "text/html", "html"
        return Response(body=body.encode("utf-8"), content_type=content_type, charset="utf-8",
                        content_disposition=f'attachment; filename="{filename_part(title, "manifestatie")}.{ext}"')


def own_part_versions(records, anonymous_id):
    """How many versions of their part of the group page this member has saved."""
    return sum(1 for r in records if r.data.get("kind") == "page_part" and r.author_id == anonymous_id)
