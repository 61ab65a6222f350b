"""What the trust scan keeps about a participant: the item types of its
records, what those records say (`ParticipantState`) and a participant's
records of a pre/post series (`SeriesRecords`)."""
from dataclasses import dataclass

from ..core.storage import NoteStore, RecordStore
from ..stores.api import artefacts

ITEM_TYPE = "leergang_trust_scan"
SERIES_ITEM_TYPE = "leergang_trust_scan_series"
PRIVATE_ITEM_TYPE = "leergang_trust_scan_private"


@dataclass(frozen=True)
class ParticipantState:
    """One participant in one scan, as the records say (see `TrustScanBlock._participant`).

    `private` is the newest private record: {"draft": answers, "draft_for": the
    attempt the draft belongs to, "reflection": text}. A draft belongs to the
    next attempt only while `draft_for` says so; a submit therefore closes the
    form without a second write, and `start_retake` opens it by writing a draft
    for the next attempt.
    """

    results: list
    version: int
    private: dict
    series: list = None  # their series records' data, oldest first, when read with them

    @property
    def latest_result(self):
        return self.results[-1] if self.results else None

    @property
    def next_attempt(self):
        return len(self.results) + 1

    @property
    def retaking(self):
        return bool(self.results) and self.private.get("draft_for") == self.next_attempt

    @property
    def form_open(self):
        return not self.results or self.retaking

    @property
    def draft_answers(self):
        if self.private.get("draft_for", 1) != self.next_attempt:
            return {}
        return dict(self.private.get("draft") or {})

    @property
    def reflection(self):
        return self.private.get("reflection", "")

    def after_submit(self, result, series_record=None):
        series = self.series
        if series is not None and series_record is not None:
            series = series + [series_record]
        return ParticipantState(self.results + [result], self.version, self.private, series)


class SeriesRecords(NoteStore):
    """A participant's scores on every scan of a pre/post series: copies of their
    results kept for the comparison, in the package's own table.

    Each scan writes under an item id of its own ("series:<name>:<usage id>"),
    so that clearing one scan's learner state (`clear_student_state`) leaves
    the other scans' records alone; reads cover every scan of the series.
    """

    def __init__(self, block, series, course_id=None, item_id=None):
        self.prefix = f"series:{series}:"
        super().__init__(block, SERIES_ITEM_TYPE, item_id=self.prefix + (item_id or str(block.scope_ids.usage_id)),
                         course_id=course_id, read_prefix=self.prefix)


class ResultRecords(RecordStore):
    """A participant's results: edx-submissions (through `submissions.api`), where the
    platform's tools read them, with the package's copy of each written beside it in
    the same step (stores.api.artefacts) and cleared with it.

    A write's checks read them from the copies (`read_participant`, which
    `storage.read_together` calls; the block's `_records(writing=True)`): one plain query
    on the participant's index, where `get_submissions` took two and serialised every
    earlier result through DRF, so that a retake's submit paid for each result before
    it. `history` (their own-data download) still reads edx-submissions."""

    def read_participant(self, anonymous_id):
        if not anonymous_id:
            return []
        return artefacts.own_records(self.course_id, self.item_id, self.item_type, anonymous_id)
