"""Every refusal a person sees in Dutch is a sentence from the Dutch catalogue,
with no field path, no English key and no pydantic wording (issue 21).

Each handler of each of the five blocks (from the contracts in
tests/harness/blocks/) gets invalid versions of its valid example, the kind a
form or a careless page sends: a required value left out, text left empty,
wrong types, control characters, an unknown key. Sent in Dutch, every line of
the refusal must be a Dutch catalogue sentence (so: translated, not built from
English), must not start with a field path ("text: ..."), and must not contain
a key of the body. A shape refusal also names, per problem, the field it is
about and a message code, so a page can put the sentence next to the field.
"""
import json
import re
import sys
import uuid
from functools import lru_cache
from pathlib import Path

import pytest

from tests.harness.contracts import all_contracts
from tests.support.workbench import Participant

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

CONTRACTS = all_contracts()
UNKNOWN_KEY = "unknown_key"
FIELD_PATH_PREFIX = re.compile(r"^[a-z_][\w.\[\]]*\s*:")


@lru_cache(maxsize=None)
def dutch_catalogue():
    """Each Dutch sentence of the catalogue as a pattern (placeholders match anything)."""
    patterns, words = [], set()
    for entry in i18n.read_po(i18n.po_path("nl")).values():
        for text in entry["msgstr"]:
            words |= set(re.findall(r"[a-z_]+", re.sub(r"%\(\w+\)s", "", text.lower())))
            literal = re.sub(r"%\(\w+\)s", "", text)
            if len(re.findall(r"[A-Za-zÀ-ÿ]", literal)) < 6:
                continue  # "%(a)s: %(b)s" and the like would match any line
            parts = re.split(r"(%\(\w+\)s)", text)
            patterns.append(re.compile("".join(".+?" if re.fullmatch(r"%\(\w+\)s", p) else re.escape(p)
                                               for p in parts), re.S))
    return patterns, words


def keys_of(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys_of(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys_of(inner)


def invalid_versions(example):
    """(description, body): what a form or a careless page might send."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key in list(value)[:6]:
                found.append((f"{path + (key,)} left out", _without(example, path + (key,))))
                walk(value[key], path + (key,))
            found.append((f"unknown key at {path}", _with(example, path + (UNKNOWN_KEY,), "x")))
        elif isinstance(value, list):
            for index, inner in enumerate(value[:2]):
                walk(inner, path + (index,))
            found.append((f"{path} not a list", _with(example, path, "x")))
        elif isinstance(value, str):
            for bad, what in (("", "empty"), (" ", "blank"), ("a\x00b", "a NUL"), (12345, "a number"),
                              ("x" * 20_000, "very long")):
                found.append((f"{path} {what}", _with(example, path, bad)))
        elif isinstance(value, bool) or value is None:
            found.append((f"{path} text", _with(example, path, "ja")))
        elif isinstance(value, (int, float)):
            for bad, what in (("7", "as text"), (-1, "negative"), (10**12, "huge"), (1.5, "a fraction")):
                found.append((f"{path} {what}", _with(example, path, bad)))

    walk(example, ())
    return found


def _copy(value):
    return json.loads(json.dumps(value))


def _with(example, path, new):
    copy = _copy(example)
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return copy


def _without(example, path):
    copy = _copy(example)
    target = copy
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return copy


def what_is_wrong(body, error):
    """The reasons a refusal's texts are not fit for a Dutch reader; [] when they are."""
    patterns, dutch_words = dutch_catalogue()
    english_keys = {key for key in keys_of(body) if isinstance(key, str) and len(key) > 1
                    and key.lower() not in dutch_words}
    texts = [error["message"]] + [problem["message"] for problem in error.get("problems", [])]
    wrong = []
    for text in texts:
        for line in text.split("\n"):
            if FIELD_PATH_PREFIX.match(line):
                wrong.append(f"starts with a field path: {line!r}")
            for key in english_keys:
                if re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", line):
                    wrong.append(f"names the key {key!r}: {line!r}")
            if not any(pattern.fullmatch(line) for pattern in patterns):
                wrong.append(f"not a sentence of the Dutch catalogue: {line!r}")
    for problem in error.get("problems", []):
        if not problem.get("code") or "field" not in problem:
            wrong.append(f"a problem without its code or field: {problem!r}")
    return wrong


@lru_cache(maxsize=None)
def person_for(block_type, staff):
    """Someone who gets past the block's guards, with the block's writes done once."""
    contract = next(c for c in CONTRACTS if c.block_type == block_type)
    usage_id = contract.usage_id()
    person = Participant(("staff_msg" if staff else "msg_") + uuid.uuid4().hex[:8], language="nl")
    if contract.prepare:
        contract.prepare(person.student_id, usage_id)
    for write in contract.handlers:
        if write.writes and not write.studio and write.method == "POST":
            person.post(usage_id, write.name, write.example(contract, usage_id))
    return person


CASES = [(contract.block_type, spec.name) for contract in CONTRACTS for spec in contract.handlers
         if spec.method == "POST" and not spec.studio]


def test_all_five_blocks_are_covered():
    assert {block for block, _ in CASES} >= {"leergang_trust_scan", "leergang_groups", "leergang_case",
                                             "leergang_feedback_round", "leergang_dialogue"}


@pytest.mark.parametrize("block_type,handler", CASES)
def test_a_refusal_in_dutch_is_a_sentence_for_a_person(block_type, handler):
    contract = next(c for c in CONTRACTS if c.block_type == block_type)
    spec = contract.handler(handler)
    usage_id = contract.usage_id()
    person = person_for(block_type, spec.expected["learner"] == 403)
    example = spec.example(contract, usage_id)
    wrong, refused = [], 0
    for description, body in invalid_versions(example):
        response = person.post(usage_id, handler, body)
        if response.status_code < 400:
            continue
        refused += 1
        error = response.json()["error"]
        wrong += [f"{description}: {reason}" for reason in what_is_wrong(body, error)]
    assert refused, "no invalid version was refused"
    assert not wrong, "\n".join(wrong)


GET_CASES = [(contract.block_type, spec.name) for contract in CONTRACTS for spec in contract.handlers
             if spec.method == "GET" and getattr(getattr(contract.block_class, spec.name).json_shape, "fields", None)]


@pytest.mark.parametrize("block_type,handler", GET_CASES)
def test_a_refused_query_in_dutch_is_a_sentence_for_a_person(block_type, handler):
    """The same for a GET handler's declared query values (say `names=2`)."""
    contract = next(c for c in CONTRACTS if c.block_type == block_type)
    spec = contract.handler(handler)
    usage_id = contract.usage_id()
    person = person_for(block_type, spec.expected["learner"] == 403)
    declared = getattr(contract.block_class, handler).json_shape.fields
    wrong = []
    for key in declared:
        for value in ("%00", "2", "x" * 400, "%C2%B2", ""):
            response = person.get(usage_id, handler, f"{key}={value}")
            if response.status_code < 400 or "json" not in response.get("Content-Type", ""):
                continue  # accepted, or a download
            error = response.json()["error"]
            wrong += [f"{key}={value[:12]}: {reason}" for reason in what_is_wrong(dict.fromkeys(declared, ""), error)]
    assert not wrong, "\n".join(wrong)


def test_a_shape_refusal_names_the_field_and_a_code_per_problem():
    contract = next(c for c in CONTRACTS if c.block_type == "leergang_groups")
    usage_id = contract.usage_id()
    person = person_for("leergang_groups", False)
    response = person.post(usage_id, "post_introduction", {"text": "a\x00b"})
    assert response.status_code == 400
    problems = response.json()["error"]["problems"]
    assert [(p["field"], p["code"]) for p in problems] == [("text", "control_characters")]
    response = person.post(usage_id, "post_introduction", {})
    assert [(p["field"], p["code"]) for p in response.json()["error"]["problems"]] == [("text", "required")]


def test_the_check_catches_what_issue_21_saw():
    """The check itself fails on the texts people were shown."""
    body = {"text": ""}
    assert what_is_wrong(body, {"message": "text: moet minstens 1 tekens lang zijn"})
    assert what_is_wrong(body, {"message": "Text is required"})
    assert what_is_wrong(body, {"message": "Deze ronde vraagt niet: text."})
    assert not what_is_wrong(body, {"message": "Schrijf eerst een paar woorden."})
