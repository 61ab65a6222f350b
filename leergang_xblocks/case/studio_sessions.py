"""The case tracker's sessions as a list in Studio's editor: one record per
session, saved as the sessions field's YAML (config.py's format), so courses,
OLX and the timetable keep one format.

The form sends the sessions in exactly that format (a list of mappings with
number, date, theme {nl, en}, opens_case, log_entry, counts, paper,
presentation); it is checked by config.SESSIONS_FORMAT and, once written as
YAML, by config.parse_sessions, whose problems' paths (row, key) line up with
the form's rows.
"""
import yaml

from ..core.authored_yaml import AuthoredDataError
from ..core.i18n import _
from ..core.studio_forms import RecordList
from ..core.validation import Invalid, Problem
from . import config

FLAGS = (("opens_case", False), ("log_entry", True), ("counts", True), ("paper", False), ("presentation", False))


class SessionList(RecordList):
    record_label = _("Session %(number)s")
    add_label = _("Add a session")
    max_records = config.MAX_SESSIONS
    columns = (
        {"key": "number", "label": _("Number"), "input": "number", "min": 1, "max": 99},
        {"key": "date", "label": _("Date"), "input": "date", "default": ""},
        {"key": "theme.nl", "label": _("Theme (Dutch)"), "input": "text", "default": ""},
        {"key": "theme.en", "label": _("Theme (English)"), "input": "text", "default": ""},
        {"key": "opens_case", "label": _("The case starts at this session"), "input": "checkbox",
         "default": False},
        {"key": "log_entry", "label": _("Participants write a log entry"), "input": "checkbox", "default": True},
        {"key": "counts", "label": _("Counts for attendance"), "input": "checkbox", "default": True},
        {"key": "paper", "label": _("The final paper is due"), "input": "checkbox", "default": False},
        {"key": "presentation", "label": _("The presentations are given"), "input": "checkbox",
         "default": False},
    )

    def records(self, block, stored):
        try:
            sessions = config.parse_sessions(stored or "")
        except AuthoredDataError as exc:
            raise ValueError(str(exc)) from exc
        return [_as_record(s.number, s.date, s.theme, {name: getattr(s, name) for name, _default in FLAGS})
                for s in sessions]

    def stored_text(self, block, records, stored):
        records = [_one_theme_for_both(record) for record in records]
        try:
            checked = config.SESSIONS_FORMAT.check({"sessions": records})["sessions"]
        except Invalid as exc:  # paths as the form's rows: (row, key), not ("sessions", row, key)
            raise Invalid([Problem(p.path[1:], p.message, p.params) for p in exc.problems]) from None
        rows = [_as_record(s["number"], s["date"], s["theme"], {name: s[name] for name, _default in FLAGS})
                for s in checked]
        try:
            if rows == self.records(block, stored):
                return stored  # unchanged: the author's own text (and comments) stay
        except ValueError:
            pass
        return yaml.safe_dump([_as_yaml(row) for row in rows], allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=1000)


def _as_record(number, date, theme, flags):
    return {"number": number, "date": date or "", "theme": {"nl": theme["nl"], "en": theme["en"]}, **flags}


def _one_theme_for_both(record):
    """A theme written in one language only is that theme in both (the format's plain text)."""
    theme = record.get("theme") if isinstance(record, dict) else None
    if isinstance(theme, dict) and set(theme) == {"nl", "en"} and all(isinstance(v, str) for v in theme.values()):
        written = [text for text in (theme["nl"], theme["en"]) if text.strip()]
        if len(written) == 1:
            return {**record, "theme": written[0]}
    return record


def _as_yaml(row):
    """A session as an author would write it: defaults left out."""
    out = {"number": row["number"]}
    if row["date"]:
        out["date"] = row["date"]
    theme = row["theme"]
    out["theme"] = theme["nl"] if theme["nl"] == theme["en"] else {"nl": theme["nl"], "en": theme["en"]}
    for name, default in FLAGS:
        if row[name] != default:
            out[name] = row[name]
    return out

