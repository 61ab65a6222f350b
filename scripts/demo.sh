#!/usr/bin/env bash
# Command 1: set up everything and start the workbench with every block and
# sample course, on an embedded SQLite database (var/workbench.db).
#   bash scripts/demo.sh            -> http://127.0.0.1:8000/
#   PORT=8001 bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=demo.settings
# The sample courses with their participants' work, for their programme overviews
# (demo/programme_demo.py); the test servers start without it.
export LEERGANG_DEMO_SAMPLE_WORK=1
.venv/bin/python -m django migrate --run-syncdb --verbosity 0
echo "Demo: http://127.0.0.1:${PORT:-8000}/  (?lang=nl for Dutch, ?student=staff_ria for staff)"
exec .venv/bin/python -m django runserver "127.0.0.1:${PORT:-8000}"
