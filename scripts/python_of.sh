# Sourced by scripts/setup.sh and scripts/install_check.sh: one way to find a Python.

# Prints the first Python that is exactly version $1 (say 3.11); returns 1 when there is none.
pick_python() {
  local candidate
  for candidate in "python$1" python3 "$(pyenv root 2>/dev/null)/versions/$1"*/bin/python; do
    if command -v "$candidate" >/dev/null 2>&1 && \
       "$candidate" -c "import sys; sys.exit('%d.%d' % sys.version_info[:2] != '$1')" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
