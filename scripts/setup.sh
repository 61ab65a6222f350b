#!/usr/bin/env bash
# Creates .venv with Python 3.12 or newer (XBlock 6 needs it) and installs the
# package with its test and workbench extras. Safe to run again; quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for candidate in python3.12 "$(pyenv root 2>/dev/null)/versions/3.12"*/bin/python python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  echo "No Python 3.12 found (XBlock 6 needs it): install python3.12 or use pyenv" >&2; exit 1
}

if [ ! -x .venv/bin/python ]; then
  "$(pick_python)" -m venv .venv
fi
stamp=.venv/.installed-$(cat setup.cfg pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -m pip install --quiet -e ".[test,bench]" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import leergang_xblocks, workbench, submissions, playwright" 
  rm -f .venv/.installed-*
  touch "$stamp"
fi
mkdir -p var
