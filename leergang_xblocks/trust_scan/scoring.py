"""Scoring a trust scan: pure functions, no runtime.

- A reverse-worded item counts as (points + 1) - answer.
- "Weet niet / n.v.t." (answer 0) and unanswered items are left out of the mean.
- A dimension gets a score only when most (more than half) of its items are answered.
- The cohort comparison participants see is computed in cohort.py.
"""
import math
from dataclasses import dataclass

from ..core.i18n import _
from .instrument import DONT_KNOW


class AnswerError(ValueError):
    """An answer set that does not fit the instrument. `item` names the culprit."""

    def __init__(self, message, item=None):
        super().__init__(message)
        self.item = item


def check_answers(instrument, answers):
    """Refuse unknown items and values outside the scale; return a clean copy.

    `answers` maps item key -> 1..points, 0 for "don't know", or None for unanswered.
    """
    clean = {}
    for key, value in answers.items():
        if key not in instrument.item_keys:
            raise AnswerError(_("unknown item"), key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(_("not a whole number"), key)
        if value == DONT_KNOW and not instrument.allows_dont_know:
            raise AnswerError(_("this scan has no 'don't know' answer"), key)
        if not (value == DONT_KNOW or 1 <= value <= instrument.points):
            raise AnswerError(_("outside the scale"), key)
        clean[key] = value
    return clean


def item_score(instrument, item, answer):
    """The scored value of one answer, or None when it does not count."""
    if answer is None or answer == DONT_KNOW:
        return None
    return instrument.points + 1 - answer if item.reverse else answer


@dataclass(frozen=True)
class DimensionScore:
    key: str
    score: float | None  # None when too few items were answered
    answered: int
    total: int


def score_answers(instrument, answers):
    """Per dimension: the mean of the scored answers, if most items were answered."""
    results = {}
    for dimension in instrument.dimensions:
        items = instrument.items_of(dimension.key)
        values = [v for v in (item_score(instrument, i, answers.get(i.key)) for i in items) if v is not None]
        scored = len(values) * 2 > len(items)
        results[dimension.key] = DimensionScore(
            key=dimension.key,
            score=round(sum(values) / len(values), 2) if scored else None,
            answered=len(values),
            total=len(items),
        )
    return results


def band_for(dimension, score):
    if score is None:
        return None
    for band in dimension.bands:
        if band.minimum <= score <= band.maximum:
            return band
    return None


def lowest_dimension(scores):
    """The key of the lowest-scoring dimension (first one on a tie), or None."""
    scored = [s for s in scores.values() if s.score is not None]
    return min(scored, key=lambda s: s.score).key if scored else None


def mean(values):
    return sum(values) / len(values) if values else None


def standard_deviation(values):
    """Sample standard deviation (n - 1), None below two values."""
    if len(values) < 2:
        return None
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def changes(earlier, later):
    """Per dimension: later - earlier, where both have a score."""
    return {
        key: round(later[key] - earlier[key], 2)
        for key in later
        if later.get(key) is not None and earlier.get(key) is not None
    }


def cronbach_alpha(rows):
    """Cronbach's alpha for one dimension.

    `rows` are lists of item scores, one list per participant, complete cases
    only (every item answered). None with fewer than 3 participants or 2 items,
    or when the total has no variance.
    """
    if len(rows) < 3 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    item_variances = [standard_deviation([row[i] for row in rows]) ** 2 for i in range(k)]
    total_variance = standard_deviation([sum(row) for row in rows]) ** 2
    if total_variance == 0:
        return None
    return round(k / (k - 1) * (1 - sum(item_variances) / total_variance), 3)
