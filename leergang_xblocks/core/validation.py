"""Checking data from outside (request bodies, Studio settings, authored YAML)
with pydantic v2 in strict mode.

Strict means: no coercion ("5" is not 5, 3.9 and 5.0 are not whole numbers,
1 is not true), no Infinity or NaN, no keys that were not declared, at any
level. Every problem comes back at once, each with the path of the value it
is about, as a `Problem` whose message is an English source string that is
translated when it is shown (so an author reads all of them in one language).

A problem speaks to two readers. An author of YAML or Studio settings reads
`translated()`: the key path (and line) with a predicate ("items[1].key: must
be at most 40 characters"). A participant or staff member at a form reads
`for_person()`: a whole sentence meant for the field it stands next to, with a
stable `code` for programs and no path, key or pydantic wording ("Write
something here first."); the handler's answer names the field separately.

The small vocabulary below (`Object`, `Str`, `Int`, `MapOf`, ...) builds
pydantic types, so handlers declare their bodies in one line:

    @json_handler(Object({"answers": MapOf(Str(40), Nullable(Int(0, 7)), 200), "version": Int(0)}))

A JSON body is parsed by pydantic itself (`Object.check_json`): a lone
surrogate (`"\\ud800"`), nesting deeper than pydantic's parser allows (200
levels) or broken syntax is `BadJSON`; the decoded body is never handed to
code that could choke on it.
"""
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError,
                      ValidationInfo)
from pydantic_core import PydanticCustomError
from typing_extensions import NotRequired, TypedDict  # pydantic needs this TypedDict on Python 3.11

STRICT = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, cache_strings=False)
_ = lambda text: text  # noqa: E731  marks strings for extraction; translated where they are shown

LINE = r"^[^\x00-\x08\x0a-\x1f\x7f]*$"        # one line: tab allowed, no other control character
MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # text: tab, newline and carriage return allowed


class BadJSON(ValueError):
    """The body is not JSON text (or not Unicode text: a lone surrogate)."""


@dataclass
class Problem:
    path: tuple                     # keys and list indexes, from the outside in
    message: str                    # English source text, translated when shown
    params: dict = field(default_factory=dict)
    line: int | None = None         # in authored YAML
    code: str = "not_valid"         # stable message code, for programs and tests
    sentence: str = ""              # English source of the sentence for a person at a form

    def where(self):
        return path_text(self.path)

    def field_name(self):
        """The field the problem belongs to, as the page names it ("" for the whole request)."""
        return path_text(self.path) if self.path else ""


# --- The vocabulary -------------------------------------------------------------------

def Str(max_length, min_length=0, multiline=False):  # noqa: N802 - reads like a type
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length,
                                            pattern=MULTILINE if multiline else LINE)]


def Int(minimum=None, maximum=None):  # noqa: N802
    return Annotated[int, Field(ge=minimum, le=maximum)]


def Float(minimum=None, maximum=None):  # noqa: N802
    return Annotated[float, Field(ge=minimum, le=maximum)]


def Bool():  # noqa: N802
    return bool


def Choice(*choices):  # noqa: N802
    return Literal[choices]


def AnyJSON():  # noqa: N802
    return Any


def Nullable(inner):  # noqa: N802
    return inner | None


def ListOf(item, max_items, min_items=0):  # noqa: N802
    return Annotated[list[_type(item)], Field(min_length=min_items, max_length=max_items)]


def MapOf(key, value, max_items):  # noqa: N802
    return Annotated[dict[_type(key), _type(value)], Field(max_length=max_items)]


class Optional:  # noqa: N801
    """A key that may be left out of an Object; `default` fills it in."""

    def __init__(self, inner, default=None):
        self.inner = inner
        self.default = default


class Object:
    """A JSON object with exactly these keys (Optional ones may be missing)."""

    def __init__(self, fields, name="Body"):
        self.fields = fields
        self.defaults = {key: f.default for key, f in fields.items() if isinstance(f, Optional)}
        typed = TypedDict(name, {key: NotRequired[_type(f.inner)] if isinstance(f, Optional) else _type(f)
                                 for key, f in fields.items()})
        typed.__pydantic_config__ = STRICT
        defaults = self.defaults
        # Defaults are filled in at every level, also where this Object is nested in another.
        self.type = Annotated[typed, AfterValidator(lambda value: {**defaults, **value})] if defaults else typed
        self.adapter = TypeAdapter(self.type)

    def check_json(self, raw):
        """Parse and check JSON text (bytes or str) in one step."""
        try:
            return self.adapter.validate_json(raw)
        except ValidationError as exc:
            if any(error["type"] == "json_invalid" for error in exc.errors()):
                raise BadJSON(exc.errors()[0]["msg"]) from None
            raise Invalid(problems_of(exc)) from None

    def check(self, value, authored=False):
        """Check already-decoded data (a query string's values; parsed YAML when `authored`)."""
        try:
            return self.adapter.validate_python(value)
        except ValidationError as exc:
            raise Invalid(problems_of(exc, authored)) from None


def _type(shape):
    return shape.type if isinstance(shape, Object) else shape


def rule(check):
    """A check beyond types, as an Annotated marker: `check(value, context)` returns
    the value or raises `Refuse`. Runs after the type is known to be right."""
    def run(value, info: ValidationInfo):
        try:
            return check(value, info.context or {})
        except Refuse as refusal:
            raise PydanticCustomError("leergang", refusal.message, refusal.params) from None
    return AfterValidator(run)


def before(convert):
    """Turn a value into the declared type's shape first (say, one text into {nl, en})."""
    def run(value):
        try:
            return convert(value)
        except Refuse as refusal:
            raise PydanticCustomError("leergang", refusal.message, refusal.params) from None
    return BeforeValidator(run)


class Refuse(ValueError):
    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params


class Invalid(ValueError):
    """Every problem found, each with its path."""

    def __init__(self, problems, code="invalid"):
        self.code = code
        super().__init__("; ".join(f"{p.where()}: {p.message % p.params if p.params else p.message}"
                                   for p in problems))
        self.problems = problems


# --- pydantic's errors as our problems ------------------------------------------------------

MESSAGES = {
    "missing": _("is required"),
    "extra_forbidden": _("is not a known key"),
    "string_type": _("must be text"),
    "int_type": _("must be a whole number"),
    "float_type": _("must be a number"),
    "finite_number": _("must be a finite number"),
    "bool_type": _("must be true or false"),
    "dict_type": _("must be an object"),
    "list_type": _("must be a list"),
    "none_required": _("must be empty"),
    "string_too_long": _("must be at most %(max_length)s characters"),
    "string_too_short": _("must be at least %(min_length)s characters"),
    "string_pattern_mismatch": _("contains control characters"),
    "greater_than_equal": _("must be at least %(ge)s"),
    "less_than_equal": _("must be at most %(le)s"),
    "too_long": _("must have at most %(max_length)s entries"),
    "too_short": _("must have at least %(min_length)s entries"),
    "literal_error": _("must be one of: %(expected)s"),
}
NOT_VALID = _("is not valid")

# The same problems as sentences for a person at a form (see `for_person`): no path,
# no key, no pydantic wording; each with the code a program reads instead of the text.
PAGE_OUT_OF_DATE = _("The page sent something this block cannot use. Reload the page and try again.")
FOR_PEOPLE = {
    "missing": ("required", _("Fill in this field.")),
    "string_too_short": ("too_short", _("Write at least %(min_length)s characters here.")),
    "string_too_long": ("too_long", _("This is too long: use at most %(max_length)s characters.")),
    "string_pattern_mismatch": ("control_characters", _("This text contains invisible control characters. "
                                                        "Type it again, or paste it as plain text.")),
    "greater_than_equal": ("too_small", _("Fill in %(ge)s or more.")),
    "less_than_equal": ("too_large", _("Fill in %(le)s or less.")),
    "int_type": ("not_a_whole_number", _("Fill in a whole number.")),
    "float_type": ("not_a_number", _("Fill in a number.")),
    "finite_number": ("not_a_number", _("Fill in a number.")),
    "too_long": ("too_many", _("There are too many here: at most %(max_length)s.")),
    "too_short": ("too_few", _("There are too few here: at least %(min_length)s.")),
    "literal_error": ("not_a_choice", _("Choose one of the options offered.")),
    "extra_forbidden": ("unknown_field", PAGE_OUT_OF_DATE),
}
EMPTY = ("empty", _("Write something here first."))  # a text that must have at least one character
# pydantic adds the member name of a union (`int`, `none`, ...) to the path.
_UNION_MEMBERS = {"int", "str", "bool", "float", "none", "dict", "list", "constrained-str", "constrained-int",
                  "constrained-float", "function-after", "function-before", "literal"}


AUTHORED_MESSAGES = {**MESSAGES, "dict_type": _("must be a mapping (key: value)")}


def problems_of(exc, authored=False):
    """pydantic's errors as Problems; `authored` data (YAML) speaks of mappings, not objects."""
    messages = AUTHORED_MESSAGES if authored else MESSAGES
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        path = tuple(part for part in error["loc"] if part != "[key]" and not _is_member(part))
        if error["type"] == "leergang":
            problems.append(Problem(path, error["msg"], dict(error.get("ctx") or {}), sentence=PAGE_OUT_OF_DATE))
            continue
        if error["type"] == "none_required" and any(p.path == path for p in problems):
            continue  # "must be a whole number" already says it; "or empty" adds nothing
        message = messages.get(error["type"], NOT_VALID)
        context = error.get("ctx") or {}
        params = {key: _short(value) for key, value in context.items()} if "%(" in message else {}
        code, sentence = FOR_PEOPLE.get(error["type"], ("not_valid", PAGE_OUT_OF_DATE))
        if error["type"] == "string_too_short" and context.get("min_length") == 1:
            code, sentence = EMPTY
        problem = Problem(path, message, params, code=code, sentence=sentence)
        if problem not in problems:
            problems.append(problem)
    return problems


def _is_member(part):
    return isinstance(part, str) and (part in _UNION_MEMBERS or part.startswith(("function-", "constrained-",
                                                                                 "literal[")))


def _short(value):
    # pydantic lists choices as "'a', 'b' or 'c'"; a comma reads the same in every language.
    return value if isinstance(value, (int, float)) else safe_text(str(value).replace(" or ", ", "), 80)


def safe_text(text, limit=40):
    """Text from outside, fit to quote in a message: control characters shown as
    escapes, cut at `limit` characters."""
    shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                    for ch in str(text)[:limit])
    return shown + ("…" if len(str(text)) > limit else "")


def path_text(path):
    """('values', 'min_cohort_size') -> values.min_cohort_size; ('items', 1, 'key') -> items[1].key"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (("." if text else "") + safe_text(part))
    return text or "body"


def for_person(problem, translate):
    """One problem as a sentence for a person at the field it is about, in their
    language: never the path, a key or pydantic's wording (see the module docstring)."""
    sentence = translate(problem.sentence or PAGE_OUT_OF_DATE)
    return sentence % problem.params if problem.params and "%(" in sentence else sentence


def translated(problem, translate):
    """One problem for an author: where it is (key path, YAML line) and what is wrong,
    in the reader's language."""
    message = translate(problem.message)
    if problem.params:
        message = message % problem.params
    line = problem.line
    if not problem.path:
        return translate(_("line %(line)s: %(problem)s")) % {"line": line, "problem": message} if line else message
    if line and not problem.path:
        return translate(_("line %(line)s: %(problem)s")) % {"line": line, "problem": message}
    if line:
        return translate(_("line %(line)s, %(path)s: %(problem)s")) % {
            "line": line, "path": problem.where(), "problem": message}
    return translate(_("%(path)s: %(problem)s")) % {"path": problem.where(), "problem": message}


def translated_at_field(problem, translate):
    """One problem as shown next to its field (Studio's editor): the sentence alone,
    without the field's key or path (the editor places it by `path`). In authored
    YAML the line and the keys inside the YAML are still named: the author wrote
    those keys and finds the place by them."""
    message = translate(problem.message)
    if problem.params:
        message = message % problem.params
    if problem.line and len(problem.path) > 1:
        return translate(_("line %(line)s, %(path)s: %(problem)s")) % {
            "line": problem.line, "path": path_text(problem.path[1:]), "problem": message}
    if problem.line:
        return translate(_("line %(line)s: %(problem)s")) % {"line": problem.line, "problem": message}
    # A form field: the sentence for a person where there is one ("Write a whole number."),
    # not the fragment ("must be a whole number").
    return for_person(problem, translate) if problem.sentence else message
