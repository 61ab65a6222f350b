"""Test set-up shared by every suite: Django with the demo settings on a fresh
SQLite file per test session, and the workbench scenarios loaded once.

Without the xblock-sdk workbench (the install check: the installed wheel on
the newest platform pins, see scripts/install_check.sh) Django runs with tests/platform_settings.py
and only the tests that need no workbench are collected: PLATFORM_TESTS below.
"""
import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

_SESSION_START = time.time()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_db_dir = tempfile.mkdtemp(prefix="leergang-test-")
atexit.register(shutil.rmtree, _db_dir, ignore_errors=True)
# A database given in the environment is used as it is. Otherwise every test
# process gets a fresh SQLite file: pytest-xdist's workers (scripts/test.sh runs
# two) inherit the environment of the process that started them, so a path this
# file chose there is replaced by the worker's own.
if "LEERGANG_SQLITE" not in os.environ or os.environ.get("LEERGANG_TEST_DB_CHOSEN_HERE") == "1":
    os.environ["LEERGANG_SQLITE"] = os.path.join(_db_dir, "test.db")
    os.environ["LEERGANG_VAR_DIR"] = _db_dir
    os.environ["LEERGANG_TEST_DB_CHOSEN_HERE"] = "1"
HAS_WORKBENCH = importlib.util.find_spec("workbench") is not None
os.environ["DJANGO_SETTINGS_MODULE"] = "demo.settings" if HAS_WORKBENCH else "tests.platform_settings"

# The tests that run on the platform's own pins (no workbench, no browser, no
# database server). Everything else needs the workbench; in the install check it
# is not collected (scripts/test.sh runs it in the whole suite).
PLATFORM_TESTS = (
    "tests/platform",
    "tests/unit/test_authored_input.py",
    "tests/unit/test_instrument.py",
    "tests/unit/test_scoring.py",
)
# The modules that take longest (about 18 and 15 minutes of one process in CI).
LONGEST_MODULES = ("tests/load/test_concurrent_load.py", "tests/security/test_fuzz_handlers.py")
# Tests in those modules that still need the source tree's tools (the sample
# courses, which import the workbench): deselected in the platform job, and
# reported as deselected there.
NEEDS_SOURCE_TREE = (
    "tests/unit/test_authored_input.py::test_the_sample_course_builder_reports_points_5_0_like_any_outline_error",
    # Reads the demo's fakes (demo/platform_paths.py, demo/services.py) as text.
    "tests/platform/test_fake_provenance.py::test_every_fake_names_the_platform_code_and_commit_it_mirrors",
)
# Playwright's sync API keeps an event loop in the main thread; Django would then
# refuse ORM calls from tests that run after a browser test. Tests are not async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)

if HAS_WORKBENCH:
    # The demo's scenarios first, in every test process: the workbench loads them on its first
    # `get_scenarios()` only if none is there yet, so a test module that adds a scenario of its
    # own before that call (tests/perf builds courses so) left the demo's out, and every later
    # test of the process that opens one got 404.
    from django.db import connection  # noqa: E402
    from workbench.scenarios import get_scenarios  # noqa: E402

    get_scenarios()
    # Loading them logs thousands of statements; Django's query log keeps at most 9,000, and a
    # full one makes CaptureQueriesContext (which counts by the log's length) see none.
    connection.queries_log.clear()


def _relative(path):
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None


def _is_platform_test(path):
    relative = _relative(path)
    return relative is not None and any(relative == p or relative.startswith(p + "/") for p in PLATFORM_TESTS)


def pytest_ignore_collect(collection_path, config):
    """In the platform job, collect only PLATFORM_TESTS (the rest imports the workbench)."""
    relative = _relative(collection_path)
    if HAS_WORKBENCH or relative is None:
        return None
    if collection_path.is_dir():
        keep = relative == "tests" or any(p.startswith(relative + "/") for p in PLATFORM_TESTS)
        return None if keep or _is_platform_test(collection_path) else True
    return None if _is_platform_test(collection_path) or collection_path.suffix != ".py" else True


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _is_platform_test(item.path) and item.nodeid not in NEEDS_SOURCE_TREE:
            item.add_marker(pytest.mark.platform)
    if not HAS_WORKBENCH:
        deselected = [item for item in items if item.nodeid in NEEDS_SOURCE_TREE]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if item.nodeid not in NEEDS_SOURCE_TREE]
    # Browser and database-server tests are slow: run them after the fast ones.
    slow = ("browser", "database_server")
    # Under pytest-xdist (scripts/test.sh: two processes, `--dist loadfile`) a
    # module's tests stay in one process, where they share what they build (the
    # load tests' MariaDB server and their one summary table, printed at the end).
    # The longest modules go first, so the other process runs the rest meanwhile
    # instead of one of them running alone at the end.
    worker = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    items.sort(key=lambda item: (not (worker and _relative(item.path) in LONGEST_MODULES),
                                 any(item.get_closest_marker(m) for m in slow)))


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true nothing may be skipped silently: a skip fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        reporter.write_sep("!", f"CI=true: {len(skipped)} skipped test(s) count as a failure")
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    """Show the load test's summary table (tests/load writes it) at the end of the run."""
    if not HAS_WORKBENCH:
        return
    from tests.load.driver import SUMMARY_FILE

    if SUMMARY_FILE.exists() and SUMMARY_FILE.stat().st_mtime >= _SESSION_START:
        terminalreporter.write_sep("-", "concurrent load")
        terminalreporter.write_line(SUMMARY_FILE.read_text())
