"""What staff see of a trust scan: cohort statistics, a CSV download and the
platform's instructor report (`generate_report_data`).

Statistics are computed from each participant's latest record when asked for;
nothing is tallied in shared block state.
"""
from collections import Counter

from xblock.utils.resources import ResourceLoader

from ..core.export import csv_response
from ..core.handlers import Choice, Object, Optional, json_handler
from ..core.i18n import _
from ..core.platform import username_lookup
from ..core.rendering import render_template
from . import scoring
from .instrument import DONT_KNOW

loader = ResourceLoader(__name__)
NAMES_QUERY = Object({"names": Optional(Choice("0", "1"), "0")})


class StaffMixin:
    """Staff handlers of the trust scan; mixed into `TrustScanBlock`."""

    def cohort_statistics(self):
        """Responses, and per dimension: n, mean, sd, distribution, Cronbach's alpha;
        plus the mean pre/post change where this scan is the later one of a series."""
        instrument = self.instrument
        records = list(self._records().latest_per_participant())
        # One pass over the records: each answer is scored once.
        item_scores = [{item.key: scoring.item_score(instrument, item, r.data.get("answers", {}).get(item.key))
                        for item in instrument.items} for r in records]
        dimensions = []
        for dimension in instrument.dimensions:
            keys = [item.key for item in instrument.items_of(dimension.key)]
            scores = [r.data["scores"][dimension.key] for r in records
                      if r.data.get("scores", {}).get(dimension.key) is not None]
            rows = ([scored[key] for key in keys] for scored in item_scores)
            complete_rows = [row for row in rows if None not in row]
            distribution = Counter(min(int(score), instrument.points - 1) for score in scores)
            mean = scoring.mean(scores)
            sd = scoring.standard_deviation(scores)
            dimensions.append({
                "key": dimension.key,
                "name": self.localized(dimension.name),
                "n": len(scores),
                "mean": round(mean, 2) if mean is not None else None,
                "sd": round(sd, 2) if sd is not None else None,
                # Bins [1,2), [2,3), ... with the top score in the last bin.
                "distribution": [{"from": low, "to": low + 1, "count": distribution.get(low, 0)}
                                 for low in range(1, instrument.points)],
                "alpha": scoring.cronbach_alpha(complete_rows),
                "alpha_n": len(complete_rows),
            })
        return {"responses": len(records), "dimensions": dimensions, "growth": self._cohort_growth(records)}

    def _cohort_growth(self, records):
        """Mean change per dimension from the earlier scan of the series, k-anonymous."""
        store = self._series_records()
        if not store:
            return None
        this_block = str(self.scope_ids.usage_id)
        first_elsewhere = {}
        for record in store.all_records():
            if record.data.get("block") != this_block:
                first_elsewhere.setdefault(record.anonymous_id, record.data.get("scores", {}))
        pairs = [(first_elsewhere[r.anonymous_id], r.data.get("scores", {}))
                 for r in records if r.anonymous_id in first_elsewhere]
        changes = {}
        for dimension in self.instrument.dimensions:
            deltas = [later[dimension.key] - earlier[dimension.key] for earlier, later in pairs
                      if later.get(dimension.key) is not None and earlier.get(dimension.key) is not None]
            shown = len(deltas) >= self.min_cohort_size
            changes[dimension.key] = {"n": len(deltas),
                                      "mean_change": round(scoring.mean(deltas), 2) if shown and deltas else None}
        return {"participants": len(pairs), "dimensions": changes}

    @json_handler(methods=("GET",), staff_only=True)
    def staff_report(self, data, identity):
        """Cohort statistics for staff, as data and as the HTML of the staff panel."""
        stats = self.cohort_statistics()
        html = render_template(self, loader, "templates/staff_report.html",
                               {"s": stats, "min_cohort_size": self.min_cohort_size})
        return {**stats, "html": html}

    @json_handler(NAMES_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """Every participant's latest answers and scores. Anonymous ids unless `names=1`."""
        instrument = self.instrument
        name_of = username_lookup(self) if data["names"] == "1" else (lambda anonymous_id: anonymous_id)
        header = ([self.translate(_("participant")), self.translate(_("attempt")),
                   self.translate(_("submitted at"))]
                  + [f"{self.translate(_('score'))}: {d.key}" for d in instrument.dimensions]
                  + [f"{self.translate(_('item'))}: {i.key}" for i in instrument.items])

        def rows():
            for record in self._records().latest_per_participant():
                scores = record.data.get("scores", {})
                answers = record.data.get("answers", {})
                yield ([name_of(record.anonymous_id), record.attempt, record.submitted_at.isoformat()]
                       + [_blank_if_none(scores.get(d.key)) for d in instrument.dimensions]
                       + [_answer_cell(answers.get(i.key)) for i in instrument.items])

        return csv_response(f"trust-scan-{instrument.key}.csv", header, rows())

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's instructor "problem response" report: one per participant
        with their latest scores and answers."""
        count = 0
        for user_state in user_state_iterator:
            # `submitted_result` is the write-only copy of the latest record that
            # submit keeps for this report; drafts and notes are not in user state.
            latest = user_state.state.get("submitted_result") or (user_state.state.get("results_history") or [None])[-1]
            if not latest:
                continue
            report = {"attempt": latest.get("attempt"), "submitted_at": latest.get("submitted_at")}
            report.update({f"score {key}": value for key, value in latest.get("scores", {}).items()})
            report.update({f"item {key}": value for key, value in latest.get("answers", {}).items()})
            yield (user_state.username, report)
            count += 1
            if limit_responses is not None and count >= limit_responses:
                return


def _blank_if_none(value):
    return "" if value is None else value


def _answer_cell(value):
    if value is None:
        return ""
    return "n/a" if value == DONT_KNOW else value
