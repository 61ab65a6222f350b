#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium for the
# browser tests, MariaDB for the database-server tests. Needs root (CI is root);
# elsewhere it says what is missing, and the tests that need it fail under CI=true.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing: ${missing[*]} (apt-get install ${missing[*]}); the tests that need them will fail under CI=true." >&2
fi
exit 0
