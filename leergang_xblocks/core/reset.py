"""Removing one participant's data from a block: the LMS's "Delete learner's state"
and the staff tool in each block's staff view.

The LMS (lms/djangoapps/instructor/enrollment.py, `reset_student_attempts`, for
"Reset attempts" with deletion and "Delete learner's state" of one learner)
calls the block's `clear_student_state(user_id, course_id, item_id,
requesting_user_id)`, then skips its own score reset, and then reads the
learner's StudentModule (the row of their user state) to delete it. Two things
follow, and this module does both:

- A block whose records live in edx-submissions and our stores has no user
  state of its own to speak of; without a StudentModule the instructor reads
  "Module does not exist" after the records were already cleared. Every
  participant write therefore keeps a small user-state marker
  (`has_participant_records`), so the row exists (and goes with the reset).
- A scored block keeps its persisted grade unless it resets the score itself:
  `clear_student_state` resets it through edx-submissions (core/scores.py).

The bulk deletes (every learner's state of a problem, and an entrance exam's
state) run as instructor tasks whose step is
lms/djangoapps/instructor_task/tasks_helper/module_state.py,
`delete_problem_module_state` (openedx/openedx-platform at
e57a655d77b614f19223984e9805b1fb940ab192): it deletes StudentModule rows and
never calls the block, so our records and scores stay. For one learner, staff have the block's own
tool: "Remove a participant's data" in the staff view (`remove_participant_data`),
with a confirmation that says what it removes and what happens to work the
participant has open.
"""
from django.db import transaction
from xblock.fields import Boolean, Scope
from xblock.utils.resources import ResourceLoader

from . import platform, scores, storage
from .handlers import READ_ONLY_MESSAGES, HandlerError, Object, Str, json_handler
from .i18n import _
from .rendering import render_template
from .text import is_blank

_loader = ResourceLoader(__name__)

PARTICIPANT = Str(200, min_length=1)
RUNNING_WORK_TEXT = _("This cannot be undone. If %(participant)s has the page open, what they send from it "
                      "afterwards is saved as new work; an autosaved draft asks them to reload the page first.")


def clear_block_state(block, anonymous_id, course_id, item_id):
    """What a reset of one participant in `block` removes: every store the block
    names in `participant_stores`, and its score (a scored block); all or nothing,
    so that an aggregate they leave (stores/api/cohorts.py) never loses them
    while their records stay."""
    with transaction.atomic():
        for store in block.participant_stores(str(course_id), str(item_id)):
            store.clear(anonymous_id)
        if getattr(block, "has_score", False):
            scores.reset_learner_score(anonymous_id, course_id, item_id)


class ResetMixin:
    """Mixed into every leergang block through LeergangBlockMixin."""

    # The LMS keeps a learner's user state in one StudentModule row per block and
    # reads it after `clear_student_state`: without it the instructor reads
    # "Module does not exist". Written by every participant write (core/handlers.py).
    has_participant_records = Boolean(default=False, scope=Scope.user_state)

    # What the staff tool removes, as the confirmation says it (blocks override);
    # %(participant)s is the name or id staff typed.
    staff_removal_text = _("This removes everything %(participant)s wrote in this block.")

    # A block whose writes mostly save a user-state report copy may set this: a write
    # that saves another user-state field, or read one with a stored value, then
    # neither reads nor writes the marker, since that field shows the row. The
    # workbench's store pays two queries to read the marker, the LMS nothing (its row
    # is loaded anyway). Off by default: a block whose next write saves no copy would
    # then write the marker there (one query more in the workbench than reading it).
    report_copy_keeps_state_row = False

    def keep_participant_state(self):
        if self.report_copy_keeps_state_row and any(self._shows_user_state_row(f) for f in self._dirty_fields):
            return
        if not self.has_participant_records:
            self.has_participant_records = True

    def _shows_user_state_row(self, field):
        if field.scope != Scope.user_state or field.name == "has_participant_records":
            return False
        return field._is_dirty(self) or self._field_data_cache.get(field.name, field.default) != field.default

    def staff_removal_stores(self, course_id, item_id):
        """The stores the staff tool clears (by default what "Delete learner's state" clears)."""
        return self.participant_stores(course_id, item_id)

    def staff_removal_step(self, identity):
        """The step in which the participant's own writes wait while their data is removed."""
        return storage.participant_write(self, identity)

    def staff_removal_params(self):
        return {}

    def staff_removal_panel_html(self):
        """The staff tool's panel, for a block's staff view (escaped; put it in with |safe)."""
        what = self.translate(self.staff_removal_text) % {**self.staff_removal_params(),
                                                          "participant": "%(participant)s"}
        return render_template(self, _loader, "templates/staff_removal_panel.html", {
            "element_id": "leergang-removal-" + "".join(ch if ch.isalnum() else "-"
                                                         for ch in str(self.scope_ids.usage_id)),
            "what": what,
            "running": self.translate(RUNNING_WORK_TEXT), "params": self.staff_removal_params()})

    def add_staff_removal(self, fragment, identity):
        """Put the staff tool's panel in a student view's fragment, for staff (its script
        is started by core's block initializer)."""
        if identity.is_staff:
            fragment.add_content(self.staff_removal_panel_html())
        return fragment

    def _participant_to_remove(self, text):
        """The anonymous id behind a username (the LMS's user service answers staff) or an
        anonymous id the platform knows; else 404."""
        anonymous_id = platform.anonymous_id_for_username(self, text)
        if anonymous_id:
            return anonymous_id
        if platform.django_user_of(self, text) is not None:
            return text
        raise HandlerError(404, "no_such_participant", _("There is no participant '%(id)s' in this course."),
                           id=text[:60])

    @json_handler(Object({"participant": PARTICIPANT}), staff_only=True)
    def remove_participant_data(self, data, identity):
        """Staff: remove one participant's data from this block (see `staff_removal_text`)."""
        refusal = platform.write_refusal(self)
        if refusal:
            raise HandlerError(403, "read_only_preview", READ_ONLY_MESSAGES[refusal])
        if is_blank(data["participant"]):
            raise HandlerError(400, "empty_text", _("Fill in the participant's username or anonymous id."),
                               field="participant")
        anonymous_id = self._participant_to_remove(data["participant"].strip())
        if anonymous_id == identity.anonymous_id:
            raise HandlerError(400, "own_data", _("Use the block as a participant to change your own data."))
        participant = platform.Identity(anonymous_id, None, "", False)
        course_id, item_id = platform.course_id(self), platform.item_id(self)
        with self.staff_removal_step(participant):
            for store in self.staff_removal_stores(course_id, item_id):
                store.clear(anonymous_id)
            if getattr(self, "has_score", False):
                scores.reset_learner_score(anonymous_id, course_id, item_id)
        self.runtime.publish(self, f"leergang.{self.scope_ids.block_type}.participant_data_removed",
                             {"participant": anonymous_id})
        return {"removed": anonymous_id, "message": self.translate(_(
            "The data of %(participant)s in this block is removed.")) % {"participant": data["participant"].strip()}}
