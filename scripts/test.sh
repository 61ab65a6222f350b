#!/usr/bin/env bash
# Command 2: set up everything and run the whole test suite: unit, workbench
# handler, browser (Chromium), and database-server tests on Python 3.12 with the
# workbench, and first the platform job (scripts/platform_job.sh): the package
# installed on Python 3.11 with the Open edX releases' pins, every test that
# needs no workbench.
# Extra arguments go to pytest, e.g. bash scripts/test.sh tests/unit -x
# (naming test paths runs only those, without the platform job).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system_packages.sh
export DJANGO_SETTINGS_MODULE=demo.settings

names_paths=false
for arg in "$@"; do
  case "$arg" in -*) ;; *) names_paths=true ;; esac
done
if [ "$names_paths" = false ]; then
  bash scripts/platform_job.sh "$@"
fi
exec .venv/bin/python -m pytest "$@"
