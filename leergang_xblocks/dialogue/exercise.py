"""The dialogue exercise's rules, as pure functions (no runtime, no database).

- the dilemma as the author wrote it (`Dilemma`; the case text: `case_from`): 2-4
  options or an agree-disagree statement, "but what if ...?" variations, values at stake;
- when the spread is revealed (`reveal_threshold`, `is_revealed`);
- the distribution, the shift between first vote and re-vote, and who is the
  minority (`distribution`, `minority_options`);
- the tally: running counts per round, folded in one event at a time
  (`fold`), and the same counts recomputed from every record (`recount`),
  which must agree (the load test checks it after a burst of votes).

Every function here is tested at its boundaries in tests/unit/test_dialogue_rules.py.
"""
from collections import Counter
from functools import cached_property
from dataclasses import dataclass

_ = lambda text: text  # noqa: E731  marks strings for extraction; translated where shown

KIND_OPTIONS = "options"
KIND_SCALE = "scale"
SCOPE_GROUP = "group"
SCOPE_COHORT = "cohort"
OPTION_KEYS = ("a", "b", "c", "d")
MIN_OPTIONS, MAX_OPTIONS = 2, 4
MAX_VARIATIONS = 6
MAX_VALUES = 12
MAX_OPTION_CHARS = 200
MAX_VALUE_CHARS = 40
MAX_CASE_CHARS = 6000
MAX_VARIATION_CHARS = 400
DEFAULT_MIN_POSITIONS = 3
MAX_OWN_VALUES = 3
# What a participant may write at most, in characters.
MAX_REASON = 1500
MAX_RESPONSE = 1500
MAX_REFLECTION = 4000
# The tally keeps participants' own value words per round up to this many different
# ones (a row of edx-submissions holds at most 100 KB); more are counted together.
MAX_OWN_VALUE_WORDS = 100

# The agree-disagree scale of a statement: keys 1..5, labels translated where shown.
SCALE = (
    ("1", _("Strongly disagree")),
    ("2", _("Disagree")),
    ("3", _("Neither agree nor disagree")),
    ("4", _("Agree")),
    ("5", _("Strongly agree")),
)

# Theory U's levels of listening, for the closing reflection.
LISTENING_LEVELS = (
    ("downloading", _("Downloading: I heard what confirmed what I already thought")),
    ("factual", _("Factual: I noticed facts and views that differ from mine")),
    ("empathic", _("Empathic: I saw the situation through someone else's eyes")),
    ("generative", _("Generative: something new came up that none of us had before")),
)
LISTENING_KEYS = tuple(key for key, _label in LISTENING_LEVELS)

STEP_NAMES = ("reveal", "respond", "revote", "minority", "reflection")


def lines(text):
    """The non-empty lines of an authored multi-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Option:
    key: str
    label: dict      # {"nl": ..., "en": ...}; for the scale, an English source text to translate


def case_from(settings):
    """The case text {"nl", "en"} (not part of `Dilemma`: only the page reads it)."""
    return {"nl": settings.case_nl or "", "en": settings.case_en or ""}


class Dilemma:
    """The dilemma from the block's settings (an object with the fields as attributes),
    each part derived the first time it is asked for: a write that shows no values does
    not read the values' settings (in the workbench each is a query or two).
    `variations` are {"nl", "en"}; `values` (key, {"nl", "en"})."""

    def __init__(self, settings):
        self._settings = settings

    @cached_property
    def kind(self):
        return kind_from(self._settings)

    @cached_property
    def options(self):
        return options_from(self._settings, self.kind)

    @cached_property
    def variations(self):
        return variations_from(self._settings)

    @cached_property
    def values(self):
        return values_from(self._settings)

    @property
    def option_keys(self):
        return tuple(option.key for option in self.options)

    def option(self, key):
        return next((option for option in self.options if option.key == key), None)


def _paired(nl_text, en_text):
    """Two lists of lines (Dutch, English) as pairs; a language left empty takes the other's."""
    nl, en = lines(nl_text), lines(en_text)
    if not nl:
        nl = en
    if not en:
        en = nl
    return [{"nl": a, "en": b} for a, b in zip(nl, en)], len(nl), len(en)


def kind_from(settings):
    return settings.kind if settings.kind in (KIND_OPTIONS, KIND_SCALE) else KIND_OPTIONS


def options_from(settings, kind):
    """The options of a dilemma of `kind` (reads the options only for `KIND_OPTIONS`)."""
    if kind == KIND_SCALE:
        return tuple(Option(key, {"nl": label, "en": label, "translate": True}) for key, label in SCALE)
    pairs, _n, _e = _paired(settings.options_nl, settings.options_en)
    return tuple(Option(key, label) for key, label in zip(OPTION_KEYS, pairs[:MAX_OPTIONS]))


def variations_from(settings):
    variations, _n, _e = _paired(settings.variations_nl, settings.variations_en)
    return tuple(variations[:MAX_VARIATIONS])


def values_from(settings):
    values, _n, _e = _paired(settings.values_nl, settings.values_en)
    return tuple((f"v{index}", value) for index, value in enumerate(values[:MAX_VALUES], start=1))


def dilemma_from(settings):
    """The dilemma from the block's settings, each part read when first used (`Dilemma`)."""
    return Dilemma(settings)


# What a participant's write may read of the settings, by name; each write checks the
# ones it reads (`write_problems`) and nothing else: in the workbench every setting read
# is a query or two. The steps' names stand for their switch and its dependency on the
# reveal (and the minority's question on the re-vote); `purpose` for the kind of dialogue.
READS = ("options", "variations", "values", "scope", "min_positions", "respond", "revote", "minority")


def settings_problems(settings):
    """(field, English message, params) for every problem in the dilemma's settings."""
    return _problems(settings, READS, with_case=True)


def write_problems(settings, reads=READS):
    """The problems a write that reads `reads` (names of `READS`) must refuse on. Never
    the case text, which only the page shows (it says the exercise is not ready,
    `settings_problems`) and no write reads."""
    return _problems(settings, reads, with_case=False)


def _line_problems(settings, base, max_chars, max_lines):
    problems = []
    nl, en = lines(getattr(settings, base + "_nl")), lines(getattr(settings, base + "_en"))
    if nl and en and len(nl) != len(en):
        problems.append((base + "_en", _("Write as many lines as the Dutch version has (%(count)s), "
                                         "one translation per line."), {"count": len(nl)}))
    if max(len(nl), len(en)) > max_lines:
        problems.append((base + "_nl", _("Write at most %(max)s lines."), {"max": max_lines}))
    for name, found in ((base + "_nl", nl), (base + "_en", en)):
        if any(len(line) > max_chars for line in found):
            problems.append((name, _("Keep each line to at most %(max)s characters."), {"max": max_chars}))
        folded = [line.casefold() for line in found]
        if len(set(folded)) != len(folded):
            problems.append((name, _("The same line is here twice."), {}))
    return problems


def _problems(settings, reads, with_case):
    """The problems of the settings `reads` names, in the order the editor lists them."""
    problems = []
    if "options" in reads and settings.kind not in (KIND_OPTIONS, KIND_SCALE):
        problems.append(("kind", _("Choose one of the options in the list."), {}))
    if with_case:
        if not (settings.case_nl or "").strip() and not (settings.case_en or "").strip():
            problems.append(("case_nl", _("Write the case in Dutch or English (or both)."), {}))
        for name in ("case_nl", "case_en"):
            if len(getattr(settings, name) or "") > MAX_CASE_CHARS:
                problems.append((name, _("Write at most %(max)s characters."), {"max": MAX_CASE_CHARS}))
    # A statement's scale has no options to read (`options_from`).
    reads_options = "options" in reads and settings.kind != KIND_SCALE
    checks = [("options", MAX_OPTION_CHARS, MAX_OPTIONS, reads_options or with_case),
              ("variations", MAX_VARIATION_CHARS, MAX_VARIATIONS, "variations" in reads),
              ("values", MAX_VALUE_CHARS, MAX_VALUES, "values" in reads)]
    for base, max_chars, max_lines, checked in checks:
        if checked:
            problems += _line_problems(settings, base, max_chars, max_lines)
    if reads_options and settings.kind == KIND_OPTIONS:
        count = max(len(lines(settings.options_nl)), len(lines(settings.options_en)))
        if count < MIN_OPTIONS:
            problems.append(("options_nl", _("Write %(min)s to %(max)s options, one per line."),
                             {"min": MIN_OPTIONS, "max": MAX_OPTIONS}))
    if "scope" in reads and settings.scope not in (SCOPE_GROUP, SCOPE_COHORT):
        problems.append(("scope", _("Choose one of the options in the list."), {}))
    if "min_positions" in reads and (not isinstance(settings.min_positions, int)
                                     or not 2 <= settings.min_positions <= 1000):
        problems.append(("min_positions", _("Write a whole number from 2 to 1000."), {}))
    needs_reveal = [name for name in ("respond", "revote", "minority")
                    if name in reads and getattr(settings, "step_" + name)]
    if needs_reveal and not settings.step_reveal:
        problems.append(("step_reveal", _("Switch this step on: responding, re-voting and the minority's question come after it."), {}))
    if "minority" in reads and settings.step_minority and not settings.step_revote:
        problems.append(("step_minority", _("This step comes after the re-vote: switch the re-vote on too."), {}))
    return problems


# --- Reveal -------------------------------------------------------------------------

def reveal_threshold(min_positions, group_size=None):
    """How many positions must be in before anyone sees the spread.

    In a small group smaller than the author's minimum, the spread opens when
    the whole group has taken a position (and never with fewer than two, so
    nobody's position is shown as the only one)."""
    minimum = max(2, int(min_positions or DEFAULT_MIN_POSITIONS))
    if group_size is not None:
        return max(2, min(minimum, group_size))
    return minimum


def is_revealed(positions, min_positions, group_size=None):
    return positions >= reveal_threshold(min_positions, group_size)


# --- Distribution, shift and minority ---------------------------------------------------

def distribution(option_keys, chosen):
    """{option: count} for every option (zeros included), from the options chosen."""
    counts = Counter(chosen)
    return {key: counts.get(key, 0) for key in option_keys}


def minority_options(counts):
    """The options held by a minority: chosen by someone, but by fewer than the
    largest option. Ties at the top have no minority between them: with 2-2 nobody
    is the minority, with 2-2-1 the one is, with 3-1-1 both ones are."""
    held = {key: n for key, n in counts.items() if n > 0}
    if len(held) < 2:
        return set()
    largest = max(held.values())
    return {key for key, n in held.items() if n < largest}


def shift(first, final):
    """What changed between the first vote and the re-vote, from per-person maps
    {person: option}: moved (count), stayed, and moves {"a>b": count}."""
    moves = Counter()
    stayed = 0
    for person, before in first.items():
        after = final.get(person)
        if after is None:
            continue
        if after == before:
            stayed += 1
        else:
            moves[f"{before}>{after}"] += 1
    return {"moved": sum(moves.values()), "stayed": stayed, "moves": dict(sorted(moves.items()))}


def scale_movement(before, after):
    """On an agree-disagree scale: how many points a position moved (+ towards agree)."""
    try:
        return int(after) - int(before)
    except (TypeError, ValueError):
        return None


# --- The tally: running counts per round ------------------------------------------------

def empty_tally(round_number):
    return {"format": 1, "round": round_number, "positions": 0, "first": {}, "final": {}, "revotes": 0,
            "moves": {}, "values": {}, "own_values": {}, "own_other": 0, "listening": {}, "responses": 0,
            "needs": 0, "reflections": 0}


def _add(mapping, key, amount):
    mapping[key] = mapping.get(key, 0) + amount
    if mapping[key] == 0:
        del mapping[key]


def _fold_values(result, values, sign):
    for key in (values or {}).get("keys", []):
        _add(result["values"], key, sign)
    for word in (values or {}).get("own", []):
        folded = " ".join(word.casefold().split())[:MAX_VALUE_CHARS]
        if folded in result["own_values"] or (sign > 0 and len(result["own_values"]) < MAX_OWN_VALUE_WORDS):
            _add(result["own_values"], folded, sign)
        else:
            result["own_other"] += sign


def fold(tally, record, sign=1):
    """The tally after one record of the round is added (sign 1) or taken out (-1).

    `record` is a participant's own record ({"kind", ...}, core/storage.py's
    data). A re-vote moves one count in "final" from the option it leaves to
    the one it takes, so "final" always holds each participant's latest
    position. Pure function; counts are integers, so they never drift.
    """
    result = {**tally, **{key: dict(tally[key]) for key in ("first", "final", "moves", "values", "own_values",
                                                            "listening")}}
    if record.get("role") == "mentor":  # a mentor takes part but is never counted as a participant
        return result
    kind = record.get("kind")
    if kind == "position":
        result["positions"] += sign
        _add(result["first"], record["option"], sign)
        _add(result["final"], record["option"], sign)
        _fold_values(result, record.get("values"), sign)
    elif kind == "revote":
        result["revotes"] += sign
        _add(result["final"], record["from"], -sign)
        _add(result["final"], record["option"], sign)
        _add(result["moves"], f"{record['from']}>{record['option']}", sign)
    elif kind == "response":
        result["responses"] += sign
    elif kind == "need":
        result["needs"] += sign
    elif kind == "reflection":
        result["reflections"] += sign
        _fold_values(result, record.get("values"), sign)
        if record.get("listening"):
            _add(result["listening"], record["listening"], sign)
    return result


def counted(records):
    """One participant's records of a round as the tally holds them: a reflection
    is replaced by the next one (folded out as its successor comes in), so only
    the latest counts."""
    reflections = [r for r in records if r.get("kind") == "reflection"]
    return [r for r in records if r.get("kind") != "reflection"] + reflections[-1:]


def recount(records_by_participant, round_number):
    """The tally of one round from every participant's records:
    {participant: [their record data, oldest first]}."""
    tally = empty_tally(round_number)
    for records in records_by_participant.values():
        for record in counted([r for r in records if r.get("round") == round_number]):
            tally = fold(tally, record)
    return tally


def comparable(tally):
    """The counting part of a tally (what a recount must reproduce)."""
    return {key: value for key, value in (tally or {}).items() if key not in ("format",)}


def top_values(counts, limit=8):
    """The most named values, most first; ties in a fixed order (by key)."""
    return sorted(((key, n) for key, n in counts.items() if n > 0), key=lambda item: (-item[1], item[0]))[:limit]
