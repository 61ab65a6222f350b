#!/usr/bin/env bash
# Creates .venv with Python 3.12 or newer (XBlock 6 needs it) and installs the
# package with its test and workbench extras. Safe to run again; quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

NEEDS="Python 3.12 or newer"

# Prints the first Python that is 3.12 or newer; returns 1 when there is none.
pick_python() {
  local candidate
  for candidate in python3.12 python3.13 python3 "$(pyenv root 2>/dev/null)/versions/3.1"[2-9]*/bin/python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  # `exit` inside $(...) would only end the subshell: test the status here.
  if ! python=$(pick_python); then
    found=$(python3 --version 2>/dev/null || echo "no python3")
    echo "scripts/setup.sh: the demo and the tests need $NEEDS (XBlock 6 and the xblock-sdk workbench do), and this machine has $found." >&2
    echo "Install it, then run this again: with pyenv 'pyenv install 3.12', or your system's python3.12 package (Debian 13, Ubuntu 24.04). The package itself installs in Open edX on Python 3.11." >&2
    exit 1
  fi
  "$python" -m venv .venv
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
