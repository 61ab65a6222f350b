"""The block types an outline may hold: per type its OLX tag, its class, and per Studio
setting the kind of value it takes, with each block's own rules across settings.

A new block type joins by one entry in BLOCK_TYPES (build.py's docstring says more)."""
import re
from dataclasses import dataclass


from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.instrument import custom_instrument, shipped_instrument_keys


# --- Block types ---------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One Studio setting of a block, as an outline may give it."""
    kind: str                 # "text", "int", "bool" or "choice"
    xml_node: bool = False    # written as <option:name> child element, as the block exports it
    required: bool = False    # may not be empty when given
    max_length: int = 10_000
    minimum: int = None
    maximum: int = None
    choices: object = None    # for "choice": a function returning the allowed values

    def problem(self, value):
        """What is wrong with `value`, or None."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return "must be a whole number"
            if not self.minimum <= value <= self.maximum:
                return f"must be from {self.minimum} to {self.maximum}"
            return None
        if not isinstance(value, str):
            return "must be text"
        if self.required and not value.strip():
            return "may not be empty"
        if len(value) > self.max_length:
            return f"may be at most {self.max_length} characters"
        if self.kind == "choice" and value not in self.choices():
            return f"must be one of: {', '.join(self.choices())}"
        return None


@dataclass(frozen=True)
class BlockType:
    tag: str                  # the OLX element name (the XBlock entry point)
    block_class: str          # "module:Class"; only the tests import it (it needs Django)
    settings: dict            # name -> Setting: the block's Studio fields, nothing else
    check: object = None      # check(settings) -> problem text or None, for rules across settings
    series_setting: str = None  # a setting that pairs blocks in a course (pre/post): needs two or more
    scored: bool = False      # has_score: its score can carry the course's award (grading policy)
    scored_setting: str = None  # a bool setting that switches the score on (None: always scored when `scored`)
    audience: str = None      # "staff": only in a staff-only unit; "participants": never in one; None: either

    def scores(self, block):
        """Does this block in an outline publish a score?"""
        if not self.scored:
            return False
        return self.scored_setting is None or block.get("settings", {}).get(self.scored_setting) is True


def _trust_scan_check(settings):
    key = settings.get("instrument_key", "sturen_vanuit_vertrouwen")
    if key != "custom":
        return None
    try:
        custom_instrument(settings.get("custom_instrument_yaml", ""))
    except AuthoredDataError as error:
        return f"custom_instrument_yaml is not a usable instrument: {error}"
    return None


def _case_check(settings):
    from leergang_xblocks.case import config as case_config
    try:
        sessions = case_config.parse_sessions(settings.get("sessions_yaml", case_config.NEUTRAL_SESSIONS_YAML))
    except AuthoredDataError as error:
        return f"sessions_yaml is not usable: {error}"
    try:
        case_config.parse_case_fields(settings.get("case_fields", case_config.DEFAULT_FIELDS))
    except ValueError as error:
        return f"case_fields names unknown fields: {error}"
    counted = sum(1 for session in sessions if session.counts)
    if settings.get("attendance_required", 5) > counted:
        return f"attendance_required is more than the {counted} sessions that count"
    focus = settings.get("focus_session", 0)
    if focus and focus not in {session.number for session in sessions}:
        return f"focus_session {focus} is not a session of sessions_yaml"
    from leergang_xblocks.case import rubric
    try:
        criteria = rubric.parse(settings.get("paper_rubric", ""))
    except AuthoredDataError as error:
        return f"paper_rubric is not usable: {error}"
    if settings.get("second_reader") and settings.get("reader_rule", "lowest") == "average" and not criteria:
        return "reader_rule average needs a paper_rubric"
    return None


def _case_choices(name):
    def choices():
        from leergang_xblocks.case import config as case_config
        return {"reflection_template": list(case_config.REFLECTION_TEMPLATES),
                "case_mode": ["individual", "team"], "paper_form": list(case_config.PAPER_FORMS),
                "reader_rule": list(case_config.READER_RULES)}[name]
    return choices


def _feedback_round_check(settings):
    """The block's own settings rules (advice in action learning, due dates, group set name)."""
    from leergang_xblocks.feedback_round import rules
    kinds, unknown = rules.parse_prompt_kinds(settings.get("feedback_prompts", ""))
    if unknown:
        return f"feedback_prompts: unknown prompt {unknown[0]}"
    if settings.get("method", rules.METHOD_AIRTIME) == rules.METHOD_AIRTIME and set(kinds) & rules.ADVICE_PROMPTS:
        return "feedback_prompts: the airtime method asks questions only (no suggestion)"
    for name in ("update_due", "feedback_due"):
        try:
            rules.parse_due(settings.get(name, ""))
        except ValueError:
            return f"{name}: write a date as 2026-12-01 or 2026-12-01 17:00"
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,59}$", settings.get("group_set_name", "groepen")):
        return "group_set_name: lower case letters, digits, - and _"
    return None


BLOCK_TYPES = {
    "case": BlockType(
        tag="leergang_case",
        block_class="leergang_xblocks.case.block:CaseBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "intro": Setting("text", max_length=5_000),
            "case_key": Setting("text", required=True, max_length=60),
            "sessions_yaml": Setting("text", xml_node=True, max_length=100_000),
            "case_fields": Setting("text", max_length=500),
            "reflection_template": Setting("choice", choices=_case_choices("reflection_template")),
            "case_mode": Setting("choice", choices=_case_choices("case_mode")),
            "attendance_required": Setting("int", minimum=0, maximum=99),
            "require_paper": Setting("bool"),
            "require_assessment": Setting("bool"),
            "require_presentation": Setting("bool"),
            "scored": Setting("bool"),
            "weight": Setting("int", minimum=0, maximum=1000),
            "show_outcome": Setting("bool"),
            "focus_session": Setting("int", minimum=0, maximum=99),
            "group_page": Setting("bool"),
            "group_set_name": Setting("text", max_length=60),
            "teamset_id": Setting("text", max_length=100),
            "paper_form": Setting("choice", choices=_case_choices("paper_form")),
            "paper_max_mb": Setting("int", minimum=1, maximum=25),
            "paper_rubric": Setting("text", xml_node=True, max_length=20_000),
            "second_reader": Setting("bool"),
            "reader_rule": Setting("choice", choices=_case_choices("reader_rule")),
        },
        check=_case_check,
        scored=True,
        scored_setting="scored",
    ),
    "trust_scan": BlockType(
        tag="leergang_trust_scan",
        block_class="leergang_xblocks.trust_scan.block:TrustScanBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "intro": Setting("text", xml_node=True, max_length=5_000),
            "instrument_key": Setting("choice", choices=lambda: shipped_instrument_keys() + ["custom"]),
            "custom_instrument_yaml": Setting("text", xml_node=True, max_length=100_000),
            "min_cohort_size": Setting("int", minimum=3, maximum=1000),
            "allow_retake": Setting("bool"),
            "series": Setting("text", max_length=60),
            "series_position": Setting("int", minimum=0, maximum=99),
        },
        check=_trust_scan_check,
        series_setting="series",
    ),
    "feedback_round": BlockType(
        tag="leergang_feedback_round",
        block_class="leergang_xblocks.feedback_round.block:FeedbackRoundBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "instructions": Setting("text", xml_node=True, max_length=5_000),
            "round_kind": Setting("choice", choices=lambda: ["report_back", "agree_actions", "both"]),
            "method": Setting("choice", choices=lambda: ["airtime", "incident", "free"]),
            "update_prompt": Setting("text", max_length=300),
            "feedback_prompts": Setting("text", max_length=200),
            "extra_prompt": Setting("text", max_length=300),
            "peers_per_participant": Setting("int", minimum=0, maximum=50),
            "anonymous_feedback": Setting("bool"),
            "update_due": Setting("text", max_length=20),
            "feedback_due": Setting("text", max_length=20),
            "release_after_due": Setting("bool"),
            "round_number": Setting("int", minimum=1, maximum=100),
            "show_roles": Setting("bool"),
            "prefill_from_case": Setting("bool"),
            "use_case_actions": Setting("bool"),
            "case_key": Setting("text", max_length=60),
            "group_set_name": Setting("text", required=True, max_length=60),
            "teamset_id": Setting("text", max_length=100),
        },
        check=_feedback_round_check,
    ),
}

def _dialogue_check(settings):
    """The dilemma's own rules (leergang_xblocks/dialogue/exercise.py), on the settings
    with the block's defaults filled in."""
    from types import SimpleNamespace

    from leergang_xblocks.dialogue import deliberation
    from leergang_xblocks.dialogue.exercise import settings_problems
    defaults = {"kind": "options", "case_nl": "", "case_en": "", "options_nl": "", "options_en": "",
                "variations_nl": "", "variations_en": "", "values_nl": "", "values_en": "", "scope": "cohort",
                "min_positions": 3, "step_reveal": True, "step_respond": True, "step_revote": True,
                "step_minority": False, "step_reflection": True, "purpose": "moral", "step_deliberation": True}
    filled = SimpleNamespace(**{**defaults, **settings})
    problems = settings_problems(filled) + deliberation.settings_problems(filled)
    if problems:
        return "; ".join(f"{name}: {message % params if params else message}" for name, message, params in problems)
    return None


DIALOGUE_TEXT = {"case_nl": 6000, "case_en": 6000, "options_nl": 900, "options_en": 900, "variations_nl": 2500,
                 "variations_en": 2500, "values_nl": 500, "values_en": 500}
BLOCK_TYPES["dialogue"] = BlockType(
    tag="leergang_dialogue",
    block_class="leergang_xblocks.dialogue.block:DialogueBlock",
    settings={
        "display_name": Setting("text", required=True, max_length=200),
        **{name: Setting("text", xml_node=name.startswith("case_"), max_length=length)
           for name, length in DIALOGUE_TEXT.items()},
        "question_nl": Setting("text", max_length=300),
        "question_en": Setting("text", max_length=300),
        "kind": Setting("choice", choices=lambda: ["options", "scale"]),
        "scope": Setting("choice", choices=lambda: ["group", "cohort"]),
        "group_set_name": Setting("text", max_length=60),
        "teamset_id": Setting("text", max_length=100),
        "min_positions": Setting("int", minimum=2, maximum=1000),
        "anonymous": Setting("bool"),
        **{f"step_{name}": Setting("bool") for name in ("reveal", "respond", "revote", "minority", "reflection",
                                                        "deliberation")},
        "purpose": Setting("choice", choices=lambda: ["moral", "decision"]),
    },
    check=_dialogue_check,
)

def _session_check(settings):
    """The session block's own rules (leergang_xblocks/sessions/rules.py) on its settings."""
    from leergang_xblocks.core.authored_yaml import AuthoredDataError as SessionYamlError
    from leergang_xblocks.sessions import rules
    if settings.get("mode", "evaluation") in ("evaluation", "both"):
        try:
            rules.parse_scale_questions(settings.get("scale_questions", rules.DEFAULT_SCALE_QUESTIONS))
        except SessionYamlError as exc:
            return "scale_questions: " + "; ".join(exc.texts())
    for name in ("evaluation_closes", "questions_close"):
        try:
            rules.closing_moment(settings.get(name, ""), None)
        except ValueError:
            return f"{name}: must be a date as YYYY-MM-DD"
    return None


BLOCK_TYPES["session"] = BlockType(
    tag="leergang_session",
    block_class="leergang_xblocks.sessions.block:SessionBlock",
    settings={
        "display_name": Setting("text", required=True, max_length=200),
        "intro": Setting("text", max_length=2_000),
        "mode": Setting("choice", choices=lambda: ["evaluation", "questions", "both"]),
        "scale_questions": Setting("text", xml_node=True, max_length=5_000),
        "open_question_nl": Setting("text", max_length=300),
        "open_question_en": Setting("text", max_length=300),
        "min_respondents": Setting("int", minimum=3, maximum=1000),
        "evaluation_closes": Setting("text", max_length=10),
        "speaker": Setting("text", max_length=300),
        "questions_close": Setting("text", max_length=10),
    },
    check=_session_check,
)

BLOCK_TYPES["programme"] = BlockType(
    tag="leergang_programme",
    block_class="leergang_xblocks.programme.block:ProgrammeBlock",
    settings={"display_name": Setting("text", required=True, max_length=200)},
    audience="staff",          # a staff tool: participants would see only a refusal
)

BLOCK_TYPES["my_programme"] = BlockType(
    tag="leergang_my_programme",
    block_class="leergang_xblocks.my_programme.block:MyProgrammeBlock",
    settings={"display_name": Setting("text", required=True, max_length=200),
              "intro": Setting("text", max_length=2_000)},
    audience="participants",   # the participant's own journey: hidden from them it is useless
)

