"""Every platform fake says which platform file and function it mirrors, at
which commit, so that a reviewer can read the same code:

    Mirrors openedx/openedx-platform@<40-hex commit> <path>.py <function>

Fakes: every class and public function of tests/support/platform_fakes.py,
tests/support/platform_services.py, tests/support/platform_scores.py, demo/platform_paths.py and demo/services.py, every module-level class of
tests/platform/, and every `Fake...Service` class elsewhere in tests/. A public helper that is not a fake says so in a line
starting "Not a fake:". Read with `ast`, so this runs without the workbench.

And the fake runtime grades as the platform does (xmodule/services.py,
EventPublishingService._handle_grade_event): the requesting user, whatever
`user_id` a grade event carries (the old module_render.py's
`event.get('user_id', user.id)` is long gone), and nobody while staff view as
a specific learner.
"""
import ast
import re
from pathlib import Path

from tests.support import platform_fakes as fakes

ROOT = Path(__file__).resolve().parent.parent.parent
FAKE_MODULES = ("tests/support/platform_fakes.py", "tests/support/platform_services.py", "tests/support/platform_scores.py",
                "demo/platform_paths.py", "demo/services.py")
MIRRORS = re.compile(r"^\s*Mirrors (?P<repo>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40}) "
                     r"(?P<path>[\w.-]+(?:/[\w.-]+)+\.py) (?P<what>\w.*)$", re.M)
NOT_A_FAKE = re.compile(r"^\s*Not a fake: \S", re.M)


def undocumented(source, name, all_public_functions=True):
    """The fakes in `source` without a Mirrors line: ["name:line"]."""
    missing = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            wanted = True
        elif isinstance(node, ast.FunctionDef):
            wanted = all_public_functions and not node.name.startswith("_")
        else:
            continue
        doc = ast.get_docstring(node) or ""
        if wanted and not MIRRORS.search(doc) and not (isinstance(node, ast.FunctionDef) and NOT_A_FAKE.search(doc)):
            missing.append(f"{name}:{node.lineno} {node.name}")
    return missing


def fake_sources():
    for name in FAKE_MODULES:
        yield name, (ROOT / name).read_text("utf-8"), True
    for path in sorted((ROOT / "tests" / "platform").glob("*.py")):
        yield f"tests/platform/{path.name}", path.read_text("utf-8"), False


def fake_services_elsewhere():
    """Module-level `Fake...Service` classes in the other test modules."""
    for path in sorted((ROOT / "tests").rglob("*.py")):
        name = str(path.relative_to(ROOT))
        if name in FAKE_MODULES or name.startswith("tests/platform/"):
            continue
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Fake") and node.name.endswith("Service"):
                yield f"{name}:{node.lineno} {node.name}", ast.get_docstring(node) or ""


def test_every_fake_names_the_platform_code_and_commit_it_mirrors():
    missing = [m for name, source, functions in fake_sources() for m in undocumented(source, name, functions)]
    assert not missing, missing


def test_fake_services_in_other_tests_name_what_they_mirror():
    missing = [where for where, doc in fake_services_elsewhere() if not MIRRORS.search(doc)]
    assert not missing, missing


def test_the_check_fails_for_a_fake_without_its_line():
    source = ('class Service:\n    """Like the platform\'s service."""\n\n'
              'def lms_path():\n    """The LMS path."""\n\n'
              'def helper():\n    """Not a fake: builds requests."""\n\n'
              'class Named:\n    """Mirrors openedx/openedx-platform@' + "a" * 40 + ' xmodule/services.py X\n    """\n')
    assert undocumented(source, "example.py") == ["example.py:1 Service", "example.py:4 lms_path"]
    assert undocumented("class Fake:\n    'Mirrors openedx/openedx-platform@abc x.py f'\n", "short.py") == [
        "short.py:1 Fake"]  # a commit is 40 hex digits


def test_the_fake_runtime_grades_the_requesting_user_whatever_the_event_says():
    from leergang_xblocks.trust_scan.block import TrustScanBlock
    staff_runtime = fakes.lms_staff()
    block = fakes.block_on(staff_runtime, TrustScanBlock)
    staff_runtime.publish(block, "grade", {"value": 3, "max_value": 4, "user_id": fakes.LEARNER.id})
    assert staff_runtime.grades == [(fakes.STAFF.id, 3, 4)]
    masquerade = fakes.lms_staff_as_learner()
    masquerade.publish(fakes.block_on(masquerade, TrustScanBlock), "grade", {"value": 1, "max_value": 1})
    assert masquerade.grades == []
