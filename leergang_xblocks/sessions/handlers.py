"""Participants' handlers: answer the evaluation, post and endorse questions, read the
block's state. Each write runs in the participant's serialised step
(`json_handler(writes=True)`): its checks read the records inside the step and the
write happens there. No read here covers every participant's records (see
questions.py for the bounded list)."""
from django.utils import timezone

from ..core import completion, dates, platform
from ..core.handlers import Bool, HandlerError, Int, MapOf, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from ..stores.api import endorsements
from . import evaluation, questions, rules

ANSWER_SHAPE = Object({"scales": MapOf(Str(40), Int(rules.SCALE[0], rules.SCALE[-1]), rules.MAX_SCALE_QUESTIONS),
                       "open": Optional(Str(rules.MAX_OPEN_ANSWER, multiline=True), "")}, "EvaluationAnswer")
QUESTION_SHAPE = Object({"text": Str(questions.MAX_QUESTION, multiline=True)}, "SpeakerQuestion")
ENDORSE_SHAPE = Object({"question": Str(32, min_length=1), "endorse": Bool()}, "Endorsement")


class ParticipantHandlers:
    """Mixed into SessionBlock."""

    def _now(self):
        return timezone.now()

    def _require(self, asked):
        if not asked:
            raise HandlerError(409, "not_asked", _("This block does not ask for this."))

    def evaluation_closed(self):
        return rules.is_closed(self.evaluation_closes, _zone(self), self._now())

    def questions_closed(self):
        return rules.is_closed(self.questions_close, _zone(self), self._now())

    def own_evaluation(self, identity):
        """The participant's newest answer to the current questions, or None (one query)."""
        if not identity.anonymous_id:
            return None
        # From edx-submissions, as the platform's tools read it: a participant's first
        # read makes their StudentItem there, which their first answer then finds (the
        # write reads the copy: evaluation.own_latest).
        return _shown_answer(evaluation.answers(self).latest(identity.anonymous_id), rules.fingerprint(self.scales))

    @json_handler(methods=("GET",))
    def state(self, data, identity):
        """The participant's own answer and the questions they see (no names)."""
        found = {"mode": self.mode}
        if self.asks_evaluation:
            found["evaluation"] = {"answer": self.own_evaluation(identity), "closed": self.evaluation_closed()}
        if self.asks_questions:
            listing = questions.for_participant(self, identity)
            found["questions"] = listing.items
            found["questions_limited"] = listing.limited
            found["questions_closed"] = self.questions_closed()
            found["questions_html"] = self.questions_html(listing)
        return found

    @json_handler(ANSWER_SHAPE, writes=True)
    def answer_evaluation(self, data, identity):
        """Answer the evaluation, or change the answer, until it closes. The same answer
        sent twice (a double click) is kept once."""
        self._require(self.asks_evaluation)
        if self.evaluation_closed():
            raise HandlerError(409, "evaluation_closed", _("The evaluation has closed: answers can no longer "
                                                           "be changed."))
        scales = self.scales
        missing = [q.key for q in scales if q.key not in data["scales"]]
        extra = sorted(set(data["scales"]) - {q.key for q in scales})
        if extra:
            raise HandlerError(400, "invalid", _("The request is not valid."))
        if missing:
            raise HandlerError(400, "incomplete_answer", _("Choose a number for every statement."),
                               field=f"scales.{missing[0]}")
        fingerprint = rules.fingerprint(scales)
        answer = {"fingerprint": fingerprint, "scales": {q.key: data["scales"][q.key] for q in scales},
                  "open": tidy(data["open"])}
        previous = evaluation.own_latest(self, identity.anonymous_id)
        latest = previous
        if previous is None or previous.data != answer:
            latest = evaluation.answers(self).append(identity.anonymous_id, answer, None)
            evaluation.fold_in(self, identity, fingerprint, answer["scales"], previous, self.min_respondents)
            self.publish_event("evaluation_answered", {"changed": previous is not None})
        completion.report_done(self, True)
        # The answer just kept (or the same one kept before): no second read of it.
        return {"saved": True, "answer": _shown_answer(latest, fingerprint)}

    @json_handler(QUESTION_SHAPE, writes=True)
    def post_question(self, data, identity):
        """Post a question for the speaker (at most MAX_PER_PARTICIPANT)."""
        self._require(self.asks_questions)
        if self.questions_closed():
            raise HandlerError(409, "questions_closed", _("Questions can no longer be posted here. You can still "
                                                          "read and endorse them."))
        text = tidy(data["text"])
        if not text:
            raise HandlerError(400, "empty_text", _("Write your question first."), field="text")
        store = questions.records(self)
        own = questions.own(store, identity.anonymous_id)
        if any(r.data.get("text") == text for r in own):
            return self._questions_answer(identity, posted=False)  # a double click: posted once
        if len(own) >= questions.MAX_PER_PARTICIPANT:
            raise HandlerError(409, "too_many_questions", _("You have posted %(n)s questions, the most there is "
                                                            "room for. Endorse others' questions instead."),
                               n=questions.MAX_PER_PARTICIPANT)
        store.append(identity.anonymous_id, {"qid": questions.new_question_id(), "text": text}, None)
        self.publish_event("question_posted", {"length": len(text)})
        return self._questions_answer(identity, posted=True)

    @json_handler(ENDORSE_SHAPE, writes=True)
    def endorse_question(self, data, identity):
        """Endorse another participant's question, or take one's endorsement back. The
        table's unique key makes it once per person per question."""
        self._require(self.asks_questions)
        shown = questions.shown_now(self)
        record = shown.find(data["question"])
        if record is None:
            raise HandlerError(404, "no_such_question", _("This question is no longer shown. Reload the page."))
        if record.anonymous_id == identity.anonymous_id:
            raise HandlerError(409, "own_question", _("You cannot endorse your own question."))
        store = shown.store
        if data["endorse"]:
            changed = endorsements.add(store.course_id, store.item_id, data["question"], identity.anonymous_id,
                                       record.anonymous_id)
        else:
            changed = endorsements.remove(store.course_id, store.item_id, data["question"], identity.anonymous_id)
        if changed:
            self.publish_event("question_endorsed", {"endorse": data["endorse"]})
        return self._questions_answer(identity, posted=False, shown=shown)

    def _questions_answer(self, identity, posted, shown=None):
        """A post's or an endorsement's answer: the page's region "questions" (views.py
        `questions_html`), the one part of the page either changes, and the listing as data
        (the posted question's id, for programs). The whole list rather than the one
        question: it is ordered by endorsements and holds others' newest questions, so
        after any write it can differ anywhere from what the page showed."""
        listing = questions.for_participant(self, identity, shown)
        return {"saved": posted, "questions": listing.items, "limited": listing.limited,
                "regions": {"questions": self.questions_html(listing)}}


def _shown_answer(record, fingerprint):
    """A participant's answer as the page shows it, or None: none yet, or an answer to
    scale questions the author has changed since (`fingerprint`)."""
    if record is None or record.data.get("fingerprint") != fingerprint:
        return None
    return {"scales": record.data.get("scales", {}), "open": record.data.get("open", ""),
            "at": record.submitted_at.isoformat()}


def _zone(block):
    return dates.zone(platform.course_time_zone(block))
