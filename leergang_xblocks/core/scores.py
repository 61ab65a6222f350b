"""A learner's score in a scored block, set the way the platform takes a score
that someone other than the learner may set: edx-submissions' `set_score`.

Why not the runtime's `grade` event: the LMS grades the requesting user with it
(xmodule/services.py, `EventPublishingService._handle_grade_event`); a `user_id`
in the event is ignored, so a staff action would grade the staff member. A
score set on the learner's submission for this block sends edx-submissions'
`score_set` signal, which the LMS turns into that learner's grade
(lms/djangoapps/grades/signals/handlers.py, `submissions_score_set_handler`),
the route ORA2's staff grading takes. The grades app then reads a block's score
from edx-submissions before the courseware state (lms/djangoapps/grades/scores.py,
`get_score`), so once a block has a score here, every later score of that
learner must come this way too: learners' own writes use it as well.

The student item is the learner's anonymous id, the course id, this block's
usage id (what the grades app looks the score up by) and the block type. It
holds one submission, made when the first score is set, saying what the score
rests on; each score carries an annotation with who set it and the basis then.
"""
import json

from . import platform

ANNOTATION_TYPE = "leergang_score_basis"


def student_item(block, anonymous_id, course_id=None, item_id=None):
    """The edx-submissions student item of `anonymous_id`'s score in `block`."""
    return {"student_id": anonymous_id,
            "course_id": course_id if course_id is not None else platform.course_id(block),
            "item_id": item_id if item_id is not None else platform.item_id(block),
            "item_type": block.scope_ids.block_type}


def current_score(block, anonymous_id):
    """(earned, possible) of the learner's score in this block, or None (never set, or reset)."""
    from submissions import api
    score = api.get_score(student_item(block, anonymous_id))
    return (score["points_earned"], score["points_possible"]) if score else None


def set_learner_score(block, anonymous_id, earned, possible, basis, set_by, item_id=None):
    """Set `anonymous_id`'s score in `block` to earned/possible when it changed.

    `basis` (JSON data) is what the score rests on; `set_by` the anonymous id of
    who caused it (the learner, or a staff member). Returns True when a score was
    set. Nothing is set for a block worth 0 points (the LMS ignores such a score:
    `submissions_score_set_handler` returns when points_possible is 0), and
    nothing when the score stays what it is: without a score the LMS already
    counts 0 of the block's points, so a first score of 0 is no change either.
    `item_id`: the usage id of another block of the same type in the course whose score
    this is (a case tracker's scored copy, set from another copy); default this block.
    """
    from submissions import api
    earned, possible = int(earned), int(possible)
    if possible <= 0 or not anonymous_id:
        return False
    item = student_item(block, anonymous_id, item_id=item_id)
    score = api.get_score(item)
    current = (score["points_earned"], score["points_possible"]) if score else None
    if current == (earned, possible) or (current is None and earned == 0):
        return False
    found = api.get_submissions(item, limit=1)
    uuid = found[0]["uuid"] if found else api.create_submission(item, {"kind": "score_basis", **basis})["uuid"]
    api.set_score(uuid, earned, possible, annotation_creator=set_by or "", annotation_type=ANNOTATION_TYPE,
                  annotation_reason=json.dumps(basis, sort_keys=True))
    return True


def reset_learner_score(anonymous_id, course_id, item_id):
    """The learner's score in the block at `item_id` is gone (edx-submissions' `reset_score`,
    whose `score_reset` signal the LMS turns into a deleted score,
    `submissions_score_reset_handler`). Nothing happens when there never was one."""
    from submissions import api
    api.reset_score(anonymous_id, str(course_id), str(item_id))
