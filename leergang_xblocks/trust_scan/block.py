"""The trust scan (vertrouwensscan): a self-assessment with dimension scores,
a chart, a k-anonymous cohort comparison and pre/post growth.

Where things are:
- fields and Studio settings: this file, top of `TrustScanBlock`
- participant handlers (save_draft, submit, results, save_reflection): this file
- staff handlers (staff_report, export_csv) and instructor reports: `staff.py`
- scoring, cohort means, alpha: `scoring.py`; instruments: `instrument.py`; chart: `chart.py`
"""
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, List, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.validation import ValidationMessage

from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.handlers import (EMPTY, HandlerError, Int, MapOf, Nullable, Object, Str,
                             json_handler)
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from ..core.storage import RecordStore
from . import scoring
from .chart import results_svg
from .instrument import (DONT_KNOW, MAX_ITEMS, custom_instrument, shipped_instrument,
                         shipped_instrument_keys)
from .staff import StaffMixin

loader = ResourceLoader(__name__)

ITEM_TYPE = "leergang_trust_scan"
SERIES_ITEM_TYPE = "leergang_trust_scan_series"
CUSTOM = "custom"
COHORT_CACHE_SECONDS = 60
ANSWERS = MapOf(Str(40), Nullable(Int(0, 7)), MAX_ITEMS)


def _instrument_choices(block=None):
    return [{"display_name": key, "value": key} for key in shipped_instrument_keys()] + [
        {"display_name": _("Custom (paste YAML below)"), "value": CUSTOM}]


@needs_services
@XBlock.supports("multi_device")
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
        help=_("A shipped instrument, or 'custom' to use the YAML below."),
    )
    custom_instrument_yaml = String(
        display_name=_("Custom instrument (YAML)"), default="", scope=Scope.content, multiline_editor=True,
        xml_node=True,  # exported as an element, so the YAML stays readable in OLX
        help=_("Used when the instrument is 'custom'. The README describes the format."),
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

    # Per participant, private. Results that others read are records in edx-submissions.
    draft_answers = Dict(default={}, scope=Scope.user_state)
    draft_version = Integer(default=0, scope=Scope.user_state)
    results_history = List(default=[], scope=Scope.user_state)
    retaking = Boolean(default=False, scope=Scope.user_state)
    reflection = String(default="", scope=Scope.user_state)

    editable_fields = ("display_name", "intro", "instrument_key", "custom_instrument_yaml",
                       "min_cohort_size", "allow_retake", "series")
    event_names = ("draft_saved", "submitted", "retake_started", "reflection_saved")

    # --- The instrument -----------------------------------------------------------

    @property
    def instrument(self):
        """The instrument in use. Studio refuses invalid ones, but a course imported
        from OLX, or a shipped instrument removed in an upgrade, can still lack one."""
        try:
            return _load_instrument(self.instrument_key, self.custom_instrument_yaml)
        except AuthoredDataError as exc:
            raise HandlerError(409, "not_configured", _("This scan is not set up correctly: %(problem)s"),
                               problem=str(exc)) from exc

    def validate_field_data(self, validation, data):
        def error(text):
            validation.add(ValidationMessage(ValidationMessage.ERROR, text))

        try:
            _load_instrument(data.instrument_key, data.custom_instrument_yaml)
        except AuthoredDataError as exc:
            error(self.translate(_("The instrument cannot be used: %(problem)s")) % {"problem": str(exc)})
        if not isinstance(data.min_cohort_size, int) or not 3 <= data.min_cohort_size <= 1000:
            error(self.translate(_("The minimum group size must be a whole number from 3 to 1000.")))
        if len(data.series or "") > 60:
            error(self.translate(_("The series name may be at most 60 characters.")))
        if not (data.display_name or "").strip():
            error(self.translate(_("The display name may not be empty.")))

    # --- Records ------------------------------------------------------------------

    def _records(self):
        return RecordStore(self, ITEM_TYPE)

    def _series_records(self):
        return RecordStore(self, SERIES_ITEM_TYPE, item_id="series:" + self.series) if self.series else None

    @property
    def latest_result(self):
        return self.results_history[-1] if self.results_history else None

    # --- Views --------------------------------------------------------------------

    def student_view(self, context=None):
        identity = self.identity
        try:
            instrument = self.instrument
        except HandlerError as exc:
            return view_fragment(self, loader, "templates/not_configured.html",
                                 {"block": self, "problem": self.translate(exc.message) % exc.params})
        show_form = not self.latest_result or self.retaking
        context = {
            "block": self,
            "instrument_title": self.localized(instrument.title),
            "instrument_description": self.localized(instrument.description),
            "questions": self._question_context(instrument) if show_form else [],
            "show_form": show_form,
            "results_html": "" if show_form else self._results_html(self._results(identity)),
            "answered": sum(1 for v in self.draft_answers.values() if v is not None),
            "total": len(instrument.items),
            "is_staff": identity.is_staff,
            "signed_in": identity.is_authenticated,
            "element_id": self._element_id(),
            "points": instrument.points,
            "dont_know_label": self.localized(instrument.dont_know) if instrument.allows_dont_know else "",
            "min_cohort_size": self.min_cohort_size,
        }
        return view_fragment(
            self, loader, "templates/student_view.html", context,
            js_files=["static/trust_scan.js"], css_files=["static/trust_scan.css"],
            init_fn="LeergangTrustScan",
            init_args={"version": self.draft_version, "total": len(instrument.items)},
        )

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

    def _element_id(self):
        return "trust-scan-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

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
                    {"key": item.key, "text": self.localized(item.text), "options": options,
                     "value": self.draft_answers.get(item.key)}
                    for item in instrument.items_of(dimension.key)
                ],
            })
        return groups

    # --- Results for the participant ------------------------------------------------

    def _results(self, identity):
        """This participant's latest result with cohort and earlier scores, as data."""
        result = self.latest_result
        if not result:
            return {"submitted": False}
        instrument = self.instrument
        cohort = self._cohort_means(instrument)
        earlier = self._earlier_scores(identity, result)
        deltas = scoring.changes(earlier["scores"], result["scores"]) if earlier else {}
        lowest = scoring.lowest_dimension({k: scoring.DimensionScore(k, v, 0, 0)
                                           for k, v in result["scores"].items()})
        dimensions = []
        for dimension in instrument.dimensions:
            score = result["scores"].get(dimension.key)
            band = scoring.band_for(dimension, score)
            cohort_mean, cohort_n = cohort.get(dimension.key, (None, 0))
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
        participants = max((n for _, n in cohort.values()), default=0)
        return {
            "submitted": True,
            "attempt": result["attempt"],
            "submitted_at": result["submitted_at"],
            "points": instrument.points,
            "dimensions": dimensions,
            "cohort_shown": any(d["cohort_mean"] is not None for d in dimensions),
            "has_band_texts": any(d["band_text"] for d in dimensions),
            "cohort_participants": participants,
            "min_cohort_size": self.min_cohort_size,
            "earlier_submitted_at": earlier["submitted_at"] if earlier else None,
            "lowest": next(({"key": d["key"], "name": d["name"]} for d in dimensions if d["key"] == lowest), None),
            "can_retake": self.allow_retake,
            "reflection": self.reflection,
        }

    def _cohort_key(self, instrument):
        store = self._records()
        return f"leergang:trust_scan:cohort:{store.course_id}:{store.item_id}:{instrument.fingerprint}"

    def _cohort_means(self, instrument):
        """Cohort means from every participant's latest record.

        Computing them reads the whole cohort, so a participant's page would
        slow down as the cohort grows; the result is cached for a minute and
        dropped on every submit in this process. It is a cache of a value
        computed from the records, never updated in place, so concurrent
        writers cannot lose anything; at worst a page shows a mean up to a
        minute old.
        """
        key = self._cohort_key(instrument)
        means = cache.get(key)
        if means is None or means.get("_k") != self.min_cohort_size:
            means = scoring.cohort_means(
                (record.data.get("scores", {}) for record in self._records().latest_per_participant()),
                [d.key for d in instrument.dimensions], self.min_cohort_size,
            )
            means["_k"] = self.min_cohort_size
            cache.set(key, means, COHORT_CACHE_SECONDS)
        return {k: v for k, v in means.items() if k != "_k"}

    def _earlier_scores(self, identity, result):
        """The participant's first result in this series from another scan, if any."""
        store = self._series_records()
        if not store:
            return None
        this_block = str(self.scope_ids.usage_id)
        for record in store.history(identity.anonymous_id):
            if record.data.get("block") != this_block:
                return {"scores": record.data.get("scores", {}), "submitted_at": record.data.get("submitted_at")}
        return None

    def _results_with_html(self, identity):
        """The results as data plus their HTML, computed once."""
        results = self._results(identity)
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
        return "first" if (getattr(self, "series_position", 0) or 0) <= 1 else "single"

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

    @json_handler(Object({"answers": ANSWERS, "version": Int(0)}))
    def save_draft(self, data, identity):
        """Keep answers given so far. `version` must be the one last returned (else 409)."""
        self._require_open_form()
        if data["version"] != self.draft_version:
            raise HandlerError(409, "stale_version", _("These answers were changed elsewhere. "
                                                       "Reload the page to continue."))
        self._checked_answers(data["answers"])
        merged = {**self.draft_answers, **data["answers"]}  # null clears an answer
        self.draft_answers = {key: value for key, value in merged.items() if value is not None}
        self.draft_version += 1
        self.publish_event("draft_saved", {"answered": len(self.draft_answers)})
        return {"version": self.draft_version, "answered": len(self.draft_answers)}

    @json_handler(Object({"answers": ANSWERS}))
    def submit(self, data, identity):
        """Score the answers, store them as this participant's result, return the results."""
        self._require_open_form()
        instrument = self.instrument
        answers = self._checked_answers(data["answers"])
        scores = scoring.score_answers(instrument, answers)
        if all(s.score is None for s in scores.values()):
            raise HandlerError(400, "too_few_answers", _("Answer most questions of at least one dimension "
                                                         "before you submit."))
        # The stored records, not this participant's block state, decide: a repeated
        # request whose first answer never arrived must not add a second result.
        stored = self._records().history(identity.anonymous_id)
        if stored and not self.retaking:
            raise HandlerError(409, "already_submitted", _("You have already submitted this scan."))
        attempt = len(stored) + 1
        now = timezone.now().isoformat()
        record = {
            "instrument": instrument.key,
            "fingerprint": instrument.fingerprint,
            "answers": answers,
            "scores": {key: s.score for key, s in scores.items()},
            "submitted_at": now,
        }
        with transaction.atomic():
            self._records().append(identity.anonymous_id, record, attempt)
            if self.series:
                self._series_records().append(
                    identity.anonymous_id,
                    {"block": str(self.scope_ids.usage_id), "scores": record["scores"], "submitted_at": now},
                    None,
                )
        cache.delete(self._cohort_key(instrument))
        self.results_history = self.results_history + [{**record, "attempt": attempt}]
        # Only what changed is written: the workbench's store costs two queries a field.
        if self.draft_answers:
            self.draft_answers = {}
        if self.retaking:
            self.retaking = False
        self.emit_completion(1.0)
        self.publish_event("submitted", {"attempt": attempt, "instrument": instrument.key,
                                         "scores": record["scores"]})
        return self._results_with_html(identity)

    @json_handler(methods=("GET",))
    def results(self, data, identity):
        """This participant's latest result, the cohort means (if K reached) and earlier scores."""
        return self._results_with_html(identity)

    @json_handler(EMPTY)
    def start_retake(self, data, identity):
        """Open the questions again, if the author allows retakes. Earlier results stay."""
        if not self.latest_result:
            raise HandlerError(409, "not_submitted", _("There is no result to retake yet."))
        if not self.allow_retake:
            raise HandlerError(403, "no_retake", _("This scan can be taken only once."))
        self.retaking = True
        self.publish_event("retake_started", {"attempt": len(self.results_history) + 1})
        return {"retaking": True}

    @json_handler(Object({"text": Str(5000, multiline=True)}))
    def save_reflection(self, data, identity):
        """The participant's private note on the reflection prompt."""
        if not self.latest_result:
            raise HandlerError(409, "not_submitted", _("Submit the scan before you write a reflection."))
        self.reflection = data["text"]
        self.publish_event("reflection_saved", {"length": len(data["text"])})
        return {"saved": True}

    def _require_open_form(self):
        if self.latest_result and not self.retaking:
            raise HandlerError(409, "already_submitted", _("You have already submitted this scan."))

    def _checked_answers(self, answers):
        try:
            return scoring.check_answers(self.instrument, answers)
        except scoring.AnswerError as exc:
            raise HandlerError(400, "invalid_answer", _("Answer '%(item)s' is not valid: %(problem)s."),
                               item=str(exc.item)[:40], problem=self.translate(str(exc))) from exc

    def personal_data(self, identity):
        history = self._records().history(identity.anonymous_id) if identity.anonymous_id else []
        return {
            "draft_answers": self.draft_answers,
            "results": self.results_history,
            "stored_records": [{"attempt": r.attempt, "submitted_at": str(r.submitted_at), "data": r.data}
                               for r in history],
            "reflection": self.reflection,
        }

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS


def _load_instrument(key, custom_yaml):
    if key == CUSTOM:
        return custom_instrument(custom_yaml or "")
    return shipped_instrument(key)
