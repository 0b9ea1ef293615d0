#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running hub: installs dependencies, builds,
# and serves the sample district on http://127.0.0.1:8080 with the embedded SQLite database
# (data/wardline.db). Extra arguments go to `wardline serve` (e.g. --port 9090).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec ./build/wardline serve --config config/wardline.toml "$@"
