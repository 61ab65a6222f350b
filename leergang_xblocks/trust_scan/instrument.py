"""Trust-scan instruments: YAML files of dimensions, items, a scale and bands.

`parse_instrument(text)` returns an `Instrument` or raises `AuthoredDataError`
naming the line and the problem, so Studio can tell an author exactly what to
fix. The format is documented in the README ("Instrument YAML").
"""
import functools
import hashlib
import importlib.resources
import re
from dataclasses import dataclass

from ..core.authored_yaml import AuthoredDataError, load

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


def _text(doc, *path, required=True):
    """A text in both languages: a mapping {nl, en}, or one string for both."""
    value = doc.data
    for part in path:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            value = None
    name = path[-1] if isinstance(path[-1], str) else f"{path[-2]} {path[-1] + 1}"
    if value is None or value == "":
        if required:
            raise doc.error(f"'{name}' is required", *path)
        return {"nl": "", "en": ""}
    if isinstance(value, str):
        texts = {"nl": value, "en": value}
    elif isinstance(value, dict):
        unknown = set(value) - {"nl", "en"}
        if unknown:
            raise doc.error(f"'{name}' has unknown languages: {', '.join(sorted(map(str, unknown)))}", *path)
        texts = {lang: value.get(lang) for lang in ("nl", "en")}
        for lang, text in texts.items():
            if not isinstance(text, str) or not text.strip():
                raise doc.error(f"'{name}' needs a text in '{lang}'", *path)
    else:
        raise doc.error(f"'{name}' must be a text or a mapping with 'nl' and 'en'", *path)
    for text in texts.values():
        if len(text) > MAX_TEXT:
            raise doc.error(f"'{name}' is longer than {MAX_TEXT} characters", *path)
    return texts


def _key(doc, value, *path):
    if not isinstance(value, str) or not KEY_PATTERN.match(value):
        raise doc.error("a key must be 1-40 characters of a-z, 0-9 and _", *path)
    return value


def _list(doc, name, maximum):
    value = doc.data.get(name)
    if not isinstance(value, list) or not value:
        raise doc.error(f"'{name}' must be a non-empty list", name)
    if len(value) > maximum:
        raise doc.error(f"'{name}' may have at most {maximum} entries", name)
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise doc.error(f"each entry of '{name}' must be a mapping", name, index)
    return value


def _number(doc, value, *path):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise doc.error(f"'{path[-1]}' must be a number", *path)
    return float(value)


def parse_instrument(text):
    doc = load(text)
    if not isinstance(doc.data, dict):
        raise AuthoredDataError("the instrument must be a mapping (key: value)", 1)
    known = {"key", "title", "description", "scale", "dimensions", "items"}
    unknown = sorted(str(k) for k in set(doc.data) - known)
    if unknown:
        raise doc.error(f"unknown key '{unknown[0]}'", unknown[0])
    key = _key(doc, doc.data.get("key"), "key")

    scale = doc.data.get("scale")
    if not isinstance(scale, dict):
        raise doc.error("'scale' is required and must be a mapping", "scale")
    points = scale.get("points")
    if points not in SCALE_POINTS or isinstance(points, bool):
        raise doc.error("'points' must be 5 or 7", "scale", "points")
    labels = scale.get("labels")
    if not isinstance(labels, list) or len(labels) != points:
        raise doc.error(f"'labels' must list exactly {points} labels, lowest first", "scale", "labels")
    label_texts = tuple(_text(doc, "scale", "labels", i) for i in range(points))
    dont_know = _text(doc, "scale", "dont_know") if scale.get("dont_know") is not None else None

    dimensions = []
    for index, entry in enumerate(_list(doc, "dimensions", MAX_DIMENSIONS)):
        dim_key = _key(doc, entry.get("key"), "dimensions", index, "key")
        if any(d.key == dim_key for d in dimensions):
            raise doc.error(f"dimension '{dim_key}' is defined twice", "dimensions", index, "key")
        dimensions.append(Dimension(
            key=dim_key,
            name=_text(doc, "dimensions", index, "name"),
            description=_text(doc, "dimensions", index, "description", required=False),
            bands=_bands(doc, entry.get("bands"), points, index),
            reflection=_text(doc, "dimensions", index, "reflection", required=False),
        ))

    items = []
    dimension_keys = {d.key for d in dimensions}
    for index, entry in enumerate(_list(doc, "items", MAX_ITEMS)):
        item_key = _key(doc, entry.get("key"), "items", index, "key")
        if any(i.key == item_key for i in items):
            raise doc.error(f"item '{item_key}' is defined twice", "items", index, "key")
        if entry.get("dimension") not in dimension_keys:
            raise doc.error(f"item '{item_key}' names an unknown dimension '{entry.get('dimension')}'",
                            "items", index, "dimension")
        reverse = entry.get("reverse", False)
        if not isinstance(reverse, bool):
            raise doc.error("'reverse' must be true or false", "items", index, "reverse")
        items.append(Item(item_key, entry["dimension"], _text(doc, "items", index, "text"), reverse))

    for index, dimension in enumerate(dimensions):
        if not any(item.dimension == dimension.key for item in items):
            raise doc.error(f"dimension '{dimension.key}' has no items", "dimensions", index)

    return Instrument(
        key=key,
        title=_text(doc, "title"),
        description=_text(doc, "description", required=False),
        points=points,
        labels=label_texts,
        dont_know=dont_know,
        dimensions=tuple(dimensions),
        items=tuple(items),
        fingerprint=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )


def _bands(doc, bands, points, dim_index):
    if bands is None:
        return ()
    where = ("dimensions", dim_index, "bands")
    if not isinstance(bands, list):
        raise doc.error("'bands' must be a list", *where)
    parsed = []
    for index, band in enumerate(bands):
        if not isinstance(band, dict):
            raise doc.error("each band must be a mapping with min, max and text", *where, index)
        low = _number(doc, band.get("min"), *where, index, "min")
        high = _number(doc, band.get("max"), *where, index, "max")
        if not 1 <= low <= high <= points:
            raise doc.error(f"a band needs 1 <= min <= max <= {points}", *where, index)
        if parsed and low <= parsed[-1].maximum:
            raise doc.error("bands must be in order and must not overlap", *where, index)
        parsed.append(Band(low, high, _text(doc, *where, index, "text")))
    return tuple(parsed)


# --- Shipped instruments --------------------------------------------------------

def shipped_instrument_keys():
    folder = importlib.resources.files(__package__).joinpath("instruments")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=None)
def shipped_instrument(key):
    if key not in shipped_instrument_keys():
        raise AuthoredDataError(f"there is no shipped instrument '{key}'")
    text = importlib.resources.files(__package__).joinpath("instruments", key + ".yaml").read_text("utf-8")
    return parse_instrument(text)


@functools.lru_cache(maxsize=64)
def custom_instrument(text):
    """Parsed once per distinct text: blocks are rebuilt on every request."""
    return parse_instrument(text)
