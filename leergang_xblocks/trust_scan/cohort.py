"""The cohort comparison participants see: a published snapshot, not a live mean.

Two promises, and how they are kept:

1. One new submission cannot be isolated. A live mean can be differenced: read
   it before and after a known colleague submits and their exact scores fall
   out. So participants see a *published snapshot*, replaced only once at
   least `refresh_every` different participants (the block's minimum group
   size, K) have submitted, retaken or been removed since the last one. Two
   consecutive snapshots differ by the contributions of at least K people, as
   the first one is the mean of at least K. A count below K is never shown.

2. A participant request never reads every participant's records. Running
   per-dimension sums (in hundredths, integers, so they never drift) are kept
   in an aggregate: one row of the package's tally table (stores.api.tallies)
   per block and instrument fingerprint. Each submit folds its own record in,
   inside the submit's transaction, under that row's lock (`select_for_update`;
   SQLite's write transactions are serialised already). Reading the snapshot
   is one query for that row. Nothing is read-modify-written in
   `Scope.user_state_summary`, and no per-process cache is involved: gunicorn's
   workers all read the same rows.

`recount` computes the same aggregate from every record (for staff and tests).

The arithmetic and the rows live in stores/api/cohorts.py: a participant whose
records are removed (staff's tool, the LMS's reset, erasure on retirement)
leaves the aggregate there, in the removal's transaction, wherever it comes from.
"""
from ..core import platform
from ..stores.api import tallies
from ..stores.api.cohorts import AGGREGATE_PREFIX, FORMAT, empty_aggregate, fold  # noqa: F401 - this module's API


def published_view(aggregate, dimension_keys, min_cohort_size):
    """What a participant may see: per dimension (mean, n) or (None, None), the
    participant count (None below K) and the date of the snapshot."""
    published = (aggregate or {}).get("published")
    if not published or published["participants"] < min_cohort_size:
        return {"dimensions": {key: (None, None) for key in dimension_keys}, "participants": None, "as_of": None}
    dimensions = {}
    for key in dimension_keys:
        mean, count = published["dimensions"].get(key, (None, 0))
        dimensions[key] = (mean, count) if mean is not None and count >= min_cohort_size else (None, None)
    return {"dimensions": dimensions, "participants": published["participants"], "as_of": published["at"]}


def recount(latest_scores, fingerprint):
    """The running part of the aggregate from every participant's latest record
    of this instrument (`latest_scores`: iterable of {dimension: score})."""
    aggregate = empty_aggregate(fingerprint)
    for scores in latest_scores:
        aggregate = fold(aggregate, scores, None, "", 10**9)
    return {"participants": aggregate["participants"], "sums": aggregate["sums"]}


class CohortAggregate:
    """The aggregate rows of one block and one instrument fingerprint."""

    def __init__(self, block, fingerprint, course_id=None, item_id=None):
        self.course_id = course_id or platform.course_id(block)
        self.item_id = AGGREGATE_PREFIX + (item_id or platform.item_id(block))
        self.fingerprint = fingerprint

    def current(self):
        """The newest aggregate, or None (one query on its row)."""
        return tallies.read(self.course_id, self.item_id, self.fingerprint)

    def update(self, new_scores, replaced_scores, who, min_cohort_size):
        """Fold one participant's change in and save the new aggregate.

        Call inside the transaction that writes the participant's record, so
        that both or neither are kept. The aggregate row's lock serialises
        every writer of this aggregate until that transaction ends.
        """
        return tallies.update(self.course_id, self.item_id, self.fingerprint,
                              lambda aggregate: fold(aggregate, new_scores, replaced_scores, who, min_cohort_size),
                              lambda: empty_aggregate(self.fingerprint))
