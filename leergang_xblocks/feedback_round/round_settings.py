"""The feedback round's settings: their names and texts, the Studio check of them
(`settings_problems`) and what a view derives from them (prompts, dues, the update's
prompt). Mixed into FeedbackRoundBlock (block.py), which holds the fields."""
from ..core.action_list import CASE_KEY
from ..core.handlers import Str
from ..core.i18n import _
from ..core.validation import Problem
from . import rules

ITEM_TYPE = "leergang_feedback_round"
MAX_UPDATE = 4000
MAX_ANSWER = 2000
MAX_ACTION = 300
MAX_ACTIONS = 10
MAX_REASON = 500
HELPFUL_SCALE = (1, 2, 3, 4)
REF = Str(40, min_length=1)

KIND_CHOICES = [
    {"value": rules.KIND_REPORT_BACK, "display_name": _("Report back on progress")},
    {"value": rules.KIND_AGREE_ACTIONS, "display_name": _("Agree actions for the coming weeks")},
    {"value": rules.KIND_BOTH, "display_name": _("Both: report back, then agree actions")},
]
METHOD_CHOICES = [
    {"value": rules.METHOD_AIRTIME, "display_name": _("Action learning: airtime per member (questions, no advice)")},
    {"value": rules.METHOD_INCIDENT, "display_name": _("Intervisie: incident method (questions, then advice)")},
    {"value": rules.METHOD_FREE, "display_name": _("Free")},
]
PROMPT_TEXTS = {
    "clarifying": (_("A clarifying question"), _("Ask about facts you need to understand the case.")),
    "deeper": (_("A deeper question"), _("Ask a question that helps them look at their own part, not advice in disguise.")),
    "recognise": (_("What I recognise"), _("What do you recognise from your own work?")),
    "suggestion": (_("A suggestion"), _("If you were in their place, what would you try?")),
}
# What each role does, shown where the roles are (one short sentence each); the role
# names are methods.ROLE_TEXTS.
ROLE_HELP = {
    "case_bringer": _("Brings in their own case, tells where it stands and answers the group's questions."),
    "facilitator": _("Leads the conversation and keeps to the steps of the method."),
    "timekeeper": _("Keeps an eye on the time for each step and says when it is up."),
    "note_taker": _("Writes down the questions, insights and agreed actions for the case-bringer."),
}
# What a member still has to do: "late" only past a due date, otherwise "not yet".
BEHIND_TEXTS = {
    "update": _("update not posted yet"), "update_overdue": _("update late"),
    "feedback": _("feedback not given yet"), "feedback_overdue": _("feedback late"),
    "actions": _("actions not recorded yet"),
}


def _known_prompts(text):
    """The prompt kinds in a stored value; ValueError when it names an unknown one."""
    kinds, unknown = rules.parse_prompt_kinds(text)
    if unknown:
        raise ValueError(", ".join(unknown))
    return kinds


def _choices(values):
    return lambda block=None: values


class RoundSettingsMixin:
    """What the round derives from its authored settings; mixed into FeedbackRoundBlock."""

    def settings_problems(self, data):
        problems = self.group_settings_problems(data)
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        if data.round_kind not in rules.KINDS:
            problems.append(Problem(("round_kind",), _("Choose one of the options in the list.")))
        if data.method not in rules.METHODS:
            problems.append(Problem(("method",), _("Choose one of the options in the list.")))
        kinds, unknown = rules.parse_prompt_kinds(data.feedback_prompts)
        if unknown:
            problems.append(Problem(("feedback_prompts",), _("Unknown prompt: %(word)s."), {"word": unknown[0][:30]}))
        if data.method == rules.METHOD_AIRTIME and set(kinds) & rules.ADVICE_PROMPTS:
            problems.append(Problem(("feedback_prompts",), _("The action-learning method asks questions only: "
                                                             "untick “%(suggestion)s”."),
                                    {"suggestion": self.translate(PROMPT_TEXTS["suggestion"][0])}))
        if (data.case_key or "").strip() and not CASE_KEY.match(data.case_key.strip()):
            problems.append(Problem(("case_key",), _(
                "Use 1 to 60 lower-case letters, digits, - or _, starting with a letter or digit.")))
        for name in ("update_prompt", "extra_prompt"):
            if len(getattr(data, name) or "") > 300:
                problems.append(Problem((name,), _("Write at most 300 characters.")))
        dues = {}
        for name in ("update_due", "feedback_due"):
            try:
                dues[name] = rules.parse_due(getattr(data, name))
            except ValueError:
                problems.append(Problem((name,), _("Write a date as 2026-12-01, or a date and time as 2026-12-01 17:00.")))
        if dues.get("update_due") and dues.get("feedback_due") and dues["feedback_due"] < dues["update_due"]:
            problems.append(Problem(("feedback_due",), _("This is before the updates are due.")))
        if data.release_after_due and not (data.feedback_due or "").strip():
            problems.append(Problem(("release_after_due",), _("This needs a date by which the feedback is due.")))
        return problems

    def due_of(self, name):
        try:
            return rules.parse_due(getattr(self, name), self.time_zone)
        except ValueError:
            return None  # refused in Studio; an OLX import may still carry it (validate_field_data says so)

    @property
    def has_actions_step(self):
        return self.round_kind in (rules.KIND_AGREE_ACTIONS, rules.KIND_BOTH)

    @property
    def ring_salt(self):
        return str(self.scope_ids.usage_id)

    @property
    def prompt_kinds(self):
        return rules.prompts_for(self.method, self.feedback_prompts)

    def prompts(self):
        found = [{"key": k, "label": self.translate(PROMPT_TEXTS[k][0]), "help": self.translate(PROMPT_TEXTS[k][1])}
                 for k in self.prompt_kinds]
        if self.extra_prompt.strip():
            found.append({"key": "extra", "label": self.extra_prompt.strip(), "help": ""})
        return found

    def update_prompt_text(self):
        if self.update_prompt.strip():
            return self.update_prompt.strip()
        if self.round_kind == rules.KIND_AGREE_ACTIONS:
            return self.translate(_("Where does your own case stand, and which actions do you propose for the "
                                    "coming weeks?"))
        return self.translate(_("What have you done with your own case since last time, what happened, and "
                                "where are you stuck?"))

    def due_texts(self):
        """'1 december 2026, 17:00': the course's one format and zone (core/dates.py)."""
        return {name: self.moment_text(self.due_of(name)) for name in ("update_due", "feedback_due")}
