"""What every leergang block shares: identity, i18n, Studio editing, completion,
tracking events and the participant's own-data download.

A block is `class MyBlock(LeergangBlockMixin, XBlock)` plus its fields, views
and handlers; see `trust_scan/block.py` for the first one.
"""
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from . import platform
from .export import json_download
from .handlers import READ_ONLY_MESSAGES, AnyJSON, HandlerError, ListOf, MapOf, Object, ShapeError, Str, json_handler
from .i18n import I18nMixin, _

STUDIO_EDIT_SHAPE = Object({
    # Values are checked by each field's own from_json and by validate_field_data.
    "values": MapOf(Str(100), AnyJSON(), 50),
    "defaults": ListOf(Str(100), 50),
})


class LeergangBlockMixin(I18nMixin, StudioEditableXBlockMixin, CompletableXBlockMixin):
    """Mix in before `XBlock`. Blocks set `event_names` and implement `personal_data`."""

    # Tracking events a block may emit, by short name. The full name is fixed
    # here, never taken from the browser, so the event log cannot be polluted.
    event_names = ()

    @property
    def identity(self):
        return platform.current_identity(self)

    def read_only_notice(self):
        """What to tell people where answers cannot be saved (Studio preview,
        staff viewing as a learner), or "" where they can."""
        refusal = platform.write_refusal(self)
        return self.translate(READ_ONLY_MESSAGES[refusal]) if refusal else ""

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
        `reset_score`. Here every record this block writes for the learner is
        cleared (edx-submissions marks them deleted), so that the participant
        starts again as if new.
        """
        for store in self.participant_stores(str(course_id), str(item_id)):
            store.clear(user_id)

    # --- Studio ----------------------------------------------------------------

    @json_handler(STUDIO_EDIT_SHAPE, anonymous_ok=True)
    def submit_studio_edits(self, data, identity):
        """Studio's save button: the stock handler, with its input checked first.

        The stock one answers 500 to a body without 'values' or to a value its
        field cannot read; this one answers 400 and changes nothing.
        """
        if not platform.may_author(self):
            raise HandlerError(403, "authors_only", _("Only course authors may change this block's settings."))
        for name, value in data["values"].items():
            if name not in self.editable_fields:
                raise ShapeError(f"values.{name}", _("is not a setting of this block"))
            try:
                self.fields[name].from_json(value)
            except (TypeError, ValueError) as exc:
                raise ShapeError(f"values.{name}", _("has the wrong type")) from exc
        try:
            return StudioEditableXBlockMixin.submit_studio_edits.__wrapped__(self, data)
        except JsonHandlerError as exc:
            raise HandlerError(400, "invalid_settings", "%(details)s", details=_validation_text(exc.message)) from exc


def _validation_text(message):
    """The stock handler's validation JSON, as one line for people."""
    if isinstance(message, dict):
        return " ".join(m.get("text", "") for m in message.get("messages", [])) or str(message)
    return str(message)


def needs_services(cls):
    """The services every leergang block uses, declared in one place."""
    cls = XBlock.needs("i18n")(cls)
    cls = XBlock.needs("user")(cls)
    cls = XBlock.wants("settings")(cls)
    # Studio's authorship check (see platform.may_author); absent in the LMS.
    cls = XBlock.wants(platform.STUDIO_PERMISSIONS_SERVICE)(cls)
    return cls
