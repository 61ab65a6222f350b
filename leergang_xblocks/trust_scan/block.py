"""The trust scan (vertrouwensscan): a self-assessment with dimension scores,
a chart, a k-anonymous cohort comparison and pre/post growth.

Where things are:
- fields and Studio settings: this file, top of `TrustScanBlock`
- participant handlers (save_draft, submit, results, save_reflection): this file
- staff handlers (staff_report, export_csv) and instructor reports: `staff.py`
- scoring, cohort means, alpha: `scoring.py`; instruments: `instrument.py`; chart: `chart.py`
"""
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.handlers import (EMPTY, HandlerError, Int, MapOf, Nullable, Object, Str,
                             json_handler)
from ..core.i18n import _
from ..core.validation import Problem
from ..core.rendering import render_template, view_fragment
from ..core.storage import NoteStore, PrivateState, Record, RecordStore, read_together
from . import scoring, series_order
from .chart import results_svg
from .instrument import (DONT_KNOW, MAX_ITEMS, custom_instrument, shipped_instrument,
                         shipped_instrument_keys)
from .cohort import CohortAggregate, published_view
from .staff import StaffMixin

loader = ResourceLoader(__name__)

# Rendered questions per (instrument fingerprint, language, block): see `_questions_html`.
_QUESTIONS_KEPT = 64
_questions_kept = OrderedDict()
_questions_lock = threading.Lock()
_RADIO = re.compile(r'<input type="radio" name="([^"]*)" value="([^"]*)">')

ITEM_TYPE = "leergang_trust_scan"
SERIES_ITEM_TYPE = "leergang_trust_scan_series"
PRIVATE_ITEM_TYPE = "leergang_trust_scan_private"
CUSTOM = "custom"
ANSWERS = MapOf(Str(40), Nullable(Int(0, 7)), MAX_ITEMS)


def _instrument_choices(block=None):
    """Shipped instruments by their title in the author's language, then 'custom'."""
    return [{"display_name": block.localized(shipped_instrument(key).title) if block else key, "value": key}
            for key in shipped_instrument_keys()] + [{"display_name": _("Custom (paste YAML below)"), "value": CUSTOM}]


@needs_services
class TrustScanBlock(StaffMixin, LeergangBlockMixin, XBlock):
    """A self-assessment on governing from trust, taken once or as pre/post."""

    display_name = String(display_name=_("Display name"), default=_("Trust scan"), scope=Scope.settings)
    intro = String(
        display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True, xml_node=True,
        help=_("Shown above the questions. Plain text."),
    )
    instrument_key = String(
        display_name=_("Instrument"), default="sturen_vanuit_vertrouwen", scope=Scope.settings,
        values_provider=_instrument_choices,
        help=_("One of the instruments that come with this block, or your own: choose 'Custom' "
               "and paste it as YAML under Advanced settings."),
    )
    custom_instrument_yaml = String(
        display_name=_("Custom instrument (YAML)"), default="", scope=Scope.content, multiline_editor=True,
        xml_node=True,  # exported as an element, so the YAML stays readable in OLX
        help=_("Used when you choose 'Custom' as the instrument. The authors' guide describes the format."),
    )
    min_cohort_size = Integer(
        display_name=_("Minimum group size for the cohort comparison"), default=5, scope=Scope.settings,
        help=_("The cohort mean is shown only once at least this many participants have a score (3 or more)."),
    )
    allow_retake = Boolean(
        display_name=_("Allow retakes"), default=False, scope=Scope.settings,
        help=_("Participants may take the scan again; earlier results are kept."),
    )
    series = String(
        display_name=_("Pre/post series"), default="", scope=Scope.settings,
        help=_("Give two scans in this course the same series name (say 'start-end') "
               "to show participants their change on the later one."),
    )
    series_position = Integer(
        display_name=_("Position in the series"), default=0, scope=Scope.settings,
        help=_("1 for the first scan of the series, 2 for the next, and so on. Set it before participants "
               "start. Scans with the same position count in the order in which a participant took them."),
    )

    # Everything about a participant is in records (core/storage.py): results in
    # `_records()`, the draft and the private note in `_private()`; whether they
    # submitted, their attempts and "retaking" are derived from those
    # (`_participant`). This copy of the latest result exists only for the
    # platform's "Problem responses" report, which reads user state; it is
    # written in submit's serialised step and never read to decide anything.
    submitted_result = Dict(default={}, scope=Scope.user_state)
    # A submit saves that copy, which keeps the learner's user-state row for the LMS's
    # reset on its own: it need not read the marker as well (core/reset.py).
    report_copy_keeps_state_row = True

    # Writing an instrument of one's own is for the few who need it: folded away.
    studio_advanced = ("custom_instrument_yaml",)

    editable_fields = ("display_name", "intro", "instrument_key", "custom_instrument_yaml",
                       "min_cohort_size", "allow_retake", "series", "series_position")
    event_names = ("draft_saved", "submitted", "retake_started", "reflection_saved")

    # --- The instrument -----------------------------------------------------------

    @property
    def instrument(self):
        """The instrument in use. Studio refuses invalid ones, but a course imported
        from OLX, or a shipped instrument removed in an upgrade, can still lack one."""
        try:
            key = self.instrument_key
            # The YAML field is read only when used: in the workbench every field
            # read is a query, and most scans use a shipped instrument.
            return _load_instrument(key, self.custom_instrument_yaml if key == CUSTOM else "")
        except AuthoredDataError as exc:
            # Every problem, in the reader's language (an OLX import can bring broken YAML).
            raise HandlerError(409, "not_configured", _("This scan is not set up correctly: %(problem)s"),
                               problem="; ".join(exc.texts(self.translate))) from exc

    def settings_problems(self, data):
        """Every problem in the settings, each naming its field (and for the
        YAML its line and key path). Types are already checked (core/blocks.py)."""
        problems = []
        if data.instrument_key != CUSTOM and data.instrument_key not in shipped_instrument_keys():
            problems.append(Problem(("instrument_key",), _("Choose one of the options in the list.")))
        elif data.instrument_key == CUSTOM:
            try:
                custom_instrument(data.custom_instrument_yaml or "")
            except AuthoredDataError as exc:
                problems += [Problem(("custom_instrument_yaml",) + p.path, p.message, p.params, p.line)
                             for p in exc.problems]
        if not isinstance(data.min_cohort_size, int) or not 3 <= data.min_cohort_size <= 1000:
            problems.append(Problem(("min_cohort_size",), _("Write a whole number from 3 to 1000.")))
        if len(data.series or "") > 60:
            problems.append(Problem(("series",), _("Write at most 60 characters.")))
        if not isinstance(data.series_position, int) or not 0 <= data.series_position <= 99:
            problems.append(Problem(("series_position",), _("Write a whole number from 0 to 99.")))
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        return problems

    # --- Records ------------------------------------------------------------------

    def _records(self):
        return RecordStore(self, ITEM_TYPE)

    def _series_records(self, course_id=None, item_id=None):
        return SeriesRecords(self, self.series, course_id, item_id) if self.series else None

    def _private(self, course_id=None, item_id=None):
        """The participant's draft and private note: private records, versioned."""
        return PrivateState(self, PRIVATE_ITEM_TYPE, course_id=course_id, item_id=item_id)

    staff_removal_text = _("This removes everything %(participant)s did in this scan: their submitted results, "
                           "their draft and their private note. They can then fill it in again as if new. Their "
                           "scores are taken out of the group figures at once; the group mean participants see "
                           "changes with the next snapshot, once at least %(k)s participants have submitted, "
                           "retaken or been removed since the last one. If fewer than %(k)s participants are "
                           "left, participants see no group mean until there are %(k)s again.")

    def staff_removal_params(self):
        return {"k": self.min_cohort_size}

    def participant_stores(self, course_id, item_id):
        """Every store this block writes for a participant (for clear_student_state)."""
        stores = [RecordStore(self, ITEM_TYPE, item_id=item_id, course_id=course_id),
                  self._private(course_id, item_id)]
        if self.series:
            stores.append(self._series_records(course_id, item_id))
        return stores

    def _participant(self, identity, with_series=False):
        """What the records say about this participant, read now, in one query:
        their results, their newest private state and, `with_series`, their
        records of this scan's series (storage.read_together).

        Inside a writing handler this runs within the serialised step, so what
        it returns is what the next write builds on.
        """
        if not identity.anonymous_id:
            return ParticipantState([], 0, {}, [] if with_series else None)
        series = self._series_records() if with_series else None
        stores = [self._records(), self._private()] + ([series] if series else [])
        found = read_together(identity.anonymous_id, *stores)
        results = [{**record.data, "attempt": record.attempt} for record in found[0]]
        version, private = PrivateState.state_of(found[1][-1] if found[1] else None)
        series_data = [record.data for record in found[2]] if series else ([] if with_series else None)
        return ParticipantState(results, version, private, series_data)

    # --- Views --------------------------------------------------------------------

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        try:
            instrument = self.instrument
        except HandlerError as exc:
            return view_fragment(self, loader, "templates/not_configured.html",
                                 {"block": self, "problem": self.translate(exc.message) % exc.params})
        state = self._participant(identity)
        show_form = state.form_open
        context = {
            "block": self,
            "instrument_title": self.localized(instrument.title),
            "instrument_description": self.localized(instrument.description),
            "questions_html": self._questions_html(instrument, state.draft_answers) if show_form else "",
            "show_form": show_form,
            "results_html": "" if show_form else self._results_html(self._results(identity, state)),
            # Only items the instrument still has: a draft from before an upgrade
            # may hold answers to retired items.
            "answered": sum(1 for k, v in state.draft_answers.items() if v is not None and k in instrument.item_keys),
            "total": len(instrument.items),
            "is_staff": identity.is_staff,
            "signed_in": identity.is_authenticated,
            "element_id": self._element_id(),
            "points": instrument.points,
            "dont_know_label": self.localized(instrument.dont_know) if instrument.allows_dont_know else "",
            "min_cohort_size": self.min_cohort_size,
            "read_only": self.read_only_notice(),
        }
        return self.add_staff_removal(view_fragment(
            self, loader, "templates/student_view.html", context,
            js_files=["static/trust_scan.js"], css_files=["static/trust_scan.css"],
            init_fn="LeergangTrustScan",
            init_args={"version": state.version, "total": len(instrument.items)},
        ), identity)

    def student_view_data(self, context=None):
        """For the mobile apps: the instrument and the settings."""
        try:
            instrument = self.instrument
        except HandlerError:
            return {"display_name": self.display_name, "configured": False}
        return {
            "display_name": self.display_name,
            "intro": self.intro,
            "instrument": {
                "key": instrument.key,
                "title": instrument.title,
                "points": instrument.points,
                "labels": list(instrument.labels),
                "dont_know": instrument.dont_know,
                "dimensions": [{"key": d.key, "name": d.name} for d in instrument.dimensions],
                "items": [{"key": i.key, "dimension": i.dimension, "text": i.text} for i in instrument.items],
            },
            "allow_retake": self.allow_retake,
            "min_cohort_size": self.min_cohort_size,
            "series": self.series,
            "configured": True,
        }

    def _viewer_is_the_participant(self):
        return platform.viewer_is_the_participant(self)

    def _element_id(self):
        return "trust-scan-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    def _questions_html(self, instrument, draft_answers):
        """The questions with this participant's draft answers checked.

        The questions of one instrument, language and block are the same for
        every participant: rendered once (templates/questions.html: 30 items
        with 6 labelled radio buttons each were most of a page's time) and
        kept; the draft's answers are then checked in one pass over the radio
        buttons' `name` and `value`, which the template writes last in the tag.
        """
        element_id = self._element_id()
        key = (instrument.fingerprint, self.language, element_id)
        html = _questions_kept.get(key)
        if html is None:
            html = render_template(self, loader, "templates/questions.html",
                                   {"questions": self._question_context(instrument), "element_id": element_id})
            with _questions_lock:
                _questions_kept[key] = html
                if len(_questions_kept) > _QUESTIONS_KEPT:
                    _questions_kept.popitem(last=False)
        checked = {f"{escape(element_id)}-{escape(item)}": str(value)
                   for item, value in draft_answers.items() if value is not None}
        if not checked:
            return html
        return _RADIO.sub(lambda m: m.group(0)[:-1] + " checked>" if checked.get(m.group(1)) == m.group(2)
                          else m.group(0), html)

    def _question_context(self, instrument):
        labels = [self.localized(label) for label in instrument.labels]
        options = [{"value": i + 1, "label": label} for i, label in enumerate(labels)]
        if instrument.allows_dont_know:
            options.append({"value": DONT_KNOW, "label": self.localized(instrument.dont_know), "dont_know": True})
        groups = []
        for dimension in instrument.dimensions:
            groups.append({
                "name": self.localized(dimension.name),
                "description": self.localized(dimension.description),
                "questions": [
                    {"key": item.key, "text": self.localized(item.text), "options": options}
                    for item in instrument.items_of(dimension.key)
                ],
            })
        return groups

    # --- Results for the participant ------------------------------------------------

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

    # --- Participant handlers ---------------------------------------------------------

    # Every handler below that writes declares writes=True: it runs in this
    # participant's serialised step (core/storage.py), and its checks read the
    # records inside that step through `_participant`.

    @json_handler(Object({"answers": ANSWERS, "version": Int(0)}), writes=True)
    def save_draft(self, data, identity):
        """Keep answers given so far. `version` must be the one last returned (else 409)."""
        state = self._participant(identity)
        self._require_open_form(state)
        if data["version"] != state.version:
            raise HandlerError(409, "stale_version", _("These answers were changed elsewhere. "
                                                       "Reload the page to continue."))
        self._checked_answers(data["answers"])
        merged = {**state.draft_answers, **data["answers"]}  # null clears an answer
        item_keys = self.instrument.item_keys  # answers to retired items (after an upgrade) are dropped
        draft = {key: value for key, value in merged.items() if value is not None and key in item_keys}
        version = self._private().write(identity.anonymous_id,
                                        {**state.private, "draft": draft, "draft_for": state.next_attempt},
                                        state.version)
        self.publish_event("draft_saved", {"answered": len(draft)})
        return {"version": version, "answered": len(draft)}

    @json_handler(Object({"answers": ANSWERS}), writes=True)
    def submit(self, data, identity):
        """Score the answers, store them as this participant's result, return the results."""
        state = self._participant(identity, with_series=True)
        self._require_open_form(state)
        instrument = self.instrument
        answers = self._checked_answers(data["answers"])
        scores = scoring.score_answers(instrument, answers)
        if all(s.score is None for s in scores.values()):
            raise HandlerError(400, "too_few_answers", _("Answer most questions of at least one dimension "
                                                         "before you submit."))
        attempt = state.next_attempt
        now = timezone.now().isoformat()
        record = {
            "instrument": instrument.key,
            "fingerprint": instrument.fingerprint,
            "answers": answers,
            "scores": {key: s.score for key, s in scores.items()},
            "submitted_at": now,
        }
        self._records().append(identity.anonymous_id, record, attempt)
        series_record = None
        if self.series:
            series_record = {"block": str(self.scope_ids.usage_id), "position": self.series_position,
                             "scores": record["scores"], "submitted_at": now}
            self._series_records().append(identity.anonymous_id, series_record, attempt)
        self._update_cohort(identity, instrument, record["scores"], state.latest_result)
        result = {**record, "attempt": attempt}
        self.submitted_result = result
        self.emit_completion(1.0)
        self.publish_event("submitted", {"attempt": attempt, "instrument": instrument.key,
                                         "scores": record["scores"]})
        return self._results_with_html(identity, state.after_submit(result, series_record))

    @json_handler(methods=("GET",))
    def results(self, data, identity):
        """This participant's latest result, the cohort means (if K reached) and earlier scores."""
        return self._results_with_html(identity, self._participant(identity, with_series=True))

    @json_handler(EMPTY, writes=True)
    def start_retake(self, data, identity):
        """Open the questions again, if the author allows retakes. Earlier results stay."""
        state = self._participant(identity)
        if not state.results:
            raise HandlerError(409, "not_submitted", _("There is no result to retake yet."))
        if not self.allow_retake:
            raise HandlerError(403, "no_retake", _("This scan can be taken only once."))
        if not state.retaking:  # a second click opens nothing new
            self._private().write(identity.anonymous_id,
                                  {**state.private, "draft": {}, "draft_for": state.next_attempt}, state.version)
            self.publish_event("retake_started", {"attempt": state.next_attempt})
        return {"retaking": True}

    @json_handler(Object({"text": Str(5000, multiline=True)}), writes=True)
    def save_reflection(self, data, identity):
        """The participant's private note on the reflection prompt."""
        state = self._participant(identity)
        if not state.results:
            raise HandlerError(409, "not_submitted", _("Submit the scan before you write a reflection."))
        self._private().write(identity.anonymous_id, {**state.private, "reflection": data["text"]}, state.version)
        self.publish_event("reflection_saved", {"length": len(data["text"])})
        return {"saved": True}

    @staticmethod
    def _require_open_form(state):
        if not state.form_open:
            raise HandlerError(409, "already_submitted", _("You have already submitted this scan."))

    def _checked_answers(self, answers):
        try:
            return scoring.check_answers(self.instrument, answers)
        except scoring.AnswerError as exc:
            raise HandlerError(400, "invalid_answer", _("Answer '%(item)s' is not valid: %(problem)s."),
                               item=str(exc.item)[:40], problem=self.translate(str(exc))) from exc

    def personal_data(self, identity):
        """Everything stored about this participant here: results, draft, note, every
        version of the private state, and their records of this series from every scan."""
        if not identity.anonymous_id:
            return {}
        state = self._participant(identity)
        history = self._records().history(identity.anonymous_id)
        series = self._series_records()
        own = self._viewer_is_the_participant()

        def private(data):  # the note stays out of a download staff make while viewing as the learner
            return data if own else {k: v for k, v in (data or {}).items() if k != "reflection"}

        return {
            "results": state.results,
            "draft_answers": state.draft_answers,
            "reflection": state.reflection if own else None,
            "stored_records": [{"attempt": r.attempt, "submitted_at": str(r.submitted_at), "data": r.data}
                               for r in history],
            "private_versions": [{"version": r.attempt, "saved_at": str(r.submitted_at), "data": private(r.data)}
                                 for r in self._private().history(identity.anonymous_id)],
            "series_records": [{"series": self.series, "submitted_at": str(r.submitted_at), "data": r.data}
                               for r in series.history(identity.anonymous_id)] if series else [],
        }

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS


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


def _load_instrument(key, custom_yaml):
    if key == CUSTOM:
        return custom_instrument(custom_yaml or "")
    return shipped_instrument(key)
