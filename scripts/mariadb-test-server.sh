#!/usr/bin/env bash
# Starts (or stops) a throwaway MariaDB for the tests: own data directory, loopback only,
# non-default port. Prints the SOCI URL on start.
#   scripts/mariadb-test-server.sh start DIR PORT
#   scripts/mariadb-test-server.sh stop DIR
#   scripts/mariadb-test-server.sh resume DIR PORT   (start again on the same data)
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
port=${3:-33306}

run_server() {
    mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
      --bind-address=127.0.0.1 --user=root --pid-file="$dir/pid" --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-flush-log-at-trx-commit=1 --log-error="$dir/error.log" </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 120); do
      if mariadb --no-defaults -uroot --socket="$dir/sock" -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
      sleep 0.5
    done
    echo "MariaDB did not start on port $port:" >&2
    tail -n 20 "$dir/error.log" >&2 || true
    return 1
}

case "$cmd" in
  resume)
    run_server
    ;;
  start)
    rm -rf "$dir" && mkdir -p "$dir"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user=root --auth-root-authentication-method=normal >"$dir/install.log" 2>&1
    run_server
    mariadb --no-defaults -uroot --socket="$dir/sock" -e "
      CREATE DATABASE IF NOT EXISTS wardline_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
      CREATE USER IF NOT EXISTS 'wardline'@'127.0.0.1' IDENTIFIED BY 'wardline-test';
      GRANT ALL ON wardline_test.* TO 'wardline'@'127.0.0.1';
      GRANT ALL ON \`wardline\_%\`.* TO 'wardline'@'127.0.0.1';
      FLUSH PRIVILEGES;"
    echo "mysql://db=wardline_test user=wardline password=wardline-test host=127.0.0.1 port=$port"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      for _ in $(seq 1 60); do [ -f "$dir/pid" ] || break; sleep 0.5; done
    fi
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
