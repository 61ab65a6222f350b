"""A participant's results in the trust scan: their scores with the cohort's and
their earlier scan's, the chart and table (templates/results.html), the
reflection prompt, and the cohort aggregate a submit folds its result into.
Mixed into `TrustScanBlock` (block.py)."""
from xblock.utils.resources import ResourceLoader

from ..core.i18n import _
from ..core.rendering import render_template
from . import scoring, series_order
from .chart import results_svg
from .cohort import CohortAggregate, published_view

loader = ResourceLoader(__name__)


class ResultsMixin:
    """The participant's results as data and HTML; mixed into `TrustScanBlock`."""

    def _results(self, identity, state=None):
        """This participant's latest result with cohort and earlier scores, as data."""
        state = state or self._participant(identity)
        result = state.latest_result
        if not result:
            return {"submitted": False}
        instrument = self.instrument
        cohort = self._cohort_snapshot(instrument, result)
        earlier = self._earlier_scores(identity, result, state.series)
        deltas = scoring.changes(earlier["scores"], result["scores"]) if earlier else {}
        lowest = scoring.lowest_dimension({k: scoring.DimensionScore(k, v, 0, 0)
                                           for k, v in result["scores"].items()})
        dimensions = []
        for dimension in instrument.dimensions:
            score = result["scores"].get(dimension.key)
            band = scoring.band_for(dimension, score)
            cohort_mean, cohort_n = cohort["dimensions"][dimension.key]
            before = earlier["scores"].get(dimension.key) if earlier else None
            dimensions.append({
                "key": dimension.key,
                "name": self.localized(dimension.name),
                "description": self.localized(dimension.description),
                "score": score,
                "band_text": self.localized(band.text) if band else "",
                "cohort_mean": cohort_mean,
                "cohort_count": cohort_n,
                "earlier": before,
                "change": deltas.get(dimension.key),
            })
        return {
            "submitted": True,
            "attempt": result["attempt"],
            "submitted_at": result["submitted_at"],
            "points": instrument.points,
            "dimensions": dimensions,
            "cohort_shown": any(d["cohort_mean"] is not None for d in dimensions),
            "has_band_texts": any(d["band_text"] for d in dimensions),
            # None below the minimum group size: a count under K is never shown.
            "cohort_participants": cohort["participants"],
            "cohort_as_of": cohort["as_of"],
            "cohort_as_of_text": self.date_text(cohort["as_of"]),
            "min_cohort_size": self.min_cohort_size,
            "earlier_submitted_at": earlier["submitted_at"] if earlier else None,
            "lowest": next(({"key": d["key"], "name": d["name"],
                             "prompt": self.localized(instrument.dimension(d["key"]).reflection)}
                            for d in dimensions if d["key"] == lowest), None),
            "can_retake": self.allow_retake,
            # The note is private: only its writer reads it, never staff viewing as them.
            "reflection": state.reflection if self._viewer_is_the_participant() else None,
        }

    def results_over_time(self, identity):
        """Each of `identity`'s results here, oldest first: when, and the score per
        dimension by name; and their note, only for themselves (as `_results`).
        Read only, one query: "Mijn leergang" (my_programme/) reads it."""
        state = self._participant(identity)
        dimensions = self.instrument.dimensions
        return {
            "points": self.instrument.points,
            "results": [{"attempt": result["attempt"], "submitted_at": result.get("submitted_at"),
                         "scores": [{"name": self.localized(d.name), "score": result["scores"].get(d.key)}
                                    for d in dimensions]}
                        for result in state.results],
            "reflection": state.reflection if self._viewer_is_the_participant() else None,
        }

    def _cohort_snapshot(self, instrument, result):
        """The published cohort comparison for the instrument of `result`
        (see cohort.py): one query for the newest aggregate row, whatever the
        cohort size. Nothing is shown for a result on another instrument."""
        keys = [d.key for d in instrument.dimensions]
        if result.get("fingerprint") != instrument.fingerprint:
            return published_view(None, keys, self.min_cohort_size)
        # A submit has just written the newest aggregate in this request: use it
        # once rather than read it back (popped, so nothing outlives the request).
        aggregate = self.__dict__.pop("_written_aggregate", None)
        if not aggregate or aggregate.get("fingerprint") != instrument.fingerprint:
            aggregate = CohortAggregate(self, instrument.fingerprint).current()
        return published_view(aggregate, keys, self.min_cohort_size)

    def _update_cohort(self, identity, instrument, scores, previous):
        """Fold this participant's new result into the cohort aggregate, inside
        the submit's serialised step. `previous` is their latest result before it."""
        if previous and previous.get("fingerprint") != instrument.fingerprint:
            # Their old result leaves its instrument's comparison.
            CohortAggregate(self, previous.get("fingerprint")).update(
                None, previous.get("scores"), identity.anonymous_id, self.min_cohort_size)
            previous = None
        self._written_aggregate = CohortAggregate(self, instrument.fingerprint).update(
            scores, previous.get("scores") if previous else None, identity.anonymous_id, self.min_cohort_size)

    def _earlier_scores(self, identity, result, series_data=None):
        """The participant's latest result on the scan before this one in the
        series order (series_order.py), if any. From their series records as
        already read (`series_data`), else one query: their own records."""
        if not self.series:
            return None
        if series_data is None:
            series_data = [record.data for record in self._series_records().history(identity.anonymous_id)]
        earlier = series_order.earlier_scan(
            series_data, str(self.scope_ids.usage_id), self.series_position, result.get("submitted_at") or "")
        if earlier is None:
            return None
        return {"scores": earlier.get("scores", {}), "submitted_at": earlier.get("submitted_at")}

    def _results_with_html(self, identity, state=None):
        """The results as data plus their HTML, computed once."""
        results = self._results(identity, state)
        return {**results, "html": self._results_html(results)}

    def _results_html(self, results):
        if not results["submitted"]:
            return ""
        rows = [{"name": d["name"], "score": d["score"], "cohort": d["cohort_mean"], "earlier": d["earlier"]}
                for d in results["dimensions"]]
        svg = results_svg(
            rows, results["points"],
            title=self.translate(_("Your scores per dimension")),
            description=self.translate(_("Bar chart of your score per dimension on a scale of 1 to %(points)s. "
                                         "The table below gives the same numbers.")) % {"points": results["points"]},
            legend={"own": self.translate(_("Your score")), "cohort": self.translate(_("Group mean")),
                    "earlier": self.translate(_("Earlier scan"))},
            id_prefix=self._element_id() + "-chart",
        )
        return render_template(self, loader, "templates/results.html",
                               {"r": results, "chart_svg": svg, "element_id": self._element_id(),
                                "reflection_prompt": self._reflection_prompt(results)})

    def series_place(self, results):
        """Where this scan stands for the participant: 'single' (no series),
        'first' (a series, nothing earlier taken) or 'later' (an earlier scan of
        the series exists). A scan the author placed after the first
        (`series_position` >= 2) whose earlier scan the participant skipped
        counts as 'single': there is nothing to compare, and maybe no next session."""
        if not self.series:
            return "single"
        if results.get("earlier_submitted_at"):
            return "later"
        return "first" if (self.series_position or 0) <= 1 else "single"

    def _reflection_prompt(self, results):
        """The reflection prompt fits the scan's place in the series: a next
        session is promised only where one follows."""
        if not results.get("lowest"):
            return ""
        prompts = {
            "single": _('Your lowest score is on "%(name)s". Think of a recent situation at work where this '
                        'played a part. What did you do, what held you back, and what small step could you '
                        'try in the coming weeks?'),
            "first": _('Your lowest score is on "%(name)s". Think of a recent situation at work where this '
                       'played a part. What did you do, what held you back, and what small step could you '
                       'try before the next session? The next scan of this programme will show what has changed.'),
            "later": _('Your lowest score is now on "%(name)s". Compare your scores with your earlier scan: '
                       'what has changed, and what helped or stood in the way? What do you want to hold on '
                       'to from here on?'),
        }
        return self.translate(prompts[self.series_place(results)]) % {"name": results["lowest"]["name"]}
