"""What a participant sees of the trust scan: the page (`student_view`), the
mobile apps' data (`student_view_data`) and the questions with a draft's answers
checked. Mixed into `TrustScanBlock` (block.py)."""
import re
import threading
from collections import OrderedDict

from django.utils.html import escape
from xblock.core import XBlock
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.handlers import HandlerError
from ..core.rendering import render_template, view_fragment
from .instrument import DONT_KNOW

loader = ResourceLoader(__name__)

# Rendered questions per (instrument fingerprint, language, block): see `_questions_html`.
_QUESTIONS_KEPT = 64
_questions_kept = OrderedDict()
_questions_lock = threading.Lock()
_RADIO = re.compile(r'<input type="radio" name="([^"]*)" value="([^"]*)">')


class ViewsMixin:
    """The participant's page and the mobile apps' data; mixed into `TrustScanBlock`."""

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
