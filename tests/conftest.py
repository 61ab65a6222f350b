"""Test set-up shared by every suite: Django with the demo settings on a fresh
SQLite file per test session, and the workbench scenarios loaded once."""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_db_dir = tempfile.mkdtemp(prefix="leergang-test-")
os.environ.setdefault("LEERGANG_SQLITE", os.path.join(_db_dir, "test.db"))
os.environ.setdefault("LEERGANG_VAR_DIR", _db_dir)
os.environ["DJANGO_SETTINGS_MODULE"] = "demo.settings"

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)


def pytest_collection_modifyitems(config, items):
    # Browser and database-server tests are slow: run them after the fast ones.
    slow = ("browser", "database_server")
    items.sort(key=lambda item: any(item.get_closest_marker(m) for m in slow))
