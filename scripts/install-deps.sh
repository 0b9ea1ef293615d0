#!/usr/bin/env bash
# Installs everything Wardline needs on Debian 12, from Debian's packages (and npm for the
# browser tests). Idempotent; run as root.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also MariaDB, Chromium, Node and the benchmark peers
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libcpp-httplib-dev nlohmann-json3-dev libcurl4-openssl-dev libssl-dev
  libsoci-dev libmariadb-dev libmariadb-dev-compat libsqlite3-dev
  libboost-dev libboost-date-time-dev
  libicu-dev catch2 libkainjow-mustache-dev libtomlplusplus-dev libsodium-dev
  curl ca-certificates
)
if [ "${1:-}" = "--test" ]; then
  packages+=(mariadb-server mariadb-client chromium fasttext python3-sklearn python3-numpy wrk)
  # The machine image may already bring Node.js 20; Debian's is used only when none is there.
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${1:-}" = "--test" ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  # playwright-core only: it drives Debian's /usr/bin/chromium and never downloads a browser.
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
