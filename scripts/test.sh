#!/usr/bin/env bash
# Command 2: set up everything and run the whole test suite (unit, workbench
# handler, browser (Chromium) and database-server tests) once, on the Python and
# the pins of the oldest supported Open edX platform line (scripts/setup.sh,
# .ci/pins/), and first the install check (scripts/install_check.sh): per
# supported line, `pip install` of the wheel into exactly its pins must change
# nothing but this package; then the tests that need no workbench run against
# the installed wheel on the newest line's pins.
# Extra arguments go to pytest, e.g. bash scripts/test.sh tests/unit -x
# (naming test paths runs only those, without the install check).
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
  bash scripts/install_check.sh "$@"
fi
echo "Test suite: $(.venv/bin/python -c 'import sys, django, importlib.metadata as m; print("Python", sys.version.split()[0] + ", Django", django.get_version() + ", XBlock", m.version("XBlock") + ", edx-submissions", m.version("edx-submissions") + ", xblock-sdk", m.version("xblock-sdk"))')"
# Two test processes (pytest-xdist), one per core of the CI machine: the suite is
# mostly one Python process keeping one core busy, so two nearly halve its
# time. A module's tests stay in one process (`--dist loadfile`: module-scoped
# servers start once, the load tests build one summary table; `loadgroup` does
# not group on pytest 9). LEERGANG_TEST_PROCESSES=0 runs it in one process; `-n N`
# among the arguments overrides both. Each process has its own SQLite file
# (tests/conftest.py).
workers=()
case " $* " in
  *" -n "*|*" -n="*|*" --numprocesses"*) ;;
  *) workers=(-n "${LEERGANG_TEST_PROCESSES:-2}" --dist loadfile) ;;
esac
exec .venv/bin/python -m pytest "${workers[@]}" "$@"
