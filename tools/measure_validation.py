"""Measure the request-body checker: pydantic (core/validation.py, in use) against
the hand-written `Shape` checker it replaced (core/handlers.py at commit afaf795).

    .venv/bin/python tools/measure_validation.py

Prints, for a realistic `submit` body (every item of the 30-item instrument
answered) and a `save_draft` body, the time per check (median of several runs)
and the lines of code each needs. The old checker is read from git history, so
it is measured as it was, not as remembered.
"""
import datetime
import json
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OLD_COMMIT = "afaf795"


def old_source(path):
    return subprocess.run(["git", "show", f"{OLD_COMMIT}:{path}"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def old_shapes():
    """The Shape classes of the old core/handlers.py, executed from git history."""
    source = old_source("leergang_xblocks/core/handlers.py")
    section = source[source.index("class ShapeError"):source.index("# --- The decorator")]
    namespace = {"_": lambda text: text}
    exec(compile(section, "old_handlers_shapes", "exec"), namespace)  # noqa: S102 - our own history
    return namespace, count_code(section)


def code_lines(path, start, end=None, text=None):
    text = text or (ROOT / path).read_text("utf-8")
    return count_code(text[text.index(start):text.index(end) if end else len(text)])


def count_code(text):
    """Lines of code: not blank, not a comment, not part of a docstring."""
    import ast
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    return len([line for number, line in enumerate(text.splitlines(), 1)
                if line.strip() and not line.strip().startswith("#") and number not in docstrings])


def main():
    from leergang_xblocks.core import validation as new
    from leergang_xblocks.trust_scan.instrument import MAX_ITEMS, shipped_instrument

    old, old_lines = old_shapes()
    items = shipped_instrument("sturen_vanuit_vertrouwen").items
    submit_raw = json.dumps({"answers": {item.key: 1 + i % 5 for i, item in enumerate(items)}}).encode()
    draft_raw = json.dumps({"answers": {items[0].key: 3}, "version": 4}).encode()

    def old_shape(with_version):
        answers = old["MapOf"](old["Str"](40), old["Nullable"](old["Int"](0, 7)), MAX_ITEMS)
        fields = {"answers": answers, **({"version": old["Int"](0)} if with_version else {})}
        return old["Object"](fields)

    def new_shape(with_version):
        answers = new.MapOf(new.Str(40), new.Nullable(new.Int(0, 7)), MAX_ITEMS)
        return new.Object({"answers": answers, **({"version": new.Int(0)} if with_version else {})})

    cases = []
    for name, raw, with_version in (("submit (30 answers)", submit_raw, False), ("save_draft (1 answer)", draft_raw, True)):
        old_check, new_check = old_shape(with_version), new_shape(with_version)
        runs = {
            "Shape (json.loads + check)": lambda: old_check.check(json.loads(raw.decode("utf-8")), ""),
            "pydantic (validate_json)": lambda: new_check.check_json(raw),
        }
        for label, run in runs.items():
            run()
            number = 2000
            times = timeit.repeat(run, number=number, repeat=7)
            cases.append((name, label, statistics.median(times) / number * 1e6))

    new_lines = code_lines("leergang_xblocks/core/validation.py", "STRICT = ConfigDict")
    instrument = "leergang_xblocks/trust_scan/instrument.py"
    old_instrument = code_lines(instrument, "def _text(", "# --- Shipped", text=old_source(instrument))
    new_instrument = code_lines(instrument, "# --- The format", "# --- Shipped")
    print(f"Validation measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"Python {sys.version.split()[0]}, pydantic {__import__('pydantic').VERSION}")
    print()
    print("| body | checker | µs per check (median of 7 x 2000) |")
    print("|---|---|---|")
    for name, label, micro in cases:
        print(f"| {name} | {label} | {micro:.1f} |")
    print()
    print("| code | lines of code (no blank lines, comments or docstrings) |")
    print("|---|---|")
    print(f"| Shape checker (old core/handlers.py) | {old_lines} |")
    print(f"| pydantic vocabulary + error mapping (core/validation.py) | {new_lines} |")
    print(f"| instrument YAML checks, by hand (old trust_scan/instrument.py) | {old_instrument} |")
    print(f"| instrument YAML checks, declared (trust_scan/instrument.py) | {new_instrument} |")
    print(f"| together, old | {old_lines + old_instrument} |")
    print(f"| together, pydantic | {new_lines + new_instrument} |")


if __name__ == "__main__":
    import os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")
    main()
