"""A session: a short evaluation, questions for the speaker, or both (`leergang_session`).

The author chooses in Studio what the block does (`mode`). Assembly only: the
rules are in rules.py, the evaluation's storage and the figures staff see in
evaluation.py, the questions in questions.py, the handlers in handlers.py
(participants) and staff.py, the page in views.py.
"""
from xblock.core import XBlock
from xblock.fields import Integer, Scope, String

from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.validation import Problem
from . import evaluation, questions, rules
from .handlers import ParticipantHandlers
from .staff import StaffHandlers
from .studio import ScaleQuestionList
from .views import SessionViews


def _mode_choices(block=None):
    return [{"value": "evaluation", "display_name": _("An evaluation of the session")},
            {"value": "questions", "display_name": _("Questions for the speaker")},
            {"value": "both", "display_name": _("Both: questions before, an evaluation after")}]


@needs_services
class SessionBlock(SessionViews, ParticipantHandlers, StaffHandlers, LeergangBlockMixin, XBlock):
    """A short evaluation of a session and/or questions for its speaker."""

    display_name = String(display_name=_("Display name"), default=_("Session"), scope=Scope.settings)
    intro = String(display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True,
                   help=_("Shown at the top. Plain text: which session this is about."))
    mode = String(display_name=_("What participants do here"), default="evaluation", scope=Scope.settings,
                  values_provider=_mode_choices)
    scale_questions = String(
        display_name=_("Scale questions"), default=rules.DEFAULT_SCALE_QUESTIONS, scope=Scope.content,
        multiline_editor=True, xml_node=True,
        help=_("Participants answer each on a scale from 1 (not at all) to 5 (fully). Keep a question's key "
               "when you reword it; a new key starts its figures again."))
    open_question_nl = String(display_name=_("Open question (Dutch)"), scope=Scope.content,
                              default="Wat neem je mee uit deze bijeenkomst, en wat kan beter?")
    open_question_en = String(display_name=_("Open question (English)"), scope=Scope.content,
                              default="What do you take away from this session, and what could be better?")
    min_respondents = Integer(
        display_name=_("Minimum number of answers before staff see results"), default=5, scope=Scope.settings,
        help=_("Staff see the figures and the open answers only once at least this many participants answered "
               "(3 or more), and only in steps of at least this many."))
    evaluation_closes = String(
        display_name=_("The evaluation closes after"), default="", scope=Scope.settings,
        help=_("A date (YYYY-MM-DD) in the course's time zone. Until its end participants may change their "
               "answer. Empty: it stays open."))
    speaker = String(display_name=_("Speaker"), default="", scope=Scope.content,
                     help=_("Who the questions are for, as participants read it (a name or 'the speakers')."))
    questions_close = String(
        display_name=_("Questions can be posted until"), default="", scope=Scope.settings,
        help=_("A date (YYYY-MM-DD) in the course's time zone; after it participants can still read and "
               "endorse. Empty: open."))

    editable_fields = ("display_name", "intro", "mode", "scale_questions", "open_question_nl", "open_question_en",
                       "min_respondents", "evaluation_closes", "speaker", "questions_close")
    studio_forms = {"scale_questions": ScaleQuestionList()}
    event_names = ("evaluation_answered", "question_posted", "question_endorsed", "question_hidden")

    staff_removal_text = _("This removes %(participant)s's evaluation answer (and takes it out of the figures), "
                           "the questions they posted and their endorsements in this block.")

    # --- Settings -------------------------------------------------------------------

    def settings_problems(self, data):
        problems = []
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if data.mode not in rules.MODES:
            problems.append(Problem(("mode",), _("Choose one of the options in the list.")))
        try:
            rules.parse_scale_questions(data.scale_questions)
        except AuthoredDataError as exc:
            problems += [Problem(("scale_questions",) + p.path, p.message, p.params, p.line) for p in exc.problems]
        for name in ("open_question_nl", "open_question_en", "speaker"):
            if len(getattr(data, name) or "") > rules.MAX_QUESTION_TEXT:
                problems.append(Problem((name,), _("Write at most %(n)s characters."), {"n": rules.MAX_QUESTION_TEXT}))
        if not isinstance(data.min_respondents, int) or not 3 <= data.min_respondents <= 1000:
            problems.append(Problem(("min_respondents",), _("Write a whole number from 3 to 1000.")))
        for name in ("evaluation_closes", "questions_close"):
            try:
                rules.closing_moment(getattr(data, name), None)
            except ValueError:
                problems.append(Problem((name,), _("Write a date as YYYY-MM-DD, or leave it empty.")))
        return problems

    # --- What the block is set up to do ---------------------------------------------

    @property
    def asks_evaluation(self):
        return self.mode in ("evaluation", "both")

    @property
    def asks_questions(self):
        return self.mode in ("questions", "both")

    @property
    def scales(self):
        """The scale questions; 409 `not_configured` when the authored text cannot be used
        (an OLX import can bring anything)."""
        try:
            return rules.parse_scale_questions(self.scale_questions)
        except AuthoredDataError as exc:
            raise HandlerError(409, "not_configured", _("This evaluation is not set up correctly: %(problem)s"),
                               problem="; ".join(exc.texts(self.translate))) from exc

    @property
    def open_question(self):
        return self.localized({"nl": self.open_question_nl, "en": self.open_question_en})

    # --- Storage ----------------------------------------------------------------------

    def participant_stores(self, course_id, item_id):
        """Every store this block writes for a participant (for clear_student_state)."""
        return [evaluation.EvaluationAnswers(self, self.min_respondents, course_id, item_id),
                questions.QuestionStores(self, course_id, item_id)]

    def personal_data(self, identity):
        if not identity.anonymous_id:
            return {}
        from ..stores.api import endorsements
        store = questions.records(self)
        return {
            "evaluation": [{"scales": r.data.get("scales"), "open": r.data.get("open"),
                            "submitted_at": str(r.submitted_at)}
                           for r in evaluation.answers(self).history(identity.anonymous_id)],
            "questions": [{"id": r.data.get("qid"), "text": r.data.get("text"), "submitted_at": str(r.submitted_at)}
                          for r in store.history(identity.anonymous_id)],
            "endorsed": sorted(endorsements.endorsed_by(store.course_id, store.item_id, identity.anonymous_id)),
        }

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS
