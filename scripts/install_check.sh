#!/usr/bin/env bash
# The install check: for each supported Open edX platform line (.ci/pins/*.txt),
# in a virtualenv on that line's Python holding exactly its pins, install the
# package's wheel the way an admin does (plain `pip install`, no constraints, no
# --no-deps) and fail if `pip freeze` changed for anything but this package.
# The partly reported lines (.ci/pins/reported/: Ulmo, whose base.txt could not be
# read here) get the same check. Then, on the newest line and on each reported
# line, run every test that needs no workbench (marker `platform`,
# tests/conftest.py: PLATFORM_TESTS) against the installed wheel: the whole suite
# already runs on the oldest line's pins, so these are the other versions.
#   bash scripts/install_check.sh [pytest args]
# Called by scripts/test.sh. A line whose Python is missing is skipped with a
# message; under CI=true that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Runs a command with its output kept back, shown only when it fails.
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    grep -v "is ignored" "$log" >&2; rm -f "$log"
    echo "Install check: '$*' failed." >&2
    exit 1
  fi
  rm -f "$log"
}

. scripts/python_of.sh   # (the working directory is the checkout now)

work=$(mktemp -d -t leergang-install-XXXXXX)
trap 'rm -rf "$work"' EXIT

# The wheel, built once, from the checkout as it is.
builder=$(pick_python "$(sed -n 's/^# python: *//p' "$(python3 tools/pins.py oldest)")" || command -v python3)
quietly "$builder" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
wheel=$(ls "$work"/dist/leergang_xblocks-*.whl)

newest=$(python3 tools/pins.py newest)
for pins in $(python3 tools/pins.py all) $(python3 tools/pins.py reported); do
  line=$(basename "$pins" .txt)
  version=$(python3 tools/pins.py python "$pins")
  if ! python=$(pick_python "$version"); then
    echo "Install check ($line): no Python $version found (this platform line runs it): install python$version or use pyenv." >&2
    [ "${CI:-}" = "true" ] && exit 1
    continue
  fi
  # One virtualenv per pins file, made again when the pins change.
  venv=$PWD/.venv-platform/$line
  stamp=$venv/.installed-$(sha256sum <"$pins" | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    quietly "$venv/bin/python" -m pip install --quiet --upgrade pip
    quietly "$venv/bin/python" -m pip install --quiet -r "$pins"
    touch "$stamp"
  fi
  "$venv/bin/python" -m pip uninstall --quiet --yes leergang-xblocks >/dev/null 2>&1 || true
  "$venv/bin/python" -m pip freeze >"$work/before-$line.txt"
  # Exactly what an admin runs (Tutor's OPENEDX_EXTRA_PIP_REQUIREMENTS does the same).
  quietly "$venv/bin/python" -m pip install --quiet "$wheel"
  "$venv/bin/python" -m pip freeze >"$work/after-$line.txt"
  if ! diff=$(python3 tools/pins.py changed "$work/before-$line.txt" "$work/after-$line.txt"); then
    echo "Install check ($line): 'pip install' of the wheel changed the platform's packages:" >&2
    echo "$diff" >&2
    rm -rf "$venv"  # no longer the platform's environment
    exit 1
  fi
  "$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check; exit 1; }
  commit=$(sed -n 's/^# commit: *//p' "$pins" | cut -c1-12)
  echo "Install check ($line, $(sed -n 's/^# source: *//p' "$pins")${commit:+ @ $commit}): pip install changed nothing but leergang-xblocks."
done

# The tests that need no workbench, against the installed wheel; pytest is
# installed under the line's pins as constraints, so it moves none of them.
# Run from a copy of the tests, so the installed package is what gets imported.
cp -r tests setup.cfg "$work/"
status=0
for pins in $(python3 tools/pins.py newest) $(python3 tools/pins.py reported); do
  line=$(basename "$pins" .txt)
  venv=$PWD/.venv-platform/$line
  [ -x "$venv/bin/python" ] || continue  # its Python was missing (said above)
  quietly "$venv/bin/python" -m pip install --quiet -c "$pins" "pytest>=8" "hypothesis>=6"
  echo "Platform tests ($line): $("$venv/bin/python" -c 'import sys, django, importlib.metadata as m; print("Python", sys.version.split()[0] + ", Django", django.get_version() + ", XBlock", m.version("XBlock") + ", edx-submissions", m.version("edx-submissions"))')"
  (cd "$work" && "$venv/bin/python" -m pytest -m platform "$@" tests) || status=1
done
exit $status
