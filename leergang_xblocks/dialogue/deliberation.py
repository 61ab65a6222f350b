"""Moral deliberation for moral dilemmas; the minority's question for decisions.

Moreel beraad (the Utrecht dilemma method, Socratic dialogue) aims at a
well-argued judgement, not at joining the majority. So a dialogue has a purpose:

- `moral`: a moral dilemma ("may I ...?", "must I ...?"). After their position
  and the dialogue, each participant works through the deliberation's steps:
  the facts, the perspectives of those involved, the values and norms at stake,
  the options, their own judgement with its reasons, and what they need to act
  on it. The minority question is not asked (the settings check refuses it).
- `decision`: a group that must decide together (a theme, a way of working):
  Deep Democracy's minority question stays ("what would you need to go along
  with the majority?"); there is no deliberation step (its setting, on by
  default, says it is for moral dilemmas only).

A deliberation is the participant's own record (kind `deliberation`, newest
counts), read by them and the programme staff, like the closing reflection.
"""
from django.utils import timezone
from xblock.fields import Boolean, Scope, String

from ..core.handlers import HandlerError, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy

PURPOSE_MORAL = "moral"
PURPOSE_DECISION = "decision"
PURPOSES = (PURPOSE_MORAL, PURPOSE_DECISION)
MAX_STEP = 3000

# (key, label, prompt), in the order of the deliberation.
STEPS = (
    ("facts", _("Facts"), _("What happened, as far as you know for certain? Leave judgements out for now.")),
    ("perspectives", _("Perspectives"),
     _("Who is involved or affected, and how does the situation look from where each of them stands?")),
    ("values_norms", _("Values and norms at stake"),
     _("Which values and norms pull at you here, and where do they conflict?")),
    ("options", _("Options"), _("Which courses of action are open? Name more than the two obvious ones.")),
    ("judgement", _("Your judgement"),
     _("What do you think should be done, and why does that weigh heaviest? Give the reasons that would "
       "convince someone who disagrees.")),
    ("needed", _("What you need to act on it"),
     _("What would it take to act on your judgement: whose support, which conversation, what care for "
       "the values that lose out?")),
)
STEP_KEYS = tuple(key for key, _label, _prompt in STEPS)
DELIBERATION_SHAPE = Object({key: Optional(Str(MAX_STEP, multiline=True), "") for key in STEP_KEYS}, "Deliberation")


def _purpose_choices(block=None):
    return [{"display_name": _("A moral dilemma: moral deliberation towards a well-argued judgement"),
             "value": PURPOSE_MORAL},
            {"display_name": _("A decision the group takes together: the minority's question"),
             "value": PURPOSE_DECISION}]


def settings_problems(settings):
    """(field, message, params) for a purpose and steps that do not fit together."""
    return write_problems(settings, ("purpose", "minority"))


def write_problems(settings, reads):
    """The problems of the purpose (`"purpose"` in `reads`) and of the minority's question,
    which a moral dilemma does not ask (`"minority"`: it reads the purpose too)."""
    if not {"purpose", "minority"} & set(reads):
        return []
    purpose = getattr(settings, "purpose", PURPOSE_MORAL)
    problems = []
    if purpose not in PURPOSES:
        problems.append(("purpose", _("must be one of: %(expected)s"), {"expected": ", ".join(PURPOSES)}))
    elif "minority" in reads and purpose == PURPOSE_MORAL and settings.step_minority:
        problems.append(("step_minority", _("a moral dilemma aims at a well-argued judgement, not at joining the "
                                            "majority: switch this off, or make the dialogue a decision"), {}))
    return problems


def latest(mine):
    found = [r for r in mine.records if r.get("kind") == "deliberation"]
    return found[-1] if found else None


class DeliberationMixin:
    """The purpose setting and the deliberation step (mixed into DialogueBlock)."""

    purpose = String(
        display_name=_("Kind of dialogue"), default=PURPOSE_MORAL, scope=Scope.settings,
        values_provider=_purpose_choices,
        help=_("A moral dilemma ends in moral deliberation (facts, perspectives, values and norms, options, "
               "a judgement, what is needed to act on it). A decision the group takes together may ask the "
               "minority what they would need to go along."))
    step_deliberation = Boolean(
        display_name=_("Step: moral deliberation"), default=True, scope=Scope.settings,
        help=_("For a moral dilemma: after the dialogue, each participant works through the deliberation's "
               "steps towards their own judgement."))

    @property
    def deliberates(self):
        return self.cfg.purpose == PURPOSE_MORAL and bool(self.cfg.step_deliberation)

    def deliberation_view(self, mine):
        """What the participant sees of the step, or None when the step is not used or
        they have no position yet."""
        if not self.deliberates or mine.position is None:
            return None
        own = latest(mine) or {}
        return {"steps": [{"key": key, "label": self.translate(label), "prompt": self.translate(prompt),
                           "value": own.get(key, "")} for key, label, prompt in STEPS],
                "mine": {key: own.get(key, "") for key in STEP_KEYS} if own else None,
                "max": MAX_STEP}

    @json_handler(DELIBERATION_SHAPE, writes=True)
    def deliberate(self, data, identity):
        """The participant's moral deliberation of this round (a later one replaces it)."""
        self._require_ready("scope", "purpose")
        if not self.deliberates:
            raise HandlerError(409, "step_not_used", _("This exercise does not use this step."))
        store, round_number, mine, history = self._participant(identity)
        if mine.position is None:
            raise HandlerError(409, "position_first", _("Take your own position first."))
        answers = {key: tidy(data[key]) for key in STEP_KEYS}
        if not answers["judgement"]:
            raise HandlerError(400, "judgement_required", _("Write your judgement and its reasons first: that "
                                                            "is what the deliberation leads to."))
        record = {"kind": "deliberation", "round": round_number, **answers, "at": timezone.now().isoformat()}
        group = self._current_group(identity, store)
        self._stamp(record, identity, group)
        store.own.append(identity.anonymous_id, record, len(history) + 1)
        self.publish_event("deliberated", {"round": round_number})
        if self.group_scope and group is None:
            return {"saved": True}
        return self._after_write(identity, store, group, round_number, [], regions=("deliberation",))
