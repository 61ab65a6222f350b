#!/usr/bin/env bash
# The platform job: install the package the way an Open edX release has it
# (Python 3.11; Django, XBlock and edx-submissions at the pins in
# .ci/platform_pins.txt) into .venv-platform/ and run every test that needs no
# workbench (tests/conftest.py: PLATFORM_TESTS) against the installed wheel.
#   bash scripts/platform_job.sh [pytest args]
# Called by scripts/test.sh. Without Python 3.11 it says what to install; under
# CI=true that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python311() {
  local candidate
  for candidate in python3.11 "$(pyenv root 2>/dev/null)/versions/3.11"*/bin/python python3; do
    if command -v "$candidate" >/dev/null 2>&1 && \
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if ! python=$(pick_python311); then
  echo "Platform job: no Python 3.11 found (the Open edX releases run 3.11): install python3.11 or use pyenv." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi

venv=$PWD/.venv-platform
stamp=$venv/.installed-$(cat .ci/platform_pins.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
  "$venv/bin/python" -m pip install --quiet -r .ci/platform_pins.txt "pytest>=8" "hypothesis>=6" 2>&1 | grep -v "is ignored" || true
  touch "$stamp"
fi
# The package itself, as a wheel would install it, every run (its code changes);
# the pins stay as the platform has them.
"$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall . 2>&1 | grep -v "is ignored" || true
"$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check; exit 1; }

# Run from a copy of the tests, so the installed package is what gets imported.
work=$(mktemp -d -t leergang-platform-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r tests setup.cfg "$work/"
echo "Platform job: $("$venv/bin/python" -c 'import sys, django, importlib.metadata as m; print("Python", sys.version.split()[0] + ", Django", django.get_version() + ", XBlock", m.version("XBlock") + ", edx-submissions", m.version("edx-submissions"))')"
cd "$work"
"$venv/bin/python" -m pytest -m platform "$@" tests
