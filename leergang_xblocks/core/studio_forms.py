"""Settings that Studio's editor shows as a form instead of a text box: check
boxes for a list of choices, a list of records (the case tracker's sessions)
to add, remove and reorder, a due date as a date input and a time input.

The stored value keeps its own format (a comma-separated list of keys, YAML
text), so courses, OLX and sample courses stay as they are: the form reads the
stored value (`form_value`) and turns what the author sent back into it
(`stored_value`). A save may still send the stored format itself (a string),
as the editor's API did before; it is checked the same way.

A block declares its forms by field name:

    studio_forms = {"case_fields": ChoiceList([("title", _("Title")), ...], config.parse_case_fields)}

Problems in a form value carry the path inside the value (a row and a key), so
the editor shows each at its input; the text is a sentence without that path.
"""
import json
import re

from .dates import real_date
from .i18n import _
from .validation import Choice, Invalid, ListOf, Object, Problem, Str


class FieldForm:
    """How one setting is shown as a form. `kind` names the editor's widget."""

    kind = ""

    def form_value(self, block, stored):
        """The stored value as the form shows it (JSON-serialisable)."""
        raise NotImplementedError

    def stored_value(self, block, value, stored):
        """What the author sent, in the stored format; raises `Invalid` whose
        problems' paths are inside `value`. `stored` is the current value (so an
        unchanged form keeps the author's own text)."""
        raise NotImplementedError

    def context(self, block):
        """What the widget's template needs besides the value (translated labels)."""
        return {}


class ChoiceList(FieldForm):
    """A comma-separated list of keys, shown as one check box per choice.

    `choices` is a list of (key, English label). Saved in the order the stored
    value already had, new ones after it in the choices' order, so a save that
    leaves the boxes as they were changes nothing.
    """

    kind = "checkboxes"

    def __init__(self, choices, parse):
        self.choices = list(choices)
        self.parse = parse        # stored text -> list of keys (ValueError when unreadable)
        keys = [key for key, _label in self.choices]
        self.shape = Object({"keys": ListOf(Choice(*keys), len(keys))}, "Choices")

    def _current(self, stored):
        try:
            return list(self.parse(stored))
        except ValueError:
            return []

    def form_value(self, block, stored):
        return self._current(stored)

    def stored_value(self, block, value, stored):
        try:
            keys = self.shape.check({"keys": value})["keys"]
        except Invalid as exc:  # paths inside the value: (index,), not ("keys", index)
            raise Invalid([Problem(p.path[1:], p.message, p.params) for p in exc.problems]) from None
        if len(set(keys)) != len(keys):
            raise Invalid([Problem((), _("Each choice can be ticked only once."))])
        current = self._current(stored)
        ordered = [key for key in current if key in keys]
        ordered += [key for key, _label in self.choices if key in keys and key not in ordered]
        if ordered == current:
            return stored
        return ", ".join(ordered)

    def context(self, block):
        return {"choices": [{"value": key, "label": block.translate(label)} for key, label in self.choices]}


class RecordList(FieldForm):
    """A list of records, each a set of inputs (`columns`); authors add, remove
    and move records with buttons. Subclasses say how the stored value reads as
    records and how records are stored.

    A column is a dict: `key` (dotted for a nested value, "theme.nl"), `label`
    (English, translated when shown), `input` ("number", "date", "text",
    "checkbox"), and for a new record its `default`.
    """

    kind = "record_list"
    columns = ()
    max_records = 40
    # Set by each list, marked for translation there: a record's label
    # ("Session %(number)s") and the add button's text.
    record_label = ""
    add_label = ""

    def records(self, block, stored):
        raise NotImplementedError

    def stored_text(self, block, records, stored):
        raise NotImplementedError

    def form_value(self, block, stored):
        try:
            return self.records(block, stored)
        except ValueError:
            return []

    def stored_value(self, block, value, stored):
        if not isinstance(value, list):
            raise Invalid([Problem((), _("The list could not be read. Reload the editor and try again."))])
        return self.stored_text(block, value, stored)

    def context(self, block):
        return {
            "columns": [{**column, "label": block.translate(column["label"])} for column in self.columns],
            "new_record_json": json.dumps({column["key"]: column.get("default", "") for column in self.columns}),
            "record_label": block.translate(self.record_label),
            "add_label": block.translate(self.add_label),
            "max_records": self.max_records,
        }



class DueMoment(FieldForm):
    """A due date with an optional time, stored as text ("2026-12-08 17:00", or
    "2026-12-08" for the end of that day), shown as a date input and a time input.

    The browser's inputs send ISO text (YYYY-MM-DD, HH:MM) whatever the author's
    locale; anything else (an old browser's text input, a script) is refused at
    the input it came from, in a sentence. `moment(block, stored)` gives the
    moment the stored text means (None when empty or unreadable), so the editor
    shows it as the course writes dates.
    """

    kind = "due_moment"
    TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
    STORED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$")

    def __init__(self, field_name, moment):
        self.field_name = field_name
        self.moment = moment      # (block, stored text) -> aware datetime or None
        self.shape = Object({"date": Str(10), "time": Str(5)}, "DueMoment")

    def form_value(self, block, stored):
        match = self.STORED.match((stored or "").strip())
        return {"date": match.group(1), "time": match.group(2) or ""} if match else {"date": "", "time": ""}

    def stored_value(self, block, value, stored):
        value = self.shape.check(value)
        day, time = value["date"].strip(), value["time"].strip()
        problems = []
        if not day and time:
            problems.append(Problem(("date",), _("Choose the day as well, or empty the time.")))
        elif day and not real_date(day):
            problems.append(Problem(("date",), _("Choose a day in the calendar; this is not a date.")))
        if time and not self.TIME.match(time):
            problems.append(Problem(("time",), _("Choose a time of day between 00:00 and 23:59.")))
        if problems:
            raise Invalid(problems)
        text = f"{day} {time}" if time else day
        return stored if text == (stored or "").strip() else text

    def context(self, block):
        moment = self.moment(block, getattr(block, self.field_name, ""))
        return {"date_label": block.translate(_("Day")),
                "time_label": block.translate(_("Time (empty: the end of the day)")),
                "shown": block.translate(_("Now set to %(moment)s.")) % {"moment": block.moment_text(moment)}
                if moment else block.translate(_("No due date set."))}
