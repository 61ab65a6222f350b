"""Your small group: the smallest real block on core/'s small groups.

Placed in a course's first unit, it shows each participant their group and the
members' names, lets each member post a short introduction that only their
group reads (a group-scoped record), and gives staff the tools to arrange the
course's group set (core/group_staff.py). The feedback rounds, the dialogue
exercise and the case tracker use the same groups through `core.groups`.
"""
from xblock.core import XBlock
from xblock.fields import Boolean, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import completion
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.group_records import GroupRecords, latest_per_author
from ..core.group_staff import GroupsMixin, groups_services
from ..core.handlers import Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from ..core.text import tidy
from ..core.validation import Problem

loader = ResourceLoader(__name__)
INTRODUCTION_ITEM_TYPE = "leergang_group_introduction"
MAX_INTRODUCTION = 1500


@groups_services
@needs_services
class SmallGroupBlock(GroupsMixin, LeergangBlockMixin, XBlock):
    """Shows a participant their small group; staff arrange the course's groups here."""

    display_name = String(display_name=_("Display name"), default=_("Your small group"), scope=Scope.settings)
    intro = String(
        display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True,
        help=_("Shown above the group. Plain text: say what the groups are for and when they meet."),
    )
    ask_introduction = Boolean(
        display_name=_("Members introduce themselves"), default=True, scope=Scope.settings,
        help=_("Each member may post a short introduction that only their own group reads."),
    )
    introduction_prompt = String(
        display_name=_("Prompt for the introduction"), default="", scope=Scope.settings,
        help=_("Leave empty for the standard prompt."),
    )

    editable_fields = ("display_name", "intro", "group_set_name", "teamset_id", "ask_introduction",
                       "introduction_prompt")
    event_names = ("introduction_posted",)

    @property
    def has_custom_completion(self):
        """Done is "introduction posted" (core/completion.py); a block that asks for no
        introduction has nothing to do, and the LMS marks it complete on view."""
        return bool(self.ask_introduction)

    def settings_problems(self, data):
        problems = self.group_settings_problems(data)
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if len(data.introduction_prompt or "") > 300:
            problems.append(Problem(("introduction_prompt",), _("Write at most 300 characters.")))
        return problems

    def _introductions(self, source=None):
        return GroupRecords(self, INTRODUCTION_ITEM_TYPE, source=source)

    def _element_id(self):
        return "small-group-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    # --- What the participant sees ----------------------------------------------------

    def _group_context(self, identity, group, records):
        """The group as this participant may see it: display names only, never usernames."""
        if group is None:
            return None
        members = [{"name": m.display_name or self.translate(_("A group member")),
                    "is_you": m.anonymous_id == identity.anonymous_id} for m in group.members]
        current = {m.anonymous_id: m.display_name for m in group.members}
        mentors = {m.anonymous_id: m.display_name for m in group.mentors}
        introductions = []
        for record in latest_per_author(records):
            # A mentor's introduction is the mentor's (core/mentor_store.py records the
            # role with every record): never "a former member".
            mentor = record.author_id in mentors or record.data.get("author_role") == "mentor"
            introductions.append({
                "name": current.get(record.author_id) or mentors.get(record.author_id)
                or record.data.get("author_name")
                or self.translate(_("A mentor") if mentor else _("A former member")),
                "is_you": record.author_id == identity.anonymous_id,
                "mentor": mentor,
                "former": record.author_id not in current and not mentor,
                "text": record.data.get("text", ""),
                "at": record.submitted_at,
            })
        mine = next((i for i in introductions if i["is_you"]), None)
        return {"name": group.name, "url": group.url, "size": group.size, "members": members,
                "introductions": introductions, "my_introduction": mine["text"] if mine else "",
                "is_member": group.has(identity.anonymous_id),
                "is_mentor": group.has_mentor(identity.anonymous_id),
                "mentors": [m.display_name or self.translate(_("A mentor")) for m in group.mentors]}

    def _introductions_html(self, context):
        return render_template(self, loader, "templates/introductions.html", {"g": context})

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        group = self.my_group(identity) if identity.is_authenticated else None
        source = self.group_source
        if group is not None:
            group = source.with_mentors(group)  # members see who their mentor is
        elif identity.is_authenticated and not identity.is_staff:
            # A mentor (core/mentor_store.py) sees the first group they follow.
            group = next(iter(source.groups_mentored_by(identity)), None)
        records = self._introductions().of_group(group) if (group and self.ask_introduction) else []
        group_context = self._group_context(identity, group, records)
        fragment = view_fragment(
            self, loader, "templates/student_view.html",
            {"block": self, "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
             "read_only": self.read_only_notice(), "g": group_context, "introductions_html": self._introductions_html(group_context) if group_context else "",
             "prompt": self.introduction_prompt or self.translate(_(
                 "Introduce yourself to your group: your work, your own case, and what you hope to get from the group.")),
             "max_introduction": MAX_INTRODUCTION, "staff_panel_html": self.groups_staff_panel_html() if identity.is_staff else "",
             "element_id": self._element_id()},
            js_files=["static/groups.js"], css_files=["static/groups.css"],
            init_fn="LeergangSmallGroup", init_args={"staff": identity.is_staff},
        )
        if identity.is_staff:
            self.add_groups_staff_script(fragment)
        return self.add_staff_removal(fragment, identity)

    def student_view_data(self, context=None):
        return {"display_name": self.display_name, "intro": self.intro, "ask_introduction": self.ask_introduction,
                "group_set_name": self.group_set_name, "teamset_id": self.teamset_id}

    # --- Participant handlers -----------------------------------------------------------

    @json_handler(Object({"group": Optional(Str(300), "")}), methods=("GET",))
    def group_introductions(self, data, identity):
        """The introductions of the asker's group. Naming another group: 403 unless staff."""
        records = self._introductions()
        group, rows = records.read(identity, data["group"] or None)
        context = self._group_context(identity, group, rows)
        return {"group": context["name"], "introductions": [
            {"name": i["name"], "text": i["text"], "former": i["former"], "mentor": i["mentor"], "is_you": i["is_you"]}
            for i in context["introductions"]], "html": self._introductions_html(context)}

    @json_handler(Object({"text": Str(MAX_INTRODUCTION, min_length=1, multiline=True)}), writes=True)
    def post_introduction(self, data, identity):
        """Post (or replace) the asker's introduction to their own group.

        Runs in the participant's serialised step (core/storage.py): the group
        check and the write happen inside it."""
        text = tidy(data["text"])
        if not text:
            from ..core.handlers import HandlerError
            raise HandlerError(400, "empty_text", _("Write a few words first."), field="text")
        records = self._introductions()
        group = records.visible_group(identity)
        records.append(identity, {"text": text, "author_name": self._own_display_name(identity, group)}, group=group)
        self.publish_event("introduction_posted", {"length": len(text)})
        completion.report_done(self, True)
        context = self._group_context(identity, group, records.of_group(group))
        return {"saved": True, "html": self._introductions_html(context)}

    def _own_display_name(self, identity, group):
        """The name the group knows the writer by: their roster name, or (a mentor, who is
        on no roster of this group) the platform's name for them."""
        return next((m.display_name for m in group.members if m.anonymous_id == identity.anonymous_id),
                    identity.display_name or "")

    staff_removal_text = _("This removes the introductions %(participant)s posted in this block. Their place in a "
                           "group stays: move them with the group tools.")

    def participant_stores(self, course_id, item_id):
        """What "Delete learner's state" clears: this participant's introductions in
        this block. Their place in the course's group set is not this block's to
        clear (other blocks share it); staff move them out with the group tools."""
        return [GroupRecords.participant_store(course_id, item_id, INTRODUCTION_ITEM_TYPE)]

    def personal_data(self, identity):
        if not identity.anonymous_id:
            return {}
        source = self.group_source
        group = source.group_of(identity)
        return {
            "group": {"name": group.name, "members": [m.display_name for m in group.members]} if group else None,
            # The course's own group set keeps a roster entry and the placements (teams keep theirs in the LMS).
            "group_set": source.store.personal_data(identity.anonymous_id) if source.managed_here else None,
            "introductions": [{"group": r.data.get("group_name"), "text": r.data.get("text"),
                               "submitted_at": str(r.submitted_at)}
                              for r in self._introductions().own(identity.anonymous_id)],
        }

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
