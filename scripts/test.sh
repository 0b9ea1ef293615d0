#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the whole test suite: installs dependencies
# (MariaDB, Chromium, Node included), builds, starts a throwaway MariaDB on 127.0.0.1, runs
# every test (unit, store contract on SQLite and MariaDB, integration, browser) with CTest,
# and stops MariaDB again. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scripts/install-deps.sh --test
scripts/build.sh

db_dir=$(mktemp -d /tmp/wardline-mariadb.XXXXXX)
# First free port from 33306 up: a MariaDB someone already runs here is left alone.
db_port=${WARDLINE_TEST_MYSQL_PORT:-33306}
while (exec 3<>"/dev/tcp/127.0.0.1/$db_port") 2>/dev/null; do db_port=$((db_port + 1)); done
cleanup() { "$repo/scripts/mariadb-test-server.sh" stop "$db_dir" || true; rm -rf "$db_dir"; }
trap cleanup EXIT
WARDLINE_TEST_MYSQL_URL=$(scripts/mariadb-test-server.sh start "$db_dir" "$db_port" | tail -1)
export WARDLINE_TEST_MYSQL_URL

cd build
ctest --output-on-failure --timeout 900 "$@"

# The same unit and store-contract suites again under AddressSanitizer + UBSan (MariaDB too).
cd "$repo"
scripts/test-sanitize.sh
