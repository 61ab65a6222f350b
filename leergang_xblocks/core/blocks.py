"""What every leergang block shares: identity, i18n, Studio editing, completion,
tracking events and the participant's own-data download.

A block is `class MyBlock(LeergangBlockMixin, XBlock)` plus its fields, views
and handlers; see `trust_scan/block.py` for the first one.
"""
import functools
import json

from django.utils.safestring import mark_safe
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Float, Integer, List, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import FutureFields, StudioEditableXBlockMixin

from . import dates, platform, reset, validation
from .authored_yaml import MAX_YAML_CHARS
from .export import json_download
from .handlers import READ_ONLY_MESSAGES, AnyJSON, HandlerError, Invalid, ListOf, MapOf, Object, Str, json_handler
from .i18n import I18nMixin, _, active_language
from .rendering import _resource, render_template

_core_loader = ResourceLoader(__name__)

STUDIO_EDIT_SHAPE = Object({
    # Each value is checked against its field's type next (studio_settings_shape).
    "values": MapOf(Str(100), AnyJSON(), 50),
    "defaults": ListOf(Str(100), 50),
})
STUDIO_MAX_BODY = 2 * MAX_YAML_CHARS + 64 * 1024  # YAML pasted in Studio, JSON-escaped


def _require_author(block):
    if not platform.may_author(block):
        raise HandlerError(403, "authors_only", _("Only course authors may change this block's settings."))


@functools.lru_cache(maxsize=None)
def studio_settings_shape(block_class):
    """The Studio settings a block class declares, as strict types: an Integer
    takes only whole numbers (not "5", 3.9 or 5.0), a Boolean only true/false,
    a String only text; a name that is not an editable field is refused."""
    def setting_type(field):
        if isinstance(field, Boolean):
            return validation.Bool()
        if isinstance(field, Integer):
            bounds = field.values if isinstance(field.values, dict) else {}
            return validation.Int(bounds.get("min"), bounds.get("max"))
        if isinstance(field, Float):
            return validation.Float()
        if isinstance(field, String):
            return Str(MAX_YAML_CHARS, multiline=bool(field.runtime_options.get("multiline_editor")))
        return AnyJSON()
    return Object({name: validation.Optional(setting_type(block_class.fields[name]))
                   for name in block_class.editable_fields}, block_class.__name__ + "Settings")


class LeergangBlockMixin(reset.ResetMixin, I18nMixin, StudioEditableXBlockMixin, CompletableXBlockMixin):
    """Mix in before `XBlock`. Blocks set `event_names` and implement `personal_data`."""

    # Tracking events a block may emit, by short name. The full name is fixed
    # here, never taken from the browser, so the event log cannot be polluted.
    event_names = ()

    # "View as: Specific learner" in the LMS shows only blocks that say they can
    # be shown read-only (lms/djangoapps/courseware/masquerade.py,
    # filter_displayed_blocks); ours refuse every write there and say so.
    show_in_read_only_mode = True

    # Where this user was seen as course staff (course ids), so that their
    # "View as: Learner" is recognised; see platform.viewing_as_learner.
    leergang_course_staff_in = List(scope=Scope.user_info, default=[])

    @property
    def identity(self):
        """The viewer of a view (handlers get theirs from `json_handler`)."""
        identity = platform.current_identity(self)
        platform.remember_course_staff(self, identity)
        return identity

    def read_only_notice(self):
        """What to tell people where answers cannot be saved (Studio preview,
        staff viewing as a learner), or "" where they can."""
        refusal = platform.write_refusal(self)
        return self.translate(READ_ONLY_MESSAGES[refusal]) if refusal else ""

    # --- Dates: one format per language, in the course's time zone (core/dates.py) ------

    # The `settings` service's bucket (XBLOCK_SETTINGS["leergang_xblocks"]) is shared
    # by every leergang block: one time zone for a site's courses.
    block_settings_key = platform.SETTINGS_BUCKET

    @property
    def time_zone(self):
        """The IANA name of the course's time zone (platform.course_time_zone)."""
        return platform.course_time_zone(self)

    def date_text(self, value):
        """'16 september 2026' / '16 September 2026' in the course's time zone."""
        return dates.date_text(value, self.language, self.time_zone)

    def moment_text(self, value):
        """'16 september 2026, 17:00' / '16 September 2026, 17:00' in the course's time zone."""
        return dates.moment_text(value, self.language, self.time_zone)

    def local_day(self, value):
        """The calendar day `value` falls on in the course's time zone."""
        return dates.local_day(value, self.time_zone)

    def publish_event(self, short_name, data):
        if short_name not in self.event_names:
            raise ValueError(f"undeclared event {short_name!r}")
        self.runtime.publish(self, f"leergang.{self.scope_ids.block_type}.{short_name}", data)

    # --- OLX ------------------------------------------------------------------------

    def add_xml_to_node(self, node):
        """Export authored settings only.

        XBlock's default export writes every field that is set, whatever its
        scope; a runtime that has a learner's state loaded would put that
        learner's answers into the course export. Learner data never goes into OLX.
        """
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if field.scope in (Scope.content, Scope.settings, Scope.children, Scope.parent):
                continue
            node.attrib.pop(name, None)
            for child in list(node):
                if isinstance(child.tag, str) and child.tag.endswith("}" + name):
                    node.remove(child)

    # --- Own data (AVG/GDPR) ---------------------------------------------------

    def personal_data(self, identity):
        """Everything this block holds about `identity`, as JSON-serialisable data."""
        raise NotImplementedError

    @json_handler(methods=("GET",))
    def my_data(self, data, identity):
        """Download all of the current participant's data in this block."""
        return json_download(
            f"{self.scope_ids.block_type}-my-data.json",
            {"block": self.display_name, "participant": identity.anonymous_id,
             "data": self.personal_data(identity)},
        )

    def participant_stores(self, course_id, item_id):
        """Every record store this block writes for a participant, for the block at
        `item_id` in `course_id`; each has `.clear(anonymous_id)`."""
        raise NotImplementedError

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):
        """The instructor's "Delete learner's state" (and "Reset attempts" with
        deletion) in the LMS.

        The platform calls this with keyword arguments when the block has it
        (lms/djangoapps/instructor/enrollment.py, `reset_student_attempts`):
        `user_id` and `requesting_user_id` are anonymous ids for the course,
        `course_id` and `item_id` the course key and usage key as strings. It
        then deletes the learner's user state itself, and skips its own
        `reset_score`. Cleared here: every store of `participant_stores`
        (edx-submissions marks the records deleted) and a scored block's score
        (core/reset.py).
        """
        reset.clear_block_state(self, user_id, course_id, item_id)

    # --- Studio ----------------------------------------------------------------

    # Settings Studio shows as forms (core/studio_forms.py), by field name.
    studio_forms = {}
    # Settings shown folded away under "Advanced" (the trust scan's own instrument as YAML).
    studio_advanced = ()

    def studio_view(self, context=None):
        """Studio's settings editor, in the author's language: labels, help texts,
        choices and buttons all come from this package's catalog (the stock
        editor of xblock.utils shows its own English "True", "False", "(Default)").
        One reset for the whole form, with a confirmation; no reset per field."""
        element_id = "leergang-studio-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))
        fields = [self._studio_field(name) for name in self.editable_fields]

        def rendered(field):  # escaped by its own template
            return mark_safe(render_template(self, _core_loader, "templates/studio_field.html",  # noqa: S308
                                             {"field": field, "element_id": element_id}))
        html = render_template(self, _core_loader, "templates/studio_edit.html", {
            "fields": [rendered(f) for f in fields if f["name"] not in self.studio_advanced],
            "advanced": [rendered(f) for f in fields if f["name"] in self.studio_advanced],
            "advanced_open": any(f["is_set"] for f in fields if f["name"] in self.studio_advanced),
            "language": active_language(), "texts": self._studio_texts(), "element_id": element_id,
        })
        fragment = Fragment(html)
        fragment.add_css(_resource(_core_loader.module_name, "static/leergang_core.css"))
        fragment.add_css(_resource(_core_loader.module_name, "static/studio_edit.css"))
        try:
            fragment.add_javascript(_resource(self.unmixed_class.__module__, f"static/i18n/{active_language()}.js"))
        except FileNotFoundError:
            pass  # English needs no catalog
        fragment.add_javascript(_resource(_core_loader.module_name, "static/leergang_core.js"))
        fragment.add_javascript(_resource(_core_loader.module_name, "static/studio_edit.js"))
        fragment.initialize_js("LeergangStudioEdit")
        return fragment

    def _studio_texts(self):
        """What the editor's script says, translated here (the script's catalog is the block's)."""
        texts = {
            "reset_ask": _("This puts these settings back to their standard value: %(labels)s. "
                           "Nothing changes until you save."),
            "reset_nothing": _("Every setting already has its standard value."),
            "reset_done": _("The settings are back to their standard values. Save to keep this."),
            "moved": _("%(label)s is now at place %(place)s of %(count)s."),
            "first": _("%(label)s is already at the top."),
            "last": _("%(label)s is already at the bottom."),
            "added": _("%(label)s added."),
            "removed": _("%(label)s removed. Save to make this final."),
            "full": _("The list is full: remove one before adding another."),
        }
        return json.dumps({key: self.translate(text) for key, text in texts.items()}, ensure_ascii=False)

    def _studio_field(self, name):
        field = self.fields[name]
        value = field.read_from(self)
        info = {"name": name, "label": self.translate(field.display_name or name),
                "help": self.translate(field.help) if field.help else "", "is_set": field.is_set_on(self),
                "value": "" if value is None else value, "default_text": _as_text(field.default)}
        provider = field.runtime_options.get("values_provider")
        default_mark = self.translate(_("%(value)s (default)"))
        if isinstance(field, Boolean):
            info["type"] = "boolean"
            info["options"] = [
                {"value": "true", "label": self.translate(_("Yes")), "selected": bool(value)},
                {"value": "false", "label": self.translate(_("No")), "selected": not value}]
            info["default_text"] = "true" if field.default else "false"
        elif provider:
            info["type"] = "choice"
            info["options"] = [{"value": c["value"], "label": self.translate(c["display_name"]),
                                "selected": c["value"] == value} for c in provider(self)]
        elif isinstance(field, Integer):
            info["type"] = "integer"
        elif isinstance(field, String) and field.runtime_options.get("multiline_editor"):
            info["type"] = "text"
        else:
            info["type"] = "string"
        form = self.studio_forms.get(name)
        if form is not None:
            info["type"] = form.kind
            info["form"] = form.context(self)
            current = form.form_value(self, value)
            info["value_json"] = json.dumps(current, ensure_ascii=False)
            info["default_text"] = json.dumps(form.form_value(self, field.default), ensure_ascii=False)
            if form.kind == "checkboxes":
                info["form"]["choices"] = [{**c, "checked": c["value"] in current} for c in info["form"]["choices"]]
        for option in info.get("options", []):
            if option["value"] == info["default_text"]:
                option["label"] = default_mark % {"value": option["label"]}
        return info

    @json_handler(STUDIO_EDIT_SHAPE, anonymous_ok=True, authorize=_require_author, studio=True,
                  max_body=STUDIO_MAX_BODY)
    def submit_studio_edits(self, data, identity):
        """Studio's save button (the stock handler's job, stricter).

        Authors only (checked before the body is read). Every problem of a save
        is answered at once, each naming its field, and for YAML its line and key
        path, in the author's language; nothing is changed unless all is well.
        The answer's shape is the one Studio's editor script reads (see
        `handlers.error_response`).
        """
        problems = []
        forms = self.studio_forms
        # A form's value (a list, not the stored text) is checked by its form below.
        from_form = {name: value for name, value in data["values"].items()
                     if name in forms and name in self.editable_fields and not isinstance(value, str)}
        plain = {name: value for name, value in data["values"].items() if name not in from_form}
        try:
            values = studio_settings_shape(type(self)).check(plain)
        except Invalid as exc:
            problems += [validation.Problem(("values",) + p.path, p.message, p.params) for p in exc.problems]
            bad = {p.path[0] for p in exc.problems if p.path}
            values = {k: v for k, v in plain.items() if k in self.editable_fields and k not in bad}
        values = {name: value for name, value in values.items() if name in plain}
        for name, value in from_form.items():
            try:
                values[name] = forms[name].stored_value(self, value, self.fields[name].read_from(self))
            except Invalid as exc:
                problems += [validation.Problem((name,) + p.path, p.message, p.params) for p in exc.problems]
        for index, name in enumerate(data["defaults"]):
            if name not in self.editable_fields:
                problems.append(validation.Problem(("defaults", index), _("is not a setting of this block")))
        to_reset = [name for name in self.editable_fields
                    if name in data["defaults"] and name not in values and self.fields[name].is_set_on(self)]
        for problem in self.settings_problems(FutureFields(values, to_reset, self)):
            if problem.path and problem.path[0] in from_form:
                problem.line = None  # the form wrote that text: its lines mean nothing to the author
            problems.append(problem)
        if problems:
            raise Invalid(problems, code="invalid_settings")
        for name, value in values.items():
            setattr(self, name, value)
        for name in to_reset:
            self.fields[name].delete_from(self)
        return {"result": "success"}

    def settings_problems(self, data):
        """Problems beyond types in the settings `data` (an object with every field
        as an attribute): a list of `validation.Problem`. Blocks override this;
        Studio's save and `validate_field_data` both use it."""
        return []

    def validate_field_data(self, validation_result, data):
        """Studio shows these on the block when it is invalid (say, after an OLX import),
        away from the editor: each names its setting by the label the editor shows."""
        from xblock.validation import ValidationMessage
        for problem in self.settings_problems(data):
            field = self.fields.get(problem.path[0]) if problem.path else None
            text = validation.translated_at_field(problem, self.translate)
            if field is not None:
                text = self.translate(_("%(label)s: %(problem)s")) % {
                    "label": self.translate(field.display_name or field.name), "problem": text}
            validation_result.add(ValidationMessage(ValidationMessage.ERROR, text))


def _as_text(value):
    return "" if value is None else str(value)


def needs_services(cls):
    """The services every leergang block uses, declared in one place."""
    cls = XBlock.needs("i18n")(cls)
    cls = XBlock.needs("user")(cls)
    cls = XBlock.wants("settings")(cls)
    # Studio's authorship check (see platform.may_author); absent in the LMS.
    cls = XBlock.wants(platform.STUDIO_PERMISSIONS_SERVICE)(cls)
    return cls
