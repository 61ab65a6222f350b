"""What a block that works in small groups mixes in: the two Studio settings
(teamset, group set) and the staff tools for arranging a group set.

    @groups_services
    class MyBlock(GroupsMixin, LeergangBlockMixin, XBlock): ...

Every staff tool takes the `version` the staff member's table showed; a save on
an older version gets a 409 (`stale_groups`) so two staff never lose a change
silently. Where the block uses Open edX teams, the tools are read-only: teams
are managed on the course's Teams page.
"""
import random

from xblock.core import XBlock
from xblock.fields import Scope, String
from xblock.utils.resources import ResourceLoader

from ..stores.api import participants
from . import group_moves, groups, platform
from .export import csv_response
from .group_store import VersionConflict, ungrouped_people
from .handlers import NOTED_IN_STEP, Bool, Choice, HandlerError, Int, Object, Optional, Str, json_handler
from .i18n import _
from .rendering import _resource, render_template
from .validation import Problem

loader = ResourceLoader(__name__)
VERSION = Int(0, 10**9)
GROUP_ID = Str(300)
GROUP_NAME = Str(groups.MAX_GROUP_NAME, min_length=1)
MAX_PASTE_CHARS = 200_000
NAMES_QUERY = Object({"names": Optional(Choice("0", "1"), "0")})


def groups_services(cls):
    """Teams are optional (LMS only); the teams configuration fills Studio's dropdown."""
    cls = XBlock.wants("teams")(cls)
    cls = XBlock.wants("teams_configuration")(cls)
    return cls


def _teamset_choices(block):
    choices = [{"display_name": _("None: use the group set below"), "value": ""}]
    for teamset_id, name in platform.teamsets(block):
        choices.append({"display_name": f"{name} ({teamset_id})", "value": teamset_id})
    if block is not None and block.teamset_id and block.teamset_id not in [c["value"] for c in choices]:
        choices.append({"display_name": block.teamset_id, "value": block.teamset_id})
    return choices


class GroupsMixin:
    """Fields and staff handlers for small groups. Needs LeergangBlockMixin."""

    group_set_name = String(
        display_name=_("Group set"), default=groups.DEFAULT_GROUP_SET, scope=Scope.settings,
        help=_("The name of the course's group set this block uses (lower case letters, digits, - and _). "
               "Every block in the course with the same name shares the same groups, so staff arrange them once."),
    )
    teamset_id = String(
        display_name=_("Open edX teamset"), default="", scope=Scope.settings, values_provider=_teamset_choices,
        help=_("Use the course's teams in this teamset as the groups (the LMS only). "
               "Choose “None” to use the group set."),
    )

    group_fields = ("group_set_name", "teamset_id")

    def group_settings_problems(self, data):
        """Problems in the group settings, for the block's `settings_problems`
        (Studio's save and `validate_field_data` both use it)."""
        if not groups.GROUP_SET_NAME.match(data.group_set_name or ""):
            return [Problem(("group_set_name",), _(
                "Use 1 to 60 lower case letters, digits, - or _, starting with a letter or a digit."))]
        return []

    @property
    def group_source(self):
        return groups.for_block(self)

    def my_group(self, identity):
        """The participant's group (or None). Refreshes their names in the Participant
        table (what staff views and a retirement read; a write's participant step has
        done so already) and registers them on the group set's roster once."""
        source = self.group_source
        if identity.anonymous_id and not _read_only(self):
            full_name, user_id = platform.current_full_name(self), platform.current_user_id(self)
            if getattr(self, NOTED_IN_STEP, None) != identity.anonymous_id:
                participants.note(platform.course_id(self), identity.anonymous_id, identity.username, full_name,
                                  user_id)
            if source.managed_here and not identity.is_staff and not source.store.is_registered(identity.anonymous_id):
                source.store.register(identity.anonymous_id, full_name, identity.username, user_id, noted=True)
        return source.group_of(identity)

    # --- The staff overview -----------------------------------------------------------

    def groups_overview_data(self):
        source = self.group_source
        mentors = source.mentor_store.latest()
        if not source.managed_here:
            teams = [source.with_mentors(g, mentors) for g in source.all_groups()]
            return {"managed_here": False, "source": source.source, "set_name": source.teamset_id, "version": 0,
                    "groups": [self._group_row(g, mentors.usernames) for g in teams], "ungrouped": [], "people": [],
                    "problems": sum(1 for g in teams if g.size == 1),
                    "mentors_version": mentors.version, "mentor_lines": _mentor_lines(teams, mentors)}
        latest = source.store.latest()
        names, usernames = source.store.people(latest)
        with_mentors = [source.with_mentors(g, mentors) for g in latest.groups]
        rows = [self._group_row(g, {**usernames, **mentors.usernames}) for g in with_mentors]
        group_of = {m.anonymous_id: g.name for g in latest.groups for m in g.members}
        people = sorted(({"id": aid, "name": names[aid] or usernames.get(aid) or aid,
                          "username": usernames.get(aid, ""), "group": group_of.get(aid, "")} for aid in names),
                        key=lambda p: (p["name"].casefold(), p["id"]))
        return {
            "managed_here": True, "source": source.source, "set_name": source.name, "version": latest.version,
            "groups": rows,
            "ungrouped": ungrouped_people(latest, names, usernames, mentors),
            "people": people,
            "problems": sum(1 for r in rows if r["alone"]),
            "has_empty": any(r["empty"] for r in rows),
            "mentors_version": mentors.version, "mentor_lines": _mentor_lines(with_mentors, mentors),
        }

    def _group_row(self, group, usernames):
        return {"id": group.id, "name": group.name, "size": group.size, "alone": group.size == 1,
                "empty": group.size == 0, "url": group.url,
                "members": [{"id": m.anonymous_id, "name": m.display_name or usernames.get(m.anonymous_id) or "—",
                             "username": usernames.get(m.anonymous_id, "")} for m in group.members],
                "mentors": [{"id": m.anonymous_id, "name": m.display_name or usernames.get(m.anonymous_id) or "—",
                             "username": usernames.get(m.anonymous_id, "")} for m in group.mentors]}

    def groups_overview_html(self, data):
        return render_template(self, loader, "templates/groups_staff.html", {"o": data, "element_id": self._groups_element_id()})

    def groups_staff_panel_html(self):
        """The staff panel for a block's student view (put it in the page with |safe:
        everything in it is escaped). Add its script with `add_groups_staff_script`;
        the block's own script then calls `LeergangGroupsStaff(runtime, element)`."""
        return render_template(self, loader, "templates/groups_staff_panel.html",
                               {"overview_html": self.groups_overview_html(self.groups_overview_data())})

    @staticmethod
    def add_groups_staff_script(fragment):
        fragment.add_javascript(_resource("leergang_xblocks.core.rendering", "static/leergang_groups_staff.js"))

    def _groups_element_id(self):
        return "groups-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    def _overview(self, message=""):
        data = self.groups_overview_data()
        return {**data, "html": self.groups_overview_html(data), "message": message}

    @json_handler(methods=("GET",), staff_only=True)
    def groups_overview(self, data, identity):
        """The group set as staff see it: groups, members, sizes, who is in no group."""
        return self._overview()

    @json_handler(NAMES_QUERY, methods=("GET",), staff_only=True)
    def export_groups(self, data, identity):
        """One row per member: group, size, name, and the anonymous id (or the username with names=1)."""
        overview = self.groups_overview_data()
        with_names = data["names"] == "1"
        header = [self.translate(_("group")), self.translate(_("group size")), self.translate(_("name")),
                  self.translate(_("username")) if with_names else self.translate(_("anonymous id"))]

        def rows():
            for group in overview["groups"]:
                for member in group["members"]:
                    yield [group["name"], group["size"], member["name"],
                           member["username"] if with_names else member["id"]]
            for person in overview["ungrouped"]:
                yield ["", 0, person["name"], person["username"] if with_names else person["id"]]

        return csv_response(f"groups-{overview['set_name']}.csv", header, rows())

    # --- Staff tools (group sets only) ------------------------------------------------

    def _change(self, identity, expected_version, make_spec, message, confirmed=None):
        """Build a new version from the latest one and save it, or refuse."""
        source = self.group_source
        if not source.managed_here:
            raise HandlerError(409, "managed_by_teams", _("These groups are Open edX teams: change them on the "
                                                          "course's Teams page."))
        latest = source.store.latest()
        if latest.version != expected_version:
            raise _stale()
        roster = source.store.roster()
        names = {aid: r.get("display_name") or "" for aid, r in roster.items()}
        usernames = {aid: r.get("username") or "" for aid, r in roster.items()}
        spec, extra_names, extra_usernames = make_spec(latest, {**names, **latest.names}, {**usernames, **latest.usernames})
        if confirmed is not None:  # a replace: moving people who wrote needs a confirmation (group_moves.py)
            group_moves.require_confirmation(source.course_id, source.name, latest.as_spec(), spec, confirmed)
        try:
            source.store.save(expected_version, spec, {**names, **extra_names}, {**usernames, **extra_usernames},
                              identity.anonymous_id)
        except VersionConflict as exc:
            raise _stale() from exc
        return self._overview(message)

    @json_handler(Object({"version": VERSION, "size": Int(groups.MIN_GROUP_SIZE, groups.MAX_GROUP_SIZE),
                          "order": Choice("random", "name"), "who": Choice("everyone", "ungrouped"),
                          "confirm": Optional(Bool(), False)}),
                  staff_only=True, writes=True)
    def make_groups(self, data, identity):
        """Everyone into new balanced groups, or only those in no group into the smallest groups."""
        mentoring = {aid for aids in self.group_source.mentor_store.latest().by_group.values() for aid in aids}

        def spec(latest, names, usernames):
            # Mentors open the blocks too (and land on the roster) but are not participants.
            known = [groups.Member(aid, name) for aid, name in names.items() if aid not in mentoring]
            if data["who"] == "ungrouped" and latest.groups:
                grouped = latest.grouped_ids()
                newcomers = list(groups.sorted_members(m for m in known if m.anonymous_id not in grouped))
                if not newcomers:
                    raise HandlerError(409, "nobody_ungrouped", _("Everyone is in a group already."))
                result = latest.as_spec()
                for person, index in zip(newcomers, groups.place_in_smallest([len(g["members"]) for g in result],
                                                                             newcomers)):
                    result[index]["members"].append(person.anonymous_id)
                return result, {}, {}
            if not known:
                raise HandlerError(409, "nobody_to_group", _("Nobody has opened a block that uses this group set "
                                                             "yet. Paste username,group lines instead."))
            made = groups.assign_balanced(known, data["size"], data["order"], random.SystemRandom())
            first = latest.next_key
            return [{"key": f"g{first + i}", "name": self.translate(_("Group %(number)s")) % {"number": i + 1},
                     "members": [m.anonymous_id for m in members]} for i, members in enumerate(made)], {}, {}
        return self._change(identity, data["version"], spec, self.translate(_("Groups made.")), data["confirm"])

    @json_handler(Object({"version": VERSION, "text": Str(MAX_PASTE_CHARS, multiline=True),
                          "confirm": Optional(Bool(), False)}), staff_only=True,
                  max_body=MAX_PASTE_CHARS * 2, writes=True)
    def import_groups(self, data, identity):
        """Replace the groups with pasted `username,group` lines; any bad line and nothing is saved."""
        def spec(latest, names, usernames):
            by_username = {u.casefold(): aid for aid, u in usernames.items() if u}

            def resolve(username):
                return by_username.get(username.casefold()) or platform.anonymous_id_for_username(self, username)

            assignments, problems = groups.parse_assignment_lines(data["text"], resolve)
            if problems:
                raise HandlerError(400, "bad_lines", "%(details)s", details=self._line_problems_text(problems),
                               field="text")
            if not assignments:
                raise HandlerError(400, "no_lines", _("Paste at least one line: username,group."),
                                   field="text")
            duplicate_people = {}
            for a in assignments:
                duplicate_people.setdefault(a.anonymous_id, []).append(a.line)
            clashes = [lines for lines in duplicate_people.values() if len(lines) > 1]
            if clashes:
                raise HandlerError(400, "bad_lines", _("Lines %(lines)s name the same person."),
                                   lines=", ".join(str(n) for n in clashes[0]), field="text")
            existing = {g.name.casefold(): g.extra["key"] for g in latest.groups}
            next_key = latest.next_key
            result, keys = [], {}
            for a in assignments:
                folded = a.group_name.casefold()
                if folded not in keys:
                    key = existing.get(folded)
                    if key is None:
                        key, next_key = f"g{next_key}", next_key + 1
                    keys[folded] = key
                    result.append({"key": key, "name": a.group_name, "members": []})
                next(g for g in result if g["key"] == keys[folded])["members"].append(a.anonymous_id)
            extra_names = {a.anonymous_id: names.get(a.anonymous_id) or platform.display_name_of(self, a.anonymous_id)
                           for a in assignments}
            extra_usernames = {a.anonymous_id: a.username for a in assignments}
            return result, extra_names, extra_usernames
        return self._change(identity, data["version"], spec, self.translate(_("Groups replaced by the pasted lines.")),
                            data["confirm"])

    @json_handler(Object({"version": VERSION, "mentors_version": VERSION, "text": Str(MAX_PASTE_CHARS, multiline=True)}),
                  staff_only=True, max_body=MAX_PASTE_CHARS * 2, writes=True)
    def assign_mentors(self, data, identity):
        """Replace the mentors with pasted `username,group` lines (a mentor may follow
        several groups; empty text removes every mentor). Works for a group set and
        for Open edX teams alike: the platform's teams have no mentor role."""
        source = self.group_source
        store = source.mentor_store
        if store.latest().version != data["mentors_version"]:
            raise _stale()
        groups_by_name = {g.name.casefold(): g for g in source.all_groups()}
        known = {}
        if source.managed_here:  # people who opened a block of the set, as import_groups resolves them
            latest = source.store.latest()
            known = {u.casefold(): aid for aid, u in latest.usernames.items() if u}
            known.update({(r.get("username") or "").casefold(): aid for aid, r in source.store.roster().items()
                          if r.get("username")})

        def resolve(username):
            return known.get(username.casefold()) or platform.anonymous_id_for_username(self, username)

        assignments, problems = groups.parse_assignment_lines(data["text"], resolve, one_group_each=False)
        unknown_groups = [a for a in assignments if a.group_name.casefold() not in groups_by_name]
        if problems:
            raise HandlerError(400, "bad_lines", "%(details)s", details=self._line_problems_text(problems),
                               field="text")
        if unknown_groups:
            raise HandlerError(400, "bad_lines", _("Nothing was saved. Line %(line)s: there is no group '%(group)s'."),
                               line=unknown_groups[0].line, group=unknown_groups[0].group_name[:60], field="text")
        by_group, names, usernames = {}, {}, {}
        for a in assignments:
            group = groups_by_name[a.group_name.casefold()]
            if group.has(a.anonymous_id):
                raise HandlerError(400, "bad_lines", _("Nothing was saved. Line %(line)s: %(user)s is a member of "
                                                       "that group, so cannot be its mentor."),
                                   line=a.line, user=a.username[:60], field="text")
            by_group.setdefault(group.id, []).append(a.anonymous_id)
            names[a.anonymous_id] = platform.display_name_of(self, a.anonymous_id)
            usernames[a.anonymous_id] = a.username
        try:
            store.save(data["mentors_version"], by_group, names, usernames, identity.anonymous_id)
        except VersionConflict as exc:
            raise _stale() from exc
        return self._overview(self.translate(_("Mentors saved.")))

    def _line_problems_text(self, problems):
        texts = {
            "unknown_user": _("Line %(line)s: there is no user '%(value)s' in this course."),
            "empty_group": _("Line %(line)s: the group name is empty."),
            "empty_username": _("Line %(line)s: the username is empty."),
            "duplicate": _("Line %(line)s: '%(value)s' is listed already (line %(first)s)."),
            "bad_line": _("Line %(line)s: write it as username,group."),
            "long_group": _("Line %(line)s: the group name is longer than %(max)s characters."),
        }
        # One sentence per line of its own, so the list reads as a list under the text box.
        lines = [self.translate(texts[p.code]) % {"line": p.line, "value": p.value, "first": p.first_line,
                                                  "max": groups.MAX_GROUP_NAME} for p in problems[:50]]
        if len(problems) > 50:
            lines.append(self.translate(_("And %(count)s more lines.")) % {"count": len(problems) - 50})
        return "\n".join([self.translate(_("Nothing was saved."))] + lines)

    @json_handler(Object({"version": VERSION, "name": GROUP_NAME}), staff_only=True, writes=True)
    def add_group(self, data, identity):
        """An empty group, to move people into."""
        def spec(latest, names, usernames):
            name = _clean_name(data["name"])
            _refuse_duplicate_name(latest, name)
            return latest.as_spec() + [{"key": f"g{latest.next_key}", "name": name, "members": []}], {}, {}
        return self._change(identity, data["version"], spec, self.translate(_("Group added.")))

    @json_handler(Object({"version": VERSION, "group": GROUP_ID, "name": GROUP_NAME}), staff_only=True, writes=True)
    def rename_group(self, data, identity):
        def spec(latest, names, usernames):
            name = _clean_name(data["name"])
            _refuse_duplicate_name(latest, name, except_id=data["group"])
            result = latest.as_spec()
            _find(latest, result, data["group"])["name"] = name
            return result, {}, {}
        return self._change(identity, data["version"], spec, self.translate(_("Group renamed.")))

    @json_handler(Object({"version": VERSION, "group": GROUP_ID}), staff_only=True, writes=True)
    def delete_group(self, data, identity):
        """Remove an empty group (move its members first)."""
        def spec(latest, names, usernames):
            result = latest.as_spec()
            target = _find(latest, result, data["group"])
            if target["members"]:
                raise HandlerError(409, "group_not_empty", _("Move the members out of this group first."))
            return [g for g in result if g is not target], {}, {}
        return self._change(identity, data["version"], spec, self.translate(_("Group removed.")))

    @json_handler(Object({"version": VERSION, "member": Str(255, min_length=1), "group": Str(300)}),
                  staff_only=True, writes=True)
    def move_member(self, data, identity):
        """Move one person to another group, or (group "") out of every group."""
        def spec(latest, names, usernames):
            if data["member"] not in names:
                raise HandlerError(400, "unknown_member", _("That person is not known in this group set."))
            result = latest.as_spec()
            target = _find(latest, result, data["group"]) if data["group"] else None
            for g in result:
                if data["member"] in g["members"]:
                    g["members"].remove(data["member"])
            if target is not None:
                target["members"].append(data["member"])
            return result, {}, {}
        return self._change(identity, data["version"], spec, self.translate(_("Moved.")))


def _mentor_lines(groups_with_mentors, mentors):
    """The current assignment as the `username,group` lines staff would paste."""
    return "\n".join(f"{mentors.usernames.get(m.anonymous_id, '')},{g.name}"
                     for g in groups_with_mentors for m in g.mentors if mentors.usernames.get(m.anonymous_id))


def _read_only(block):
    return bool(platform.write_refusal(block))


def _stale():
    return HandlerError(409, "stale_groups", _("Someone else changed the groups since this page loaded. "
                                               "The table now shows their change; make yours again."))


def _clean_name(name):
    name = " ".join(name.split())
    if not name:
        raise HandlerError(400, "empty_group_name", _("A group needs a name."))
    return name


def _refuse_duplicate_name(latest, name, except_id=None):
    if any(g.name.casefold() == name.casefold() and g.id != except_id for g in latest.groups):
        raise HandlerError(409, "duplicate_group_name", _("There is a group with that name already."))


def _find(latest, spec, group_id):
    group = latest.group(group_id)
    if group is None:
        raise HandlerError(404, "no_such_group", _("There is no such group."))
    return next(g for g in spec if g["key"] == group.extra["key"])
