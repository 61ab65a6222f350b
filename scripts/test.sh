#!/usr/bin/env bash
# Command 2: set up everything and run the whole test suite: unit, workbench
# handler, browser (Chromium), and database-server tests.
# Extra arguments go to pytest, e.g. bash scripts/test.sh tests/unit -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system_packages.sh
export DJANGO_SETTINGS_MODULE=demo.settings
exec .venv/bin/python -m pytest "$@"
