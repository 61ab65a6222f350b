"""The page: what participants see, the staff panel and the presenter view, rendered
from data (the handlers answer the same HTML when something changes)."""
from xblock.core import XBlock
from xblock.utils.resources import ResourceLoader

from ..core.handlers import HandlerError
from ..core.rendering import render_template, view_fragment
from . import question_items, questions, rules

loader = ResourceLoader(__name__)


class SessionViews:
    """Mixed into SessionBlock."""

    @property
    def has_custom_completion(self):
        """Done is "evaluation answered"; a block with questions only is complete on view."""
        return self.asks_evaluation

    def element_id(self):
        return "session-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.scope_ids.usage_id))

    def questions_html(self, listing):
        """The participant's list of questions: the page's region "questions", which a post
        and an endorsement answer with (handlers.py). Made of the listing only: it reads no
        setting (whether posting has closed shows in the form, which stays on the page)."""
        return render_template(self, loader, "templates/questions.html",
                               {"questions": listing.items, "items": question_items.items_html(self, listing.items),
                                "limited": listing.limited,
                                "newest": questions.MAX_SHOWN, "most_endorsed": questions.MAX_MOST_ENDORSED})

    def facilitator_html(self, listed):
        return render_template(self, loader, "templates/facilitator.html", {"questions": listed})

    def presenter_html(self, shown):
        return render_template(self, loader, "templates/presenter.html", {"questions": shown, "block": self})

    def results_html(self, results):
        return render_template(self, loader, "templates/results.html",
                               {"r": results, "k": self.min_respondents, "scale": rules.SCALE,
                                "as_of": self.moment_text(results["as_of"]) if results["as_of"] else ""})

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        context = {"block": self, "e": self.element_id(), "signed_in": identity.is_authenticated,
                   "is_staff": identity.is_staff, "read_only": self.read_only_notice(), "scale": rules.SCALE,
                   "k": self.min_respondents, "max_question": questions.MAX_QUESTION,
                   "max_open": rules.MAX_OPEN_ANSWER, "problem": ""}
        try:
            if self.asks_evaluation:
                closes = _closing_day(self.evaluation_closes)
                answer = self.own_evaluation(identity)
                chosen = (answer or {}).get("scales", {})
                context["evaluation"] = {
                    "answer": answer, "closed": self.evaluation_closed(),
                    "closes": self.date_text(closes) if closes else "",
                    "scales": [{"key": q.key, "text": self.localized(q.text), "chosen": chosen.get(q.key)}
                               for q in self.scales]}
                if identity.is_staff:
                    context["results_html"] = self.results_html(self.results_data())
            if self.asks_questions:
                listing = (questions.for_participant(self, identity) if identity.is_authenticated
                           else questions.Listing([], False))
                context["questions_html"] = self.questions_html(listing)
                context["questions_closed"] = self.questions_closed()
                if identity.is_staff:
                    context["facilitator_html"] = self.facilitator_html(questions.for_staff(self))
        except HandlerError as exc:
            context["problem"] = self.translate(exc.message) % exc.params
        fragment = view_fragment(self, loader, "templates/student_view.html", context,
                                 js_files=["static/sessions.js"], css_files=["static/sessions.css"],
                                 init_fn="LeergangSession", init_args={"staff": identity.is_staff})
        return self.add_staff_removal(fragment, identity)

    def student_view_data(self, context=None):
        return {"display_name": self.display_name, "intro": self.intro, "mode": self.mode,
                "open_question": self.open_question, "speaker": self.speaker}


def _closing_day(text):
    """The authored closing day, or None (none set, or a date Studio would refuse)."""
    try:
        moment = rules.closing_moment(text, None)
    except ValueError:
        return None
    return moment.date() if moment else None
