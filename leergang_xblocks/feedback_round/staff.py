"""What staff see of a feedback round: an overview per group (who posted, gave and
received feedback, helpfulness, flags), the reminders list of who is behind, any
group's items in full with names, hiding a flagged item, the CSV and the LMS's
instructor report. Staff views read every group at once (core/group_records_staff.py);
participants' requests never do.
"""
from django.utils import timezone
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.export import csv_format, csv_response, filename_part
from ..core.groups import Group
from ..core.handlers import Bool, Choice, HandlerError, Int, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.rendering import render_template
from . import live_staff, rules, staff_overview
from .earlier_work import dated
from .earlier_work import EarlierGroup
from .round_settings import BEHIND_TEXTS, ITEM_TYPE
from .round_view import RoundRecords

loader = ResourceLoader(__name__)
EXPORT_QUERY = Object({"names": Optional(Choice("0", "1"), "0"), "format": Optional(Choice("nl", "en"), None)})
GROUP_QUERY = Object({"group": Str(300, min_length=1)})


class FeedbackStaffMixin:
    """Staff handlers of the feedback round; mixed into FeedbackRoundBlock."""

    def staff_overview_data(self):
        """Per group: who posted, gave and received feedback, helpfulness and flags; who is
        behind, who is in no group, the flags and the groups a regrouping removed
        (staff_overview.py reads each store once)."""
        return staff_overview.overview(self, ITEM_TYPE, BEHIND_TEXTS)

    def staff_panel_html(self):
        overview_html = render_template(self, loader, "templates/staff_overview.html",
                                        {"o": self.staff_overview_data(), "element_id": self._element_id()})
        return render_template(self, loader, "templates/staff_panel.html", {
            "overview_html": overview_html, "live_html": live_staff.panel_html(self),
            "groups_panel_html": self.groups_staff_panel_html()})

    @json_handler(methods=("GET",), staff_only=True)
    def staff_overview(self, data, identity):
        """Per group: who posted, gave and received feedback, helpfulness and flags; who is behind."""
        overview = self.staff_overview_data()
        html = render_template(self, loader, "templates/staff_overview.html",
                               {"o": overview, "element_id": self._element_id()})
        return {**overview, "html": html}

    def staff_group_view(self, group):
        """One group's items in full, with names, hidden items marked (staff)."""
        group = self._with_mentors(group)
        latest = RoundRecords.of(self._records().of_group(group))
        moderation = self._moderation()
        hidden = moderation.hidden_ids(group.id)
        flagged = {}
        for flag in moderation.flags():
            if flag.scope == group.id:
                flagged.setdefault(flag.record_id, []).append(flag.reason)
        names = {m.anonymous_id: m.display_name for m in (*group.members, *group.mentors)}
        labels = {p["key"]: p["label"] for p in self.prompts()}

        def name(aid, record):
            return names.get(aid) or record.data.get("author_name") or aid

        items = {
            "updates": [{"record": r.id, "author": name(aid, r), "text": r.data.get("text", ""),
                         "hidden": str(r.id) in hidden, "at": self.moment_text(r.submitted_at)}
                        for aid, r in latest.updates.items()],
            "feedback": [{"record": r.id, "author": name(author, r), "to": names.get(to, to),
                          "author_role": r.data.get("author_role", "member"),
                          "answers": [{"label": labels.get(k, k), "text": v} for k, v in r.data.get("answers", {}).items() if v],
                          "helpful": latest.helpfulness_of(to, r), "hidden": str(r.id) in hidden,
                          "flags": flagged.get(str(r.id), []),
                          "answer": (latest.replies.get((to, r.id)).data.get("answer", "")
                                     if latest.replies.get((to, r.id)) else "")}
                         for (author, to), r in latest.feedback.items()],
            "actions": [{"author": name(aid, r), "actions": [dated(self, a) for a in r.data.get("actions", [])]}
                        for aid, r in latest.actions.items()],
        }
        html = render_template(self, loader, "templates/staff_group.html",
                               {"g": group, "items": items, "element_id": self._element_id()})
        return {"group": {"id": group.id, "name": group.name, "size": group.size}, **items, "html": html,
                "staff_view": True}

    def _group_for_staff(self, group_id):
        """A group of the set as it is now, or a group a regrouping removed that still
        has records in this round (without members: its work stays findable)."""
        group = self.group_source.group_by_id(group_id)
        if group is None:
            records = self._records().of_group(EarlierGroup(group_id, ""))
            if records:
                group = Group(id=group_id, name=staff_overview.recorded_name(records))
        if group is None:
            raise HandlerError(404, "no_such_group", _("There is no such group."))
        return group

    @json_handler(GROUP_QUERY, methods=("GET",), staff_only=True)
    def staff_group(self, data, identity):
        return self.staff_group_view(self._group_for_staff(data["group"]))

    @json_handler(Object({"group": Str(300, min_length=1), "record": Int(1, 2**62), "hide": Bool(),
                          "reason": Optional(Str(500, multiline=True), "")}), staff_only=True, writes=True)
    def hide_item(self, data, identity):
        """Hide an item from learners (or show it again); it stays in the record and in staff views."""
        group = self._group_for_staff(data["group"])
        if not any(r.id == data["record"] for r in self._records().of_group(group)):
            raise HandlerError(404, "no_such_item", _("There is no such item in this group."))
        moderation = self._moderation()
        if data["hide"]:
            moderation.hide(identity, data["record"], group.id, data["reason"])
        else:
            moderation.unhide(identity, data["record"], group.id, data["reason"])
        self.publish_event("item_hidden", {"hidden": data["hide"]})
        return self.staff_group_view(group)

    @json_handler(EXPORT_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """One row per member of every group: progress, helpfulness and flags; anonymous ids
        unless staff ask for names."""
        with_names = data["names"] == "1"
        fmt = csv_format(data["format"], self.language)
        reading = staff_overview.Reading(self, ITEM_TYPE)
        groups, _behind, _not_yet, _totals = staff_overview.group_rows(self, reading, self._moderation().flags(),
                                                                       BEHIND_TEXTS)
        if with_names:
            # Usernames the package's own table knows (read with the groups); the user
            # service, a query per participant, only for the others.
            known, lookup = reading.known_usernames(), platform.username_lookup(self)

            def usernames(anonymous_id):
                return known.get(anonymous_id) or lookup(anonymous_id)
        t = self.translate
        header = [t(_("group")), t(_("group size")),
                  t(_("username")) if with_names else t(_("anonymous id")),
                  t(_("update posted")), t(_("update late")), t(_("feedback owed")), t(_("feedback given")),
                  t(_("feedback received")), t(_("mean helpfulness received")), t(_("actions recorded")),
                  t(_("still to do")), t(_("flags on the group"))]
        if with_names:
            header.insert(2, t(_("name")))

        def rows():
            for group in groups:
                for m in group["members"]:
                    row = [group["name"], group["size"], usernames(m["id"]) if with_names else m["id"],
                           m["posted"], m["posted_late"], m["owes"], m["gave"], m["received"], m["helpfulness"],
                           m["actions"], "; ".join(t(BEHIND_TEXTS[b]) for b in m["behind"]), group["flags"]]
                    if with_names:
                        row.insert(2, m["name"])
                    yield row

        name = filename_part(self.display_name, "feedback-round")
        return csv_response(f"{name}.csv", header, rows(), fmt)

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's instructor "problem response" report, from the write-only copy
        each write keeps in user state (the records stay the truth)."""
        count = 0
        for user_state in user_state_iterator:
            copy = user_state.state.get("report_copy")
            if not copy:
                continue
            yield (user_state.username, {
                "group": copy.get("group", ""), "update posted": copy.get("posted", False),
                "feedback given": copy.get("feedback_given", 0), "feedback received": copy.get("feedback_received", 0),
                "actions": " | ".join(copy.get("actions", []))})
            count += 1
            if limit_responses is not None and count >= limit_responses:
                return


def due_is_past(block, name):
    return rules.is_past(block.due_of(name), timezone.now())
