"""Trust-scan instruments: YAML files of dimensions, items, a scale and bands.

`parse_instrument(text)` returns an `Instrument` or raises `AuthoredDataError`
naming the line and the problem, so Studio can tell an author exactly what to
fix. The format is documented in docs/authors.md ("Instrument YAML").
"""
import functools
import hashlib
import importlib.resources
import re
from dataclasses import dataclass

from typing import Annotated

from ..core.authored_yaml import AuthoredDataError, load
from ..core.validation import (Bool, Float, Int, Invalid, ListOf, Nullable, Object, Optional, Refuse, Str, before,
                               rule, safe_text)

_ = lambda text: text  # noqa: E731  marks strings for extraction; translated where shown

KEY_PATTERN = re.compile(r"^[a-z0-9_]{1,40}$")
MAX_ITEMS = 200
MAX_DIMENSIONS = 30
MAX_TEXT = 2000
SCALE_POINTS = (5, 7)
DONT_KNOW = 0  # the answer value for "weet niet / n.v.t."; left out of every mean


@dataclass(frozen=True)
class Band:
    minimum: float
    maximum: float
    text: dict


@dataclass(frozen=True)
class Dimension:
    key: str
    name: dict
    description: dict
    bands: tuple
    # A question to reflect on when this is the participant's lowest dimension;
    # empty texts when the instrument has none (the block then asks a general one).
    reflection: dict


@dataclass(frozen=True)
class Item:
    key: str
    dimension: str
    text: dict
    reverse: bool


@dataclass(frozen=True)
class Instrument:
    key: str
    title: dict
    description: dict
    points: int
    labels: tuple
    dont_know: dict | None
    dimensions: tuple
    items: tuple
    fingerprint: str

    @property
    def allows_dont_know(self):
        return self.dont_know is not None

    def dimension(self, key):
        return next(d for d in self.dimensions if d.key == key)

    def items_of(self, dimension_key):
        return [item for item in self.items if item.dimension == dimension_key]

    @functools.cached_property
    def item_keys(self):
        return frozenset(item.key for item in self.items)


# --- The format, declared (pydantic, strict: no coercion, no unknown keys at any level) ---

def _key_format(value, context):
    if not KEY_PATTERN.match(value):
        raise Refuse(_("must be 1-40 characters of a-z, 0-9 and _"))
    return value


def _not_blank(value, context):
    if not value.strip():
        raise Refuse(_("may not be empty"))
    return value


def _both_languages(value):
    """One text serves both languages; a mapping gives each its own."""
    if isinstance(value, str):
        return {"nl": value, "en": value}
    if isinstance(value, dict):
        return value
    raise Refuse(_("must be a text, or a mapping with 'nl' and 'en'"))


def _maybe_empty(value):
    return {"nl": "", "en": ""} if value is None or value == "" else _both_languages(value)


Key = Annotated[str, rule(_key_format)]
Texts = Object({"nl": Annotated[Str(MAX_TEXT, multiline=True), rule(_not_blank)],
                "en": Annotated[Str(MAX_TEXT, multiline=True), rule(_not_blank)]}, "Texts").type
OptionalTexts = Object({"nl": Str(MAX_TEXT, multiline=True), "en": Str(MAX_TEXT, multiline=True)}, "OptionalTexts").type
Text = Annotated[Texts, before(_both_languages)]
Description = Optional(Annotated[OptionalTexts, before(_maybe_empty)], {"nl": "", "en": ""})

FORMAT = Object({
    "key": Key,
    "title": Text,
    "description": Description,
    "scale": Object({
        "points": Int(),
        "labels": ListOf(Text, max(SCALE_POINTS)),
        "dont_know": Optional(Nullable(Text)),
    }, "Scale"),
    "dimensions": ListOf(Object({
        "key": Key,
        "name": Text,
        "description": Description,
        "bands": Optional(ListOf(Object({"min": Float(), "max": Float(), "text": Text}, "Band"), 10), []),
        "reflection": Description,
    }, "Dimension"), MAX_DIMENSIONS, min_items=1),
    "items": ListOf(Object({
        "key": Key,
        "dimension": Key,
        "text": Text,
        "reverse": Optional(Bool(), False),
    }, "Item"), MAX_ITEMS, min_items=1),
}, "Instrument")


def parse_instrument(text):
    """The instrument in `text`, or AuthoredDataError listing every problem with its line."""
    doc = load(text)
    if not isinstance(doc.data, dict):
        raise AuthoredDataError(_("the instrument must be a mapping (key: value)"), 1)
    try:
        data = FORMAT.check(doc.data, authored=True)
    except Invalid as exc:
        raise AuthoredDataError(None, problems=[doc.problem(p.message, *p.path, **p.params)
                                                for p in exc.problems]) from None
    problems = _rule_problems(doc, data)
    if problems:
        raise AuthoredDataError(None, problems=problems)
    scale = data["scale"]
    return Instrument(
        key=data["key"],
        title=data["title"],
        description=data["description"],
        points=scale["points"],
        labels=tuple(scale["labels"]),
        dont_know=scale["dont_know"],
        dimensions=tuple(Dimension(d["key"], d["name"], d["description"],
                                   tuple(Band(b["min"], b["max"], b["text"]) for b in d["bands"]),
                                   d["reflection"])
                         for d in data["dimensions"]),
        items=tuple(Item(i["key"], i["dimension"], i["text"], i["reverse"]) for i in data["items"]),
        fingerprint=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )


def _rule_problems(doc, data):
    """What types cannot say: the scale, unique keys, items of known dimensions, bands in order."""
    problems = []
    points = data["scale"]["points"]
    if points not in SCALE_POINTS:
        problems.append(doc.problem(_("must be 5 or 7"), "scale", "points"))
    elif len(data["scale"]["labels"]) != points:
        problems.append(doc.problem(_("must list exactly %(points)s labels, lowest first"), "scale", "labels",
                                    points=points))
    seen = set()
    for index, dimension in enumerate(data["dimensions"]):
        if dimension["key"] in seen:
            problems.append(doc.problem(_("dimension '%(key)s' is defined twice"), "dimensions", index, "key",
                                        key=dimension["key"]))
        seen.add(dimension["key"])
        problems += _band_problems(doc, dimension["bands"], points, index)
    used, item_keys = set(), set()
    for index, item in enumerate(data["items"]):
        if item["key"] in item_keys:
            problems.append(doc.problem(_("item '%(key)s' is defined twice"), "items", index, "key", key=item["key"]))
        item_keys.add(item["key"])
        if item["dimension"] not in seen:
            problems.append(doc.problem(_("item '%(key)s' names an unknown dimension '%(dimension)s'"),
                                        "items", index, "dimension", key=item["key"], dimension=item["dimension"]))
        used.add(item["dimension"])
    for index, dimension in enumerate(data["dimensions"]):
        if dimension["key"] not in used:
            problems.append(doc.problem(_("dimension '%(key)s' has no items"), "dimensions", index,
                                        key=dimension["key"]))
    return problems


def _band_problems(doc, bands, points, dim_index):
    problems = []
    where = ("dimensions", dim_index, "bands")
    previous = None
    for index, band in enumerate(bands):
        if not 1 <= band["min"] <= band["max"] <= points:
            problems.append(doc.problem(_("a band needs 1 <= min <= max <= %(points)s"), *where, index,
                                        points=points))
        elif previous is not None and band["min"] <= previous:
            problems.append(doc.problem(_("bands must be in order and must not overlap"), *where, index))
        previous = band["max"]
    return problems


# --- Shipped instruments --------------------------------------------------------

def shipped_instrument_keys():
    folder = importlib.resources.files(__package__).joinpath("instruments")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=None)
def shipped_instrument(key):
    if key not in shipped_instrument_keys():
        raise AuthoredDataError(_("there is no shipped instrument '%(key)s'"), params={"key": safe_text(key)})
    text = importlib.resources.files(__package__).joinpath("instruments", key + ".yaml").read_text("utf-8")
    return parse_instrument(text)


@functools.lru_cache(maxsize=64)
def custom_instrument(text):
    """Parsed once per distinct text: blocks are rebuilt on every request."""
    return parse_instrument(text)
