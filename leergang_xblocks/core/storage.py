"""Records that other people read: append-only rows in edx-submissions.

A participant's own working state (a draft) lives in the block's
`Scope.user_state`. Anything that staff or other participants read (scan
results for the cohort comparison and the staff report; later peer updates and
arguments) is written as one new edx-submissions row per participant and item,
never updated in place. Totals are computed from those rows when they are read,
so two participants writing at the same moment can never overwrite each other,
as a read-modify-write tally in `Scope.user_state_summary` would.

Rows are keyed by the participant's anonymous id only.
"""
from dataclasses import dataclass

from submissions import api as submissions_api
from submissions.models import Submission

from . import platform


@dataclass(frozen=True)
class Record:
    anonymous_id: str
    attempt: int
    submitted_at: object
    data: dict


class RecordStore:
    """The records of one kind (`item_type`) for one block."""

    def __init__(self, block, item_type, item_id=None):
        self.course_id = platform.course_id(block)
        self.item_id = item_id or platform.item_id(block)
        self.item_type = item_type

    def _student_item(self, anonymous_id):
        return {
            "student_id": anonymous_id,
            "course_id": self.course_id,
            "item_id": self.item_id,
            "item_type": self.item_type,
        }

    def append(self, anonymous_id, data, attempt):
        """Add a new record; earlier ones stay."""
        row = submissions_api.create_submission(self._student_item(anonymous_id), data, attempt_number=attempt)
        return Record(anonymous_id, row["attempt_number"], row["submitted_at"], row["answer"])

    def history(self, anonymous_id):
        """This participant's records, oldest first (one query)."""
        return list(self._rows("submitted_at", "id", student_id=anonymous_id))

    def _rows(self, *order, student_id=None):
        """(anonymous id, attempt, submitted_at, answer) of this item, in one streamed query."""
        only_one = {"student_item__student_id": student_id} if student_id else {}
        rows = (
            Submission.objects
            .filter(**only_one,
                    student_item__course_id=self.course_id,
                    student_item__item_id=self.item_id,
                    student_item__item_type=self.item_type)  # the default manager leaves out deleted rows
            .order_by(*order)
            .values_list("student_item__student_id", "attempt_number", "submitted_at", "answer")
        )
        for anonymous_id, attempt, submitted_at, answer in rows.iterator(chunk_size=2000):
            yield Record(anonymous_id, attempt, submitted_at, answer)

    def latest_per_participant(self):
        """The newest record of every participant.

        Reads the edx-submissions model directly rather than through
        `get_all_submissions`, whose per-row serializer dominates the cost of a
        staff report on a large cohort; the query is the same.
        """
        last_seen = None
        for record in self._rows("student_item__student_id", "-submitted_at", "-id"):
            if record.anonymous_id != last_seen:
                last_seen = record.anonymous_id
                yield record

    def all_records(self):
        """Every record of this item, participant by participant, oldest first."""
        return self._rows("student_item__student_id", "submitted_at", "id")
