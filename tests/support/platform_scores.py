"""The platform's score and reset paths, as far as a block can observe them: the
LMS's receivers of edx-submissions' score signals, and the instructor dashboard's
"Delete learner's state". Each fake names the platform file, function and commit it
mirrors (tests/platform/test_fake_provenance.py checks it).
"""
class SubmissionsScoreReceiver:
    """The LMS's receivers of edx-submissions' score signals, as far as a block can observe them.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 lms/djangoapps/grades/signals/handlers.py submissions_score_set_handler, submissions_score_reset_handler

    `submissions_score_set_handler`
    (a score_set for a known anonymous id with points_possible > 0 becomes
    PROBLEM_WEIGHTED_SCORE_CHANGED for that learner and the block at `item_id`;
    points_possible 0 is dropped) and `submissions_score_reset_handler` (a score_reset
    becomes a deleted score, 0 of 0). `user_by_anonymous_id` is the `users` mapping
    (anonymous id -> user id); without one, every anonymous id is its own user.
    What the LMS would send on is kept in `changed`, as dicts with user_id,
    anonymous_user_id, course_id, usage_id, weighted_earned, weighted_possible and
    score_deleted. Use as a context manager (connects on enter, disconnects on exit).
    """

    def __init__(self, users=None):
        self.users = users
        self.changed = []

    def _user(self, anonymous_id):
        return anonymous_id if self.users is None else self.users.get(anonymous_id)

    paused = False   # disconnect_submissions_signal_receiver(score_set), as reset_student_attempts does

    def score_set(self, sender, **kwargs):
        if self.paused:
            return
        user = self._user(kwargs["anonymous_user_id"])
        if user is None or kwargs["points_possible"] == 0:
            return
        self.changed.append({"user_id": user, "anonymous_user_id": kwargs["anonymous_user_id"],
                             "course_id": kwargs["course_id"], "usage_id": kwargs["item_id"],
                             "weighted_earned": kwargs["points_earned"],
                             "weighted_possible": kwargs["points_possible"], "score_deleted": False})

    def score_reset(self, sender, **kwargs):
        user = self._user(kwargs["anonymous_user_id"])
        if user is None:
            return
        self.changed.append({"user_id": user, "anonymous_user_id": kwargs["anonymous_user_id"],
                             "course_id": kwargs["course_id"], "usage_id": kwargs["item_id"],
                             "weighted_earned": 0, "weighted_possible": 0, "score_deleted": True})

    def __enter__(self):
        from submissions.models import score_reset, score_set
        score_set.connect(self.score_set, dispatch_uid=f"fake_score_set_{id(self)}")
        score_reset.connect(self.score_reset, dispatch_uid=f"fake_score_reset_{id(self)}")
        return self

    def __exit__(self, *exc):
        from submissions.models import score_reset, score_set
        score_set.disconnect(dispatch_uid=f"fake_score_set_{id(self)}")
        score_reset.disconnect(dispatch_uid=f"fake_score_reset_{id(self)}")

    def of(self, anonymous_id):
        return [(c["weighted_earned"], c["weighted_possible"]) for c in self.changed
                if c["anonymous_user_id"] == anonymous_id]


class StudentModuleDoesNotExist(Exception):
    """What `StudentModule.objects.get` raises; the instructor dashboard shows "Module does not exist".

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 lms/djangoapps/instructor/enrollment.py reset_student_attempts (StudentModule.DoesNotExist)
    """


def reset_student_attempts(block, learner_block, user_id, requesting_user_id, receiver=None):
    """The instructor's "Delete learner's state" for one learner and one block.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 lms/djangoapps/instructor/enrollment.py reset_student_attempts

    With delete_module=True and emit_signals_and_events=True:
    - the block (loaded from the modulestore, not bound to the learner: `block`) has
      `clear_student_state`, so it is called with keyword arguments user_id (the
      learner's anonymous id), course_id and item_id (strings) and
      requesting_user_id, while edx-submissions' score_set receiver is disconnected
      (`_conditionally_disconnect_submissions_signal_recievers`: `receiver.paused`);
      score_reset stays connected;
    - then, because the block cleared state, the platform's own `sub_api.reset_score`
      and its "score deleted" signal are skipped;
    - then `StudentModule.objects.get(student, course, block)`: the learner's
      user-state row, which exists once a user_state field of theirs was saved
      (the LMS's FieldDataCache creates the row on the first write). Missing:
      StudentModuleDoesNotExist. Found: deleted (here: every user_state field of
      `learner_block`, the block as the learner's runtime loads it).
    """
    from xblock.fields import Scope
    if receiver is not None:
        receiver.paused = True
    try:
        block.clear_student_state(user_id=user_id, course_id=_course_of(block),
                                  item_id=str(block.scope_ids.usage_id), requesting_user_id=requesting_user_id)
    finally:
        if receiver is not None:
            receiver.paused = False
    user_fields = [f for f in learner_block.fields.values() if f.scope == Scope.user_state]
    if not any(f.is_set_on(learner_block) for f in user_fields):
        raise StudentModuleDoesNotExist("Module does not exist")
    for field in user_fields:
        if field.is_set_on(learner_block):
            field.delete_from(learner_block)
    learner_block.save()


def _course_of(block):
    """The course key as a string (the LMS passes str(course_id)); the workbench's stand-in."""
    from leergang_xblocks.core import platform
    return platform.course_id(block)
