"""The trust scan's participant handlers: save_draft, submit, results,
start_retake, save_reflection, and the participant's own data (`personal_data`).
Mixed into `TrustScanBlock` (block.py)."""
from django.utils import timezone

from ..core.handlers import EMPTY, HandlerError, Int, MapOf, Nullable, Object, Str, json_handler
from ..core.i18n import _
from . import scoring
from .instrument import MAX_ITEMS

ANSWERS = MapOf(Str(40), Nullable(Int(0, 7)), MAX_ITEMS)


class ParticipantHandlersMixin:
    """What a participant does in the scan; mixed into `TrustScanBlock`."""

    # Every handler below that writes declares writes=True: it runs in this
    # participant's serialised step (core/storage.py), and its checks read the
    # records inside that step through `_participant`.

    @json_handler(Object({"answers": ANSWERS, "version": Int(0)}), writes=True)
    def save_draft(self, data, identity):
        """Keep answers given so far. `version` must be the one last returned (else 409)."""
        state = self._participant(identity, writing=True)
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
        state = self._participant(identity, with_series=True, writing=True)
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
        state = self._participant(identity, writing=True)
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
        state = self._participant(identity, writing=True)
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
