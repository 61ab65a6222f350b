"""Test set-up shared by every suite: Django with the demo settings on a fresh
SQLite file per test session, and the workbench scenarios loaded once."""
import os
import sys
import tempfile
import time
from pathlib import Path

_SESSION_START = time.time()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_db_dir = tempfile.mkdtemp(prefix="leergang-test-")
os.environ.setdefault("LEERGANG_SQLITE", os.path.join(_db_dir, "test.db"))
os.environ.setdefault("LEERGANG_VAR_DIR", _db_dir)
os.environ["DJANGO_SETTINGS_MODULE"] = "demo.settings"
# Playwright's sync API keeps an event loop in the main thread; Django would then
# refuse ORM calls from tests that run after a browser test. Tests are not async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)


def pytest_collection_modifyitems(config, items):
    # Browser and database-server tests are slow: run them after the fast ones.
    slow = ("browser", "database_server")
    items.sort(key=lambda item: any(item.get_closest_marker(m) for m in slow))


def pytest_terminal_summary(terminalreporter):
    """Show the load test's summary table (tests/load writes it) at the end of the run."""
    from tests.load.driver import SUMMARY_FILE

    if SUMMARY_FILE.exists() and SUMMARY_FILE.stat().st_mtime >= _SESSION_START:
        terminalreporter.write_sep("-", "concurrent load")
        terminalreporter.write_line(SUMMARY_FILE.read_text())
