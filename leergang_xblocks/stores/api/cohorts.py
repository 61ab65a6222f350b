"""Cohort aggregates: running per-key sums over each participant's newest record of
one block, kept as tally rows (stores.api.tallies), and a participant leaving them.

The trust scan's group comparison and a session's evaluation figures
(trust_scan/cohort.py) fold each participant's newest record into one row per
block and record version (the instrument's or the questions' fingerprint):
item id `AGGREGATE_PREFIX + the block's item id`, key = the fingerprint. The
arithmetic (`fold`) lives here, beside the rows, because a record that leaves
must take its count along wherever it leaves from: staff's removal tool, the
LMS's "Delete learner's state" and erasure on retirement all clear records
through `artefacts.clear`, which calls `leave` first, in the same transaction
and under the aggregate row's lock. A participant no longer counted can never
be counted again by a second removal: `leave` reads the records that are still
there.
"""
import hashlib

from django.utils import timezone

from ..models import ArtefactCopy
from . import tallies

AGGREGATE_PREFIX = "cohort:"  # item id of a block's aggregate: this + the block's item id
FORMAT = 1
# Where a record keeps the values its aggregate sums: a trust scan result its
# dimension scores, a session evaluation answer its scale answers.
VALUE_FIELDS = ("scores", "scales")
# A removal is never the change that publishes a new snapshot: the next submit
# after K changes is (see trust_scan/cohort.py, promise 1, and `without`).
NEVER_PUBLISH = 10**9


def _hundredths(score):
    return round(score * 100)


def empty_aggregate(fingerprint):
    return {"format": FORMAT, "fingerprint": fingerprint, "participants": 0,
            "sums": {}, "pending": [], "published": None}


def fold(aggregate, new_scores, replaced_scores, who, min_cohort_size, now=None):
    """The aggregate after one participant's latest result changed.

    `new_scores` is their new result ({key: value or None}), or None when their
    records were removed; `replaced_scores` is the result it replaces (their
    previous latest of this version), or None for a first result. `who` is a
    pseudonym of the participant (hashed again here). Pure function.
    """
    result = {**aggregate, "sums": {k: list(v) for k, v in aggregate["sums"].items()},
              "pending": list(aggregate["pending"])}
    for scores, sign in ((replaced_scores, -1), (new_scores, 1)):
        for key, value in (scores or {}).items():
            if value is None:
                continue
            total = result["sums"].setdefault(key, [0, 0])
            total[0] += sign * _hundredths(value)
            total[1] += sign
    result["participants"] += (new_scores is not None) - (replaced_scores is not None)
    marker = hashlib.sha256(f"{aggregate['fingerprint']}:{who}".encode()).hexdigest()[:12]
    if marker not in result["pending"]:
        result["pending"].append(marker)
    if len(result["pending"]) >= min_cohort_size and result["participants"] >= min_cohort_size:
        result["published"] = {
            "at": (now or timezone.now()).isoformat(),
            "participants": result["participants"],
            "min_participants": min_cohort_size,   # K when published: `leave` withdraws it below K
            "dimensions": {key: [round(total / count / 100, 2) if count else None, count]
                           for key, (total, count) in result["sums"].items()},
        }
        result["pending"] = []
    return result


def _newest_records(course_id, item_id, anonymous_id):
    """The data of the participant's newest record of each kind in this item
    (one query over their own copies)."""
    newest = {}
    for item_type, data in (ArtefactCopy.objects.filter(course_id=course_id, item_id=item_id,
                                                        anonymous_id=anonymous_id)
                            .order_by("item_type", "-id").values_list("item_type", "data")):
        newest.setdefault(item_type, data)
    return newest.values()


def without(aggregate, values, who):
    """The aggregate after a participant whose newest record held `values` left it.
    Their count leaves the running sums at once; the published snapshot stays until
    K more changes (a new one now would give their values away to anyone who saw
    both), unless fewer than K participants are left: then it is withdrawn, and
    nobody sees group figures until K have taken part again. Pure function."""
    result = fold(aggregate, None, values, who, NEVER_PUBLISH)
    published = result.get("published")
    if published and result["participants"] < published.get("min_participants", 0):
        result["published"] = None
    return result


def leave(course_id, item_id, anonymous_id):
    """Take the participant's newest record of this item out of the cohort
    aggregate it counts in, if any; before their records are removed, inside
    the removal's transaction. Returns the number of aggregates they left."""
    left = 0
    for data in _newest_records(course_id, item_id, anonymous_id):
        fingerprint = data.get("fingerprint") if isinstance(data, dict) else None
        values = next((data[field] for field in VALUE_FIELDS if isinstance(data.get(field), dict)), None) \
            if fingerprint else None
        aggregate_item = AGGREGATE_PREFIX + item_id
        if values is None or tallies.read(course_id, aggregate_item, fingerprint) is None:
            continue
        tallies.update(course_id, aggregate_item, fingerprint,
                       lambda aggregate, values=values: without(aggregate, values, anonymous_id),
                       lambda fingerprint=fingerprint: empty_aggregate(fingerprint))
        left += 1
    return left
