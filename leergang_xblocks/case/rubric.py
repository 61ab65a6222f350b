"""The final paper's rubric and how two readers' verdicts become one.

An author lists criteria in Studio (a form: `RubricList`), each with its levels
from low to high in Dutch and English and the lowest level that is sufficient.
Stored as YAML (the field `paper_rubric`), as the sessions are:

    - criterion: {nl: Analyse, en: Analysis}
      levels: {nl: [Onvoldoende, Voldoende, Goed], en: [Insufficient, Sufficient, Good]}
      sufficient_from: 2

A reader chooses a level per criterion (with feedback); the paper is sufficient
when every criterion is at or above its sufficient level. Without a rubric a
reader says sufficient or insufficient, as before.

With a second reader, the two verdicts are combined by the author's rule once
both are in: `lowest` (per criterion the lower level; without a rubric,
insufficient wins), `average` (per criterion the mean level, a half rounded
down: needs a rubric), `third_reader` (when the two differ, staff decide after
seeing both; when they agree, that is the verdict).
"""
import functools

import yaml

from ..core.authored_yaml import AuthoredDataError, load
from ..core.i18n import _
from ..core.studio_forms import RecordList
from ..core.validation import Invalid, Problem
from . import config

MAX_CRITERIA = 12
MAX_LEVELS = 6
MAX_LABEL = 200
RULES = config.READER_RULES


def rule_choices(block=None):
    return [{"display_name": _("The lower verdict counts (per criterion the lower level)"), "value": "lowest"},
            {"display_name": _("The average counts (per criterion the mean level, a half rounded down)"),
             "value": "average"},
            {"display_name": _("A third reader decides when the two differ (staff, after seeing both)"),
             "value": "third_reader"}]


def parse(text):
    """The criteria in `text` ([] for no rubric), or AuthoredDataError with every problem."""
    if not (text or "").strip():
        return []
    doc = load(text)
    if doc.data is None or doc.data == []:
        return []
    if not isinstance(doc.data, list):
        raise AuthoredDataError(_("the rubric must be a list, one '- criterion: ...' per criterion"), 1)
    problems = []
    if len(doc.data) > MAX_CRITERIA:
        problems.append(doc.problem(_("a rubric has at most %(max)s criteria"), max=MAX_CRITERIA))
    criteria = []
    for index, item in enumerate(doc.data[:MAX_CRITERIA]):
        if not isinstance(item, dict):
            problems.append(doc.problem(_("write each criterion with its name, its levels and its lowest sufficient level"),
                                        index))
            continue
        name = _both(item.get("criterion"))
        if name is None:
            problems.append(doc.problem(_("give the criterion a name in Dutch and English"), index, "criterion"))
        levels = _levels(item.get("levels"))
        if levels is None:
            problems.append(doc.problem(_("give 2 to %(max)s levels, from low to high, the same number in Dutch "
                                          "and English"), index, "levels", max=MAX_LEVELS))
        sufficient = item.get("sufficient_from", 2)
        if not isinstance(sufficient, int) or isinstance(sufficient, bool) or not (
                levels is None or 1 <= sufficient <= len(levels)):
            problems.append(doc.problem(_("the lowest sufficient level must be the number of one of the levels "
                                          "(1 is the lowest)"), index, "sufficient_from"))
        if name is not None and levels is not None and not problems:
            criteria.append({"name": name, "levels": levels, "sufficient_from": sufficient})
    if problems:
        raise AuthoredDataError(None, problems=problems)
    return criteria


@functools.lru_cache(maxsize=64)
def criteria_of(text):
    """`parse`, once per distinct text (a block is built for every request and the page
    reads the rubric several times): the criteria are shared between callers and only read."""
    return parse(text)


def _text(value):
    return value.strip() if isinstance(value, str) and value.strip() and len(value) <= MAX_LABEL else None


def _both(value):
    """{nl, en} from a mapping or one text for both languages."""
    if isinstance(value, str):
        value = {"nl": value, "en": value}
    if not isinstance(value, dict) or set(value) - {"nl", "en"}:
        return None
    nl, en = _text(value.get("nl")), _text(value.get("en"))
    if nl is None and en is None:
        return None
    return {"nl": nl or en, "en": en or nl}


def _levels(value):
    if not isinstance(value, dict):
        return None
    nl, en = value.get("nl"), value.get("en")
    nl = nl if isinstance(nl, list) else en
    en = en if isinstance(en, list) else nl
    if not isinstance(nl, list) or len(nl) != len(en) or not 2 <= len(nl) <= MAX_LEVELS:
        return None
    pairs = [_both({"nl": a, "en": b}) if isinstance(a, str) and isinstance(b, str) else None for a, b in zip(nl, en)]
    return None if any(p is None for p in pairs) else pairs


def result_of(criteria, levels):
    """'sufficient' when every criterion is at or above its sufficient level (levels: 0-based)."""
    return "sufficient" if all(level + 1 >= c["sufficient_from"] for c, level in zip(criteria, levels)) \
        else "insufficient"


def differ(first, second):
    return first.get("result") != second.get("result") or first.get("levels", []) != second.get("levels", [])


def combined(rule, criteria, first, second):
    """The verdict of two readings by `rule`: {"result", "levels"}, or None when staff must decide."""
    if not differ(first, second):
        return {"result": first["result"], "levels": list(first.get("levels", []))}
    if rule == "third_reader":
        return None
    if not criteria:   # no rubric: the lower of two results
        return {"result": "insufficient", "levels": []}
    pairs = list(zip(first["levels"], second["levels"]))
    levels = [min(a, b) for a, b in pairs] if rule == "lowest" else [(a + b) // 2 for a, b in pairs]
    return {"result": result_of(criteria, levels), "levels": levels}


class RubricList(RecordList):
    """The rubric as a list of criteria in Studio's editor (levels one per line)."""

    record_label = _("Criterion %(number)s")
    add_label = _("Add a criterion")
    max_records = MAX_CRITERIA
    columns = (
        {"key": "criterion.nl", "label": _("Criterion (Dutch)"), "input": "text", "default": ""},
        {"key": "criterion.en", "label": _("Criterion (English)"), "input": "text", "default": ""},
        {"key": "levels.nl", "label": _("Levels from low to high (Dutch), one per line"), "input": "textarea",
         "default": "Onvoldoende\nVoldoende\nGoed"},
        {"key": "levels.en", "label": _("Levels from low to high (English), one per line"), "input": "textarea",
         "default": "Insufficient\nSufficient\nGood"},
        {"key": "sufficient_from", "label": _("Lowest sufficient level (1 is the lowest)"), "input": "number",
         "min": 1, "max": MAX_LEVELS, "default": 2},
    )

    def records(self, block, stored):
        try:
            criteria = parse(stored)
        except AuthoredDataError as exc:
            raise ValueError(str(exc)) from exc
        return [{"criterion": dict(c["name"]),
                 "levels": {lang: "\n".join(level[lang] for level in c["levels"]) for lang in ("nl", "en")},
                 "sufficient_from": c["sufficient_from"]} for c in criteria]

    def stored_text(self, block, records, stored):
        rows = []
        for record in records:
            if not isinstance(record, dict):
                raise Invalid([Problem((len(rows),), _("The list could not be read. Reload the editor and try "
                                                       "again."))])
            levels = record.get("levels") if isinstance(record.get("levels"), dict) else {}
            rows.append({"criterion": record.get("criterion"),
                         "levels": {lang: [line.strip() for line in str(levels.get(lang) or "").splitlines()
                                           if line.strip()] for lang in ("nl", "en")},
                         "sufficient_from": record.get("sufficient_from")})
        if not rows:
            return ""
        text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
        try:
            parse(text)
        except AuthoredDataError as exc:
            raise Invalid([Problem(p.path, p.message, p.params) for p in exc.problems]) from None
        try:
            if rows and self.records(block, stored) == self.records(block, text):
                return stored  # unchanged: the author's own text stays
        except ValueError:
            pass
        return text
