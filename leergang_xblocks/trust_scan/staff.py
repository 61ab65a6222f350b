"""What staff see of a trust scan: cohort statistics, a CSV download and the
platform's instructor report (`generate_report_data`).

Statistics are computed from each participant's latest record when asked for;
nothing is tallied in shared block state. Each instrument's responses are kept
apart by the instrument's fingerprint: an author who changes the instrument
after responses exist (a 5-point scale made 7-point, an item reworded) starts a
new set of statistics; the older responses are counted, not mixed in.
"""
from collections import Counter

from xblock.utils.resources import ResourceLoader

from ..core import dates
from ..core.export import csv_format, csv_response, filename_part, local_date, local_time
from ..core.handlers import Choice, Object, Optional, json_handler
from ..core.i18n import _
from ..core.platform import username_lookup
from ..core.rendering import render_template
from . import scoring, series_order
from .cohort import CohortAggregate, recount
from .instrument import DONT_KNOW

loader = ResourceLoader(__name__)
# `names=1`: usernames instead of anonymous ids. `format=nl` (`;` and a decimal
# comma, for Excel with Dutch regional settings) or `format=en` (`,` and a
# decimal point); without it, the format that fits the downloader's language.
EXPORT_QUERY = Object({"names": Optional(Choice("0", "1"), "0"),
                       "format": Optional(Choice("nl", "en"), None)})


class StaffMixin:
    """Staff handlers of the trust scan; mixed into `TrustScanBlock`."""

    def cohort_statistics(self):
        """Responses, and per dimension: n, mean, sd, distribution, Cronbach's alpha;
        plus the mean pre/post change where this scan is the later one of a series."""
        instrument = self.instrument
        records, other_instruments = [], {}
        for record in self._records().latest_per_participant():
            fingerprint = record.data.get("fingerprint")
            if fingerprint == instrument.fingerprint:
                records.append(record)
            else:
                other = other_instruments.setdefault(fingerprint, {"instrument": record.data.get("instrument"),
                                                                   "fingerprint": fingerprint, "responses": 0})
                other["responses"] += 1
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
        return {"responses": len(records), "dimensions": dimensions, "growth": self._cohort_growth(records),
                "instrument_fingerprint": instrument.fingerprint,
                "other_instruments": sorted(other_instruments.values(), key=lambda o: -o["responses"])}

    def earlier_scan_records(self):
        """anonymous id -> the data of their result on the scan before this one in
        the series order (series_order.py), for staff views and the CSV. Empty
        when the scan is not in a series. Reads every series record: staff only."""
        store = self._series_records()
        if not store:
            return {}
        return series_order.earlier_by_participant(
            ((record.anonymous_id, record.data) for record in store.all_records()),
            str(self.scope_ids.usage_id), self.series_position, "9999")

    def cohort_check(self):
        """The cohort aggregate beside a recount from every record (for staff
        diagnostics and tests): they must agree."""
        instrument = self.instrument
        latest = [r.data.get("scores", {}) for r in self._records().latest_per_participant()
                  if r.data.get("fingerprint") == instrument.fingerprint]
        aggregate = CohortAggregate(self, instrument.fingerprint).current()
        kept = {"participants": aggregate["participants"], "sums": aggregate["sums"]} if aggregate else None
        return {"aggregate": kept, "recount": recount(latest, instrument.fingerprint),
                "published": aggregate.get("published") if aggregate else None}

    def _cohort_growth(self, records):
        """Mean change per dimension since the earlier scan of the series, k-anonymous."""
        if not self.series:
            return None
        earlier = self.earlier_scan_records()
        pairs = [(earlier[r.anonymous_id].get("scores", {}), r.data.get("scores", {}))
                 for r in records if r.anonymous_id in earlier]
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

    @json_handler(EXPORT_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """Every participant's latest answers and scores, then (below an empty row)
        what each column means: the dimension, the statement, reverse-worded or not.
        In a pre/post series, also each participant's score on the earlier scan
        (in the series order of `earlier_scan_records`) and the change since.
        Anonymous ids unless `names=1`."""
        instrument = self.instrument
        fmt = csv_format(data.get("format"), self.language)
        name_of = username_lookup(self) if data["names"] == "1" else (lambda anonymous_id: anonymous_id)
        zone_name = self.time_zone
        timezone = {"timezone": dates.zone_label(zone_name)}
        dimension_keys = [d.key for d in instrument.dimensions]
        columns = {
            "score": [f"{self.translate(_('score'))}: {key}" for key in dimension_keys],
            "item": [f"{self.translate(_('item'))}: {i.key}" for i in instrument.items],
        }
        earlier = self.earlier_scan_records() if self.series else None
        if earlier is not None:
            columns["earlier"] = [f"{self.translate(_('earlier scan'))}: {key}" for key in dimension_keys]
            columns["change"] = [f"{self.translate(_('change'))}: {key}" for key in dimension_keys]
        header = ([self.translate(_("participant")), self.translate(_("attempt")),
                   self.translate(_("submitted at (%(timezone)s)")) % timezone,
                   self.translate(_("instrument version"))]
                  + columns["score"]
                  + (columns["earlier"] + columns["change"]
                     + [self.translate(_("earlier scan submitted at (%(timezone)s)")) % timezone]
                     if earlier is not None else [])
                  + columns["item"])

        def answer_cell(value):
            if value is None:
                return None
            return fmt.not_applicable if value == DONT_KNOW else value

        def rows():
            for record in self._records().latest_per_participant():
                scores = record.data.get("scores", {})
                answers = record.data.get("answers", {})
                row = ([name_of(record.anonymous_id), record.attempt, record.submitted_at,
                        record.data.get("fingerprint")]
                       + [scores.get(key) for key in dimension_keys])
                if earlier is not None:
                    before = earlier.get(record.anonymous_id) or {}
                    before_scores = before.get("scores") or {}
                    changes = scoring.changes(before_scores, scores) if before else {}
                    row += ([before_scores.get(key) for key in dimension_keys]
                            + [changes.get(key) for key in dimension_keys]
                            + [local_time(before["submitted_at"], zone_name) if before.get("submitted_at") else None])
                yield row + [answer_cell(answers.get(i.key)) for i in instrument.items]

        # Scan, place in its series (two scans of a series often share a title), instrument, date.
        series = (f"_{filename_part(self.series, 'series')}-{self.series_position or 0}" if self.series else "")
        filename = "{}{}_{}_{}.csv".format(filename_part(self.display_name, "trust-scan"), series, instrument.key,
                                           local_date(zone_name=zone_name))
        return csv_response(filename, header, rows(), fmt, self._column_legend(instrument, fmt, columns),
                            zone_name=zone_name)

    def _column_legend(self, instrument, fmt, columns):
        """The second table of the CSV: what each score and answer column means."""
        yes, no = self.translate(_("yes")), self.translate(_("no"))
        labels = [f"{number} = {self.localized(label)}" for number, label in enumerate(instrument.labels, start=1)]
        if instrument.allows_dont_know:
            labels.append(f"{fmt.not_applicable} = {self.localized(instrument.dont_know)}")
        legend = [[self.translate(_("column")), self.translate(_("dimension")),
                   self.translate(_("reverse-worded")), self.translate(_("statement or description"))],
                  [self.translate(_("instrument")), instrument.key, "", self.localized(instrument.title)],
                  [self.translate(_("instrument version")), instrument.fingerprint, "",
                   self.translate(_("The version of the instrument a row was answered on. Rows with another "
                                    "version answered an earlier form of this scan: compare them with care."))],
                  [self.translate(_("answers")), "", "", "; ".join(labels)]]
        for column, dimension in zip(columns["score"], instrument.dimensions):
            legend.append([column, self.localized(dimension.name), "",
                           self.localized(dimension.description) or self.localized(dimension.name)])
        if "earlier" in columns:
            for column, dimension in zip(columns["earlier"], instrument.dimensions):
                legend.append([column, self.localized(dimension.name), "",
                               self.translate(_("The score on the scan before this one in the series."))])
            for column, dimension in zip(columns["change"], instrument.dimensions):
                legend.append([column, self.localized(dimension.name), "",
                               self.translate(_("This scan's score minus the earlier scan's score."))])
        for column, item in zip(columns["item"], instrument.items):
            legend.append([column, self.localized(instrument.dimension(item.dimension).name),
                           yes if item.reverse else no, self.localized(item.text)])
        return legend

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
