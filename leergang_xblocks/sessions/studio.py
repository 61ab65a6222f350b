"""The evaluation's scale questions as a list in Studio's editor: one record per
question (a key, the Dutch and the English text), saved as the field's YAML
(rules.py's format), so OLX and the sample courses keep one format."""
import yaml

from ..core.authored_yaml import AuthoredDataError
from ..core.i18n import _
from ..core.studio_forms import RecordList
from ..core.validation import Invalid, Problem
from . import rules


class ScaleQuestionList(RecordList):
    record_label = _("Scale question %(number)s")
    add_label = _("Add a scale question")
    max_records = rules.MAX_SCALE_QUESTIONS
    columns = (
        {"key": "key", "label": _("Key (letters, digits, _; keep it when you reword)"), "input": "text",
         "default": ""},
        {"key": "nl", "label": _("Question (Dutch)"), "input": "text", "default": ""},
        {"key": "en", "label": _("Question (English)"), "input": "text", "default": ""},
    )

    def records(self, block, stored):
        try:
            questions = rules.parse_scale_questions(stored)
        except AuthoredDataError as exc:
            raise ValueError(str(exc)) from exc
        return [{"key": q.key, "nl": q.text["nl"], "en": q.text["en"]} for q in questions]

    def stored_text(self, block, records, stored):
        rows = [{"key": r.get("key"), "nl": r.get("nl"), "en": r.get("en")} if isinstance(r, dict) else r
                for r in records]
        text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
        try:
            rules.parse_scale_questions(text)
        except AuthoredDataError as exc:   # paths as the form's rows: (row, key)
            raise Invalid([Problem(p.path, p.message, p.params) for p in exc.problems]) from None
        try:
            if rows == self.records(block, stored):
                return stored  # unchanged: the author's own text stays
        except ValueError:
            pass
        return text
