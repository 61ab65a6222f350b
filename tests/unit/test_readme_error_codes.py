"""docs/developers.md lists every error code a handler can answer, and no other.

The codes are collected from the source: every `HandlerError(status, code, ...)`
and `error_response(block, status, code, ...)` in the package, found with `ast`,
so a new code cannot ship undocumented.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "leergang_xblocks"
CALLS = {"HandlerError": 1, "error_response": 2,   # name -> position of the code argument
         "Invalid": None}                           # validation.Invalid(problems, code=...): keyword only


def codes_in_source():
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in CALLS:
                continue
            position = CALLS[name]
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if code is None and position is not None and len(node.args) > position:
                code = node.args[position]
            if (isinstance(code, ast.Call) and getattr(code.func, "id", None) == "getattr"
                    and len(code.args) == 3):
                code = code.args[2]  # getattr(exc, "code", "invalid"): the default is a code too
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                found.setdefault(code.value, f"{path.relative_to(ROOT)}:{node.lineno}")
            elif code is not None and not (name == "error_response" and isinstance(code, ast.Attribute)):
                # (error_response(self, exc.status, exc.code, ...) passes a HandlerError's code on.)
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno}: an error code must be a literal string")
    return found


def codes_in_docs():
    """The codes in the table's rows. Only rows of the one table count: a blank line
    inside it ends the table for every Markdown renderer, and the rows after it
    show as raw pipes, so they are not documented."""
    text = (ROOT / "docs" / "developers.md").read_text()
    section = text.split("### Error codes", 1)[1].split("\n#", 1)[0]
    table = section[section.index("| code |"):].split("\n\n", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))


def test_the_collector_finds_the_codes_it_should():
    codes = codes_in_source()
    assert {"invalid", "bad_json", "authors_only", "not_authenticated", "read_only_preview"} <= set(codes)


def test_every_code_is_documented_and_every_documented_code_exists():
    in_source = codes_in_source()
    documented = codes_in_docs()
    missing = {code: where for code, where in in_source.items() if code not in documented}
    assert missing == {}, "add these to the error-code table in docs/developers.md"
    assert documented - set(in_source) == set(), "docs/developers.md lists codes no handler returns"
