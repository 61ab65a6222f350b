"""Staff's handlers: the evaluation's figures (never per person, nothing below K), the
facilitator's list of questions with hiding, and the presenter view's data.

The presenter view is polled as the dialogue's is (dialogue/presenter.py, dialogue.js):
while it is open the page asks every few seconds with the version it shows (`seen`),
and an unchanged list is answered with `{"unchanged": true}` only.
"""
import hashlib
import json

from ..core.handlers import Bool, Choice, HandlerError, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.moderation import Moderation
from . import evaluation, questions, rules

LIVE_QUERY = Object({"view": Optional(Choice("moderate", "present"), "moderate"),
                     "seen": Optional(Str(64), "")}, "QuestionsLive")
HIDE_SHAPE = Object({"question": Str(32, min_length=1), "hidden": Bool()}, "HideQuestion")


def version_of(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


class StaffHandlers:
    """Mixed into SessionBlock."""

    def results_data(self):
        scales = self.scales
        results = evaluation.staff_results(self, scales, rules.fingerprint(scales), self.min_respondents)
        texts = {q.key: self.localized(q.text) for q in scales}
        for row in results["scales"]:
            row["text"] = texts[row["key"]]
            # Written as the reader's language writes a decimal (3,5 in Dutch).
            row["mean_text"] = "" if row["mean"] is None else (
                f"{row['mean']:.1f}".replace(".", ",") if self.language == "nl" else f"{row['mean']:.1f}")
        return results

    @json_handler(methods=("GET",), staff_only=True)
    def evaluation_results(self, data, identity):
        """The evaluation's published figures and open answers (shuffled, no names)."""
        self._require(self.asks_evaluation)
        results = self.results_data()
        return {**results, "html": self.results_html(results)}

    @json_handler(LIVE_QUERY, methods=("GET",), staff_only=True)
    def questions_live(self, data, identity):
        """The questions, most endorsed first: the facilitator's list (with hidden ones,
        marked) or, `view=present`, what the room may see. `{"unchanged": true}` when the
        page says it shows this version already."""
        self._require(self.asks_questions)
        listed = questions.for_staff(self)
        shown = questions.for_presenter(listed) if data["view"] == "present" else listed
        version = version_of([data["view"], self.language, shown])
        if data["seen"] and data["seen"] == version:
            return {"unchanged": True, "version": version}
        html = self.presenter_html(shown) if data["view"] == "present" else self.facilitator_html(shown)
        return {"questions": shown, "html": html, "version": version}

    @json_handler(HIDE_SHAPE, staff_only=True, writes=True)
    def hide_question(self, data, identity):
        """Hide a question from participants and the presenter view (kept in the record),
        or show it again."""
        self._require(self.asks_questions)
        listed = questions.for_staff(self)
        if not any(q["id"] == data["question"] for q in listed):
            raise HandlerError(404, "no_such_question", _("This question is no longer shown. Reload the page."))
        moderation = Moderation(self)
        if data["hidden"]:
            moderation.hide(identity, data["question"], questions.SCOPE)
        else:
            moderation.unhide(identity, data["question"], questions.SCOPE)
        self.publish_event("question_hidden", {"hidden": data["hidden"]})
        listed = questions.for_staff(self)
        return {"questions": listed, "html": self.facilitator_html(listed)}
