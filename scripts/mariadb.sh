#!/usr/bin/env bash
# A private MariaDB server for the database-server tests, on 127.0.0.1 only.
#   bash scripts/mariadb.sh start DIR   -> prints the port; data, socket, pid and log in DIR
#   bash scripts/mariadb.sh stop DIR
# Uses Debian's mariadbd (scripts/system_packages.sh installs it). Grant tables are
# skipped: the server listens on loopback only and lives as long as one test run.
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath -m "${2:?directory}")

case "$action" in
  start)
    # Temporary tables go into the server's own folder: in the shared /tmp, another
    # process's clean-up removed one mid-query (a 500 in the load test).
    mkdir -p "$dir/tmp"
    if [ ! -d "$dir/data/mysql" ]; then
      mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --tmpdir="$dir/tmp" \
      --port="$port" --bind-address=127.0.0.1 --skip-grant-tables --skip-name-resolve \
      --user="$(id -un)" --innodb-buffer-pool-size=256M --max-connections=500 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --log-error="$dir/error.log" >/dev/null 2>&1 &
    for _ in $(seq 1 120); do
      if mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$port" -u root -e "SELECT 1" >/dev/null 2>&1; then
        echo "$port"; exit 0
      fi
      sleep 0.5
    done
    echo "MariaDB did not start; see $dir/error.log" >&2; exit 1 ;;
  stop)
    if [ -f "$dir/mysqld.pid" ]; then
      pid=$(cat "$dir/mysqld.pid"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
