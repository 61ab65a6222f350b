"""Input people never mean to send, built from any handler's valid example.

Used by tests/security/test_fuzz_handlers.py for every handler of every block
in the contracts, so a new block is fuzzed without new test code:

- at every position of the example (the body itself, each value, each nested
  value, each list entry) a hostile value: wrong types, lone surrogates, NUL and
  other control characters, very long text, nesting hundreds of levels deep,
  numbers past any integer or float (`1e400`, `10**400`), the `Infinity` and
  `NaN` literals Python's json module accepts;
- at every object in the example, hostile keys: lone surrogates, NUL, very long
  keys, unknown keys;
- Studio's save gets every editable setting of the block in its example, so each
  setting gets every hostile value too.

Bodies are JSON text (bytes): a lone surrogate is written as the escape `\\ud800`,
which is valid JSON syntax but not Unicode text, and the non-standard literals
are written as they arrive from a careless or hostile client.
"""
import json

from hypothesis import strategies as st

# Placeholders for raw JSON tokens json.dumps cannot write as we want them.
_RAW = {
    "__LEERGANG_INF__": "Infinity",
    "__LEERGANG_NINF__": "-Infinity",
    "__LEERGANG_NAN__": "NaN",
    "__LEERGANG_BIGFLOAT__": "1e400",
    "__LEERGANG_TINY__": "-1e-400",
}

HOSTILE_TEXT = [
    "\ud800", "a\udfffb", "\ud83d", "\x00", "a\x00b", "\x1b[31m", "\u202egnp.exe", "\ufeff", "x" * 70_000,
    "k" * 5000, "", " ", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "../../etc/passwd",
]
HOSTILE_NUMBERS = [10**400, -10**400, 2**63, -2**63 - 1, 1.5, 5.0, -0.0, 1e308] + list(_RAW)
HOSTILE_KEYS = ["\ud800", "a\udc00", "\x00", "key\x00", "k" * 10_000, "", "__proto__", "constructor", "\u202e",
                "extra"]


def deep(depth, kind="list"):
    value = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


HOSTILE_VALUES = ([None, True, False, 0, -1, [], {}, [None], {"": None}] + HOSTILE_TEXT + HOSTILE_NUMBERS
                  + [deep(150), deep(150, "map"), deep(600), deep(600, "map"), [1] * 5000,
                     {f"k{i}": i for i in range(3000)}, {"\ud800": {"\ud800": 1}}, [{"\x00": "\ud800"}]])


PER_CONTAINER = 8  # entries of one object or list that are each attacked; the rest are the same kind


def positions(value, path=()):
    """Every place in a JSON value: the value itself and everything inside it."""
    yield path
    if isinstance(value, dict):
        for key, inner in list(value.items())[:PER_CONTAINER]:
            yield from positions(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:PER_CONTAINER]):
            yield from positions(inner, path + (index,))


def objects(value, path=()):
    """The places in a JSON value that hold an object (where keys can go wrong)."""
    if isinstance(value, dict):
        yield path
        for key, inner in value.items():
            yield from objects(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from objects(inner, path + (index,))


def replaced(value, path, new):
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return copy


def with_key(value, path, key, new):
    copy = json.loads(json.dumps(value))
    target = copy
    for part in path:
        target = target[part]
    target[key] = new
    return copy


def renamed(value, path, new_key):
    """The first key of the object at `path` renamed to `new_key` (its value kept)."""
    copy = json.loads(json.dumps(value))
    target = copy
    for part in path:
        target = target[part]
    if target:
        old = next(iter(target))
        target[new_key] = target.pop(old)
    return copy


def to_json(value):
    """JSON text with lone surrogates escaped and the raw literals put in."""
    text = json.dumps(value, ensure_ascii=True)
    for placeholder, token in _RAW.items():
        text = text.replace(json.dumps(placeholder), token)
    return text.encode("ascii")


def mutations(example):
    """Every hostile variant of `example`, deterministic: (description, body bytes)."""
    found = []
    for path in positions(example):
        for index, value in enumerate(HOSTILE_VALUES):
            found.append((f"value {index} at {path}", to_json(replaced(example, path, value))))
    for path in objects(example):
        for key in HOSTILE_KEYS:
            found.append((f"key {key[:12]!r} at {path}", to_json(with_key(example, path, key, 1))))
            found.append((f"renamed to {key[:12]!r} at {path}", to_json(renamed(example, path, key))))
    return found


def mutated(example):
    """A hypothesis strategy: one hostile change, anywhere in `example`, combined at random."""
    places = list(positions(example))
    holders = list(objects(example)) or [()]
    value_change = st.tuples(st.sampled_from(places), st.sampled_from(HOSTILE_VALUES)).map(
        lambda change: replaced(example, *change))
    key_change = st.tuples(st.sampled_from(holders), st.sampled_from(HOSTILE_KEYS)).map(
        lambda change: with_key(example, change[0], change[1], 1) if isinstance(example, dict) else example)
    return st.one_of(value_change, key_change).map(to_json)


def studio_example(block_class):
    """Studio's save with every editable setting present, at its default value."""
    fields = block_class.fields
    return {"values": {name: fields[name].default for name in block_class.editable_fields}, "defaults": []}


HOSTILE_QUERIES = [
    "names=%00", "names=%ED%A0%80", "names=%ff%fe", "names=1&names=0", "names", "names=" + "1" * 5000,
    "%00=%00", "%ED%A0%80=1", "version=Infinity", "version=1e400", "names=true", "names=%20%31",
]
