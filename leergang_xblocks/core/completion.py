"""When a participant is done with a block, as the platform's completion API hears it.

Every leergang block declares completion the platform's way through XBlock's
`CompletableXBlockMixin` (in `LeergangBlockMixin`): `completion_mode` is
"completable" and `has_custom_completion` is True, so the LMS does not mark it
complete on view (completion/services.py, `can_mark_block_complete_on_view`)
and waits for the block's own `completion` event, which the runtime hands to
the completion service for the requesting user (xmodule/services.py,
`EventPublishingService.publish`; not while staff view as a learner). The
event is therefore sent from the participant's own request, inside the write
step that made them done. Done, per block (docs/platform.md says the same):

- trust scan: submitted;
- groups: introduction posted (a block that asks for no introduction is
  complete on view: its `has_custom_completion` is False);
- feedback round: update posted, and feedback given to every assigned peer who
  has posted an update (one cannot owe feedback on an update that is not there);
- case tracker: the whole journey (focus 0): the case described; a session copy:
  that session's log entry written, or for a session without log entries its
  paper handed in (paper session) or presentation saved (presentation session),
  else the case described. The case is the course's, so a copy also reports it
  when the participant opens it and is done there by work done in another copy;
- dialogue: a position taken in the current round, and the closing reflection
  when the exercise asks for one.
"""


def report_done(block, done):
    """Send the completion event for the participant of this request when `done`."""
    if done:
        block.emit_completion(1.0)
    return bool(done)


def feedback_round_done(view):
    """`view`: the participant view of a feedback round (a member's, not a mentor's)."""
    if view.get("is_mentor") or not view.get("my_update"):
        return False
    return all(peer["given"] for peer in view.get("to_review", []) if peer["has_update"])


def case_copy_done(view, focus_session, sessions, paper_asked=True):
    """`view`: the participant's CaseView; `focus_session`: 0 or the session this copy shows;
    `paper_asked`: the block requires a final paper (else a paper session asks for none)."""
    session = next((s for s in sessions if s.number == focus_session), None) if focus_session else None
    if session is None:
        return bool(view.defined)
    if session.log_entry:
        return bool(view.entries_for(session.number))
    if session.paper and paper_asked:
        return view.paper is not None
    if session.presentation:
        return view.presentation is not None
    return bool(view.defined)


def dialogue_done(has_position, has_reflection, reflection_asked):
    return bool(has_position) and (bool(has_reflection) or not reflection_asked)
