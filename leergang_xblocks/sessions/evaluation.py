"""A session's evaluation: each participant's answer is their artefact (edx-submissions,
through core/storage.RecordStore); the figures staff see are the trust scan's cohort
rule (trust_scan/cohort.py), reused as it is:

- every answer (and every change of an answer) is folded into one tally row inside the
  participant's write step, so a participant request never reads anyone else's answers;
- staff see a *published snapshot*, replaced only once at least K different participants
  answered or changed their answer since the last one, and nothing below K: a mean cannot
  be differenced to find one person's answer, and no figure is ever per person;
- the open answers staff read are those of the snapshot (each participant's newest answer
  written by the snapshot's moment), in a random order and without names.
"""
import random

from ..core.storage import RecordStore
from ..stores.api import artefacts
from ..trust_scan.cohort import CohortAggregate, published_view

ANSWER_ITEM_TYPE = "leergang_session_evaluation"


def answers(block, course_id=None, item_id=None):
    return RecordStore(block, ANSWER_ITEM_TYPE, course_id=course_id, item_id=item_id)


def own_latest(block, anonymous_id):
    """The participant's newest answer, or None, as an answer's write reads it: from the
    package's copies of the answers (stores.api.artefacts: written with each answer in the
    same step and cleared with it), one plain query on the participant's index, where
    edx-submissions' `get_submissions` takes two (six when it makes the StudentItem) and
    serialises every row it returns through DRF."""
    if not anonymous_id:
        return None
    store = answers(block)
    own = artefacts.own_records(store.course_id, store.item_id, store.item_type, anonymous_id)
    return own[-1] if own else None


def aggregate(block, fingerprint, course_id=None, item_id=None):
    return CohortAggregate(block, fingerprint, course_id=course_id, item_id=item_id)


def fold_in(block, identity, fingerprint, scales, previous, min_respondents):
    """Fold this participant's new answer (and out the one it replaces) into the tally.
    Call inside the participant's write step, after the record is written."""
    replaced = previous.data.get("scales") if previous and previous.data.get("fingerprint") == fingerprint else None
    if previous and replaced is None:
        # Their earlier answer was to other questions: it leaves that tally.
        aggregate(block, previous.data.get("fingerprint")).update(None, previous.data.get("scales"),
                                                                   identity.anonymous_id, min_respondents)
    aggregate(block, fingerprint).update(scales, replaced, identity.anonymous_id, min_respondents)


class EvaluationAnswers:
    """The participant store `clear_student_state` and staff's removal clear: the
    participant's answers; their newest answer leaves the tally in the same
    transaction (stores.api.artefacts.clear, stores/api/cohorts.py), so the figures
    never keep someone whose answer is gone."""

    def __init__(self, block, min_respondents, course_id, item_id):
        self.block = block
        self.min_respondents = min_respondents
        self.course_id, self.item_id = course_id, item_id
        self.records = answers(block, course_id=course_id, item_id=item_id)

    def clear(self, anonymous_id):
        self.records.clear(anonymous_id)


def staff_results(block, questions, fingerprint, min_respondents, rng=random):
    """What staff may see: per scale question the snapshot's mean and count (None below K),
    the number of participants in the snapshot, its moment, and the snapshot's open
    answers shuffled. Reads the tally row and, once a snapshot is published, every
    participant's answers (a staff request)."""
    keys = [q.key for q in questions]
    view = published_view(aggregate(block, fingerprint).current(), keys, min_respondents)
    open_answers = []
    if view["participants"]:
        newest = {}
        for record in answers(block).all_records():   # per participant, oldest first
            if record.data.get("fingerprint") == fingerprint and record.submitted_at.isoformat() <= view["as_of"]:
                newest[record.anonymous_id] = record.data.get("open", "")
        open_answers = [text for text in newest.values() if text]
        rng.shuffle(open_answers)
    return {"participants": view["participants"], "as_of": view["as_of"],
            "scales": [{"key": key, "mean": view["dimensions"][key][0], "n": view["dimensions"][key][1]}
                       for key in keys],
            "open_answers": open_answers}
