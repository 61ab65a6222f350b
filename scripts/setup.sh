#!/usr/bin/env bash
# Creates .venv on the Python of the oldest supported Open edX platform line
# (.ci/pins/, header `# python:`; 3.11, Debian 12's python3) with exactly that
# line's pins, the xblock-sdk workbench that runs there and the package with its
# test and demo extras. The pins file is also the constraints file, so no extra
# can move a pin. Safe to run again; quick when done; a .venv on another Python
# is made again.
set -euo pipefail
cd "$(dirname "$0")/.."

# The oldest pins file by its `# date:` header (no Python needed to find it).
pins=$(for file in .ci/pins/*.txt; do echo "$(sed -n 's/^# date: *//p' "$file") $file"; done | sort | head -n 1 | cut -d ' ' -f 2)
version=$(sed -n 's/^# python: *//p' "$pins")
# The workbench release that installs on that Python (xblock-sdk 0.15 needs 3.12).
WORKBENCH="xblock-sdk==0.14.0"

. scripts/python_of.sh   # (the working directory is the checkout now)

if [ -x .venv/bin/python ] && \
   ! .venv/bin/python -c "import sys; sys.exit('%d.%d' % sys.version_info[:2] != '$version')" 2>/dev/null; then
  echo "scripts/setup.sh: .venv/ runs another Python than $version; making it again."
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  # `exit` inside $(...) would only end the subshell: test the status here.
  if ! python=$(pick_python "$version"); then
    found=$(python3 --version 2>/dev/null || echo "no python3")
    echo "scripts/setup.sh: the demo and the tests run on Python $version, the Python of the Open edX platform whose pins they use ($pins), and this machine has $found." >&2
    echo "Install it, then run this again: Debian 12's python3 is $version; elsewhere your system's python$version package or 'pyenv install $version'." >&2
    exit 1
  fi
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$(cat setup.cfg pyproject.toml "$pins" | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  # pip's and setuptools' chatter goes to a log, shown only when something fails.
  log=.venv/install.log
  echo "Installing the platform's pins ($pins), the workbench and the package with its test and demo extras into .venv/ (a minute or two the first time)..."
  if ! { .venv/bin/python -m pip install --quiet --upgrade pip && \
         .venv/bin/python -m pip install --quiet -r "$pins" -c "$pins" "$WORKBENCH" -e ".[test,bench]"; } >"$log" 2>&1; then
    grep -v "is ignored" "$log" >&2
    echo "scripts/setup.sh: installing into .venv/ failed (above; the whole log is $log)." >&2
    exit 1
  fi
  # The constraints make pip refuse to move a pin; say so if anything did anyway.
  if ! moved=$(.venv/bin/python -m pip freeze | .venv/bin/python tools/pins.py held "$pins"); then
    echo "scripts/setup.sh: .venv/ does not hold the platform's pins ($pins):" >&2
    echo "$moved" >&2
    exit 1
  fi
  .venv/bin/python -c "import leergang_xblocks, workbench, submissions, playwright"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
mkdir -p var
