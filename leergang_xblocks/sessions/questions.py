"""Questions for a speaker: posted before the session, endorsed by others, ordered by
endorsements for the facilitator.

- A question is its writer's artefact (edx-submissions through core/storage.RecordStore),
  with a random id (`qid`) that everyone else sees instead of a name.
- An endorsement is a row in the package's own table (stores.api.endorsements), once per
  person per question by the table's unique key: a double click endorses once.
- Staff hide a question through core/moderation.py (scope "questions"): gone for
  participants and from the presenter view, kept in the record and the facilitator's list.
- A participant's read is bounded: the MAX_SHOWN newest questions and the
  MAX_MOST_ENDORSED most endorsed (from the endorsement counts' index, then the records
  of those questions' writers), their endorsement counts, the participant's own
  endorsements and the hidden ids: six queries whatever the cohort size. So a popular
  older question stays in view, and the view says when the list leaves questions out
  (`limited`: there are more than the newest MAX_SHOWN). Staff's list reads every question.
"""
import uuid
from typing import NamedTuple

from ..core import platform
from ..core.moderation import Moderation
from ..core.storage import RecordStore
from ..stores.api import artefacts, endorsements

QUESTION_ITEM_TYPE = "leergang_session_question"
SCOPE = "questions"
# A participant's list: at most 100 questions, so it reads well on a phone and costs a
# participant's read about the same in a cohort of 5,000 as in one of 20 (each shown
# question adds rows to read and markup to send; issue 19 asks growth <= 1.5x).
MAX_SHOWN = 50             # the newest questions a participant sees (and may endorse)
MAX_MOST_ENDORSED = 50     # and the most endorsed, however old
MAX_PER_PARTICIPANT = 5
MAX_QUESTION = 500


# edx-submissions keeps one student item per (course, student, item id), whatever the item
# type: the questions live under an item id of their own beside the evaluation's answers.
ITEM_SUFFIX = "#questions"


def records(block, course_id=None, item_id=None):
    return RecordStore(block, QUESTION_ITEM_TYPE, course_id=course_id,
                       item_id=(item_id or platform.item_id(block)) + ITEM_SUFFIX)


def own(store, anonymous_id):
    """The participant's own questions, oldest first, from the package's copies
    (stores.api.artefacts; see evaluation.own_latest): one plain query on their index."""
    return artefacts.own_records(store.course_id, store.item_id, store.item_type, anonymous_id)


def new_question_id():
    return uuid.uuid4().hex[:16]


def ordered(questions):
    """Most endorsed first; among equals the oldest first (asked earliest)."""
    return sorted(questions, key=lambda q: (-q["endorsements"], q["at"]))


class Listing(NamedTuple):
    """The questions a participant sees, and whether there are more than they see."""
    items: list
    limited: bool


class Shown(NamedTuple):
    """The question records a participant sees now (none hidden), read once per request."""
    store: RecordStore
    records: list
    limited: bool

    def find(self, question_id):
        """The record of a question a participant may endorse (shown to them), or None."""
        return next((r for r in self.records if r.data.get("qid") == question_id), None)


def shown_now(block):
    """The newest MAX_SHOWN and the MAX_MOST_ENDORSED most endorsed questions, none hidden,
    each once (a Shown)."""
    store = records(block)
    hidden = Moderation(block).hidden_ids(SCOPE)
    newest = store.newest(MAX_SHOWN + 1)
    limited = len(newest) > MAX_SHOWN
    shown = [r for r in newest[:MAX_SHOWN] if r.data.get("qid") not in hidden]
    seen = {r.data.get("qid") for r in shown}
    most = dict(endorsements.most_endorsed(store.course_id, store.item_id, MAX_MOST_ENDORSED, leave_out=hidden))
    if most:
        # Their writers' records even when every one is among the newest already: the
        # same queries in a small course as in a large one (tests/perf).
        shown += [r for r in store.of_participants(set(most.values()))
                  if r.data.get("qid") in most and r.data["qid"] not in seen and most[r.data["qid"]] == r.anonymous_id]
    return Shown(store, shown, limited)


def for_participant(block, identity, shown=None):
    """The questions a participant sees (a Listing): not hidden, with counts, which are
    theirs and which they endorsed; no names. `shown`: what this request read already
    (an endorsement changes counts, not which questions are shown)."""
    shown = shown or shown_now(block)
    store = shown.store
    counts = endorsements.counts(store.course_id, store.item_id, [r.data["qid"] for r in shown.records])
    mine = endorsements.endorsed_by(store.course_id, store.item_id, identity.anonymous_id) \
        if identity.anonymous_id else set()
    return Listing(ordered([{"id": r.data["qid"], "text": r.data.get("text", ""),
                             "endorsements": counts.get(r.data["qid"], 0),
                             "own": r.anonymous_id == identity.anonymous_id, "endorsed": r.data["qid"] in mine,
                             "at": r.submitted_at.isoformat()} for r in shown.records]), shown.limited)


def for_staff(block):
    """Every question with its count and whether staff hid it (facilitator's list)."""
    store = records(block)
    hidden = Moderation(block).hidden_everywhere()
    counts = endorsements.counts(store.course_id, store.item_id)
    return ordered([{"id": r.data["qid"], "text": r.data.get("text", ""), "endorsements": counts.get(r.data["qid"], 0),
                     "hidden": r.data["qid"] in hidden, "at": r.submitted_at.isoformat()}
                    for r in store.all_records()])


def for_presenter(staff_list):
    """What may be shown to the room: the questions not hidden, with their counts; nothing else."""
    return [{"id": q["id"], "text": q["text"], "endorsements": q["endorsements"]} for q in staff_list if not q["hidden"]]


class QuestionStores:
    """What "Delete learner's state" and staff's removal clear: the participant's questions
    and their endorsements (others' endorsements of their questions stay with the endorsers,
    but count nothing once the question is gone)."""

    def __init__(self, block, course_id, item_id):
        self.records = records(block, course_id=course_id, item_id=item_id)
        self.moderation = Moderation(block, course_id=course_id, block_item=item_id)
        self.course_id = course_id

    def clear(self, anonymous_id):
        self.records.clear(anonymous_id)
        # The endorsements are kept under the questions' item id (`records`), not the block's.
        endorsements.clear(self.course_id, self.records.item_id, anonymous_id)
        self.moderation.clear(anonymous_id)
