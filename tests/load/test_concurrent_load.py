"""Concurrent load: a cohort (or a MOOC) writing in the same minutes.

- MariaDB under gunicorn with 4 workers (as the LMS runs), 200 participants,
  50 at a time, through every write handler of every block, with reads between.
- The demo's SQLite under the development server, 24 participants.
- On both, for every block: one participant's requests overlapping (each
  block's `overlap_journey` in tests/harness/blocks/): a burst of identical
  writes (trust-scan submit, case log entry with one `seen`, update, feedback,
  rating, position, re-vote, introduction), a draft racing a write, two tabs
  (the manifestatie's part with one `seen`, a draft version, two updates,
  re-votes or introductions). Counted: duplicate records, stuck participants
  (stored but not shown, or the reloaded page cannot write) and acknowledged
  writes not stored (the "lost drafts" column); each must be zero, and the
  only refusals are the rules' 409s (`stale_entry`, `stale_part`,
  `already_positioned`, `feedback_final`, ...).

Afterwards every accepted write must be stored exactly once with its content,
the aggregates must equal a recomputation from the raw records, and no request
may have been answered with a 5xx. A summary table is printed and written to
var/load_summary.md.
"""
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.harness.contracts import all_contracts
from tests.load import driver
from tests.support.live_server import DemoServer
from tests.support.mariadb import private_mariadb, require_mariadb

ROOT = Path(__file__).resolve().parents[2]
SUMMARIES = []
LOADED = [c for c in all_contracts() if c.load_journey]


@pytest.fixture(scope="module")
def mariadb():
    require_mariadb()
    with private_mariadb() as databases:
        yield {"default": databases["default"]}


def assert_clean(summary):
    assert summary.server_errors == 0, summary.problems[:10]
    assert summary.lost_writes == 0, summary.problems[:10]
    assert summary.unexpected_4xx == 0, summary.problems[:10]
    assert not summary.problems, summary.problems[:10]
    assert summary.successes == summary.requests


def assert_no_overlap_damage(summary):
    assert summary.server_errors == 0, summary.problems[:10]
    assert summary.duplicates == 0, summary.problems[:10]
    assert summary.stuck == 0, summary.problems[:10]
    assert summary.lost_drafts == 0, summary.problems[:10]
    assert summary.unexpected_4xx == 0, summary.problems[:10]
    assert not summary.problems, summary.problems[:10]


def _run_phase(server, contract, label, run, check, **load):
    server.start()
    try:
        summary = run(server, contract, **load)
    finally:
        server.stop()
    summary.block += f" ({label})"
    SUMMARIES.append(summary)
    check(summary)


def run_overlaps(server, contract, label, **load):
    _run_phase(server, contract, f"overlaps, {label}", driver.run_overlaps, assert_no_overlap_damage, **load)


def run_load(server, contract, label, **load):
    _run_phase(server, contract, label, driver.run, assert_clean, **load)


@pytest.mark.database_server
@pytest.mark.parametrize("contract", LOADED, ids=lambda c: c.block_type)
def test_200_participants_on_mariadb_with_4_workers(mariadb, contract):
    server = DemoServer(workers=4, env={"WORKBENCH_DATABASES": json.dumps(mariadb)})
    run_load(server, contract, "MariaDB, gunicorn x4", participants=200, concurrency=50, prefix="mdb")


@pytest.mark.database_server
@pytest.mark.parametrize("contract", [c for c in all_contracts() if c.overlap_journey], ids=lambda c: c.block_type)
def test_one_participants_overlapping_requests_on_mariadb_with_4_workers(mariadb, contract):
    server = DemoServer(workers=4, env={"WORKBENCH_DATABASES": json.dumps(mariadb)})
    run_overlaps(server, contract, "MariaDB, gunicorn x4", participants=60, concurrency=6, prefix="mdbov")


@pytest.mark.parametrize("contract", [c for c in all_contracts() if c.overlap_journey], ids=lambda c: c.block_type)
def test_one_participants_overlapping_requests_on_the_demo_sqlite(contract):
    run_overlaps(DemoServer(), contract, "SQLite, runserver", participants=30, concurrency=3, prefix="liteov")


@pytest.mark.parametrize("contract", LOADED, ids=lambda c: c.block_type)
def test_a_cohort_of_24_on_the_demo_sqlite(contract):
    run_load(DemoServer(), contract, "SQLite, runserver", participants=24, concurrency=24, prefix="lite")


def teardown_module(module):
    if not SUMMARIES:
        return
    driver.SUMMARY_FILE.parent.mkdir(exist_ok=True)
    driver.SUMMARY_FILE.write_text(driver.table(SUMMARIES, "Concurrent load: summary") + "\n")
