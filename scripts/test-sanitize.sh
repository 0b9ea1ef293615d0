#!/usr/bin/env bash
# The sanitizer pass: builds the unit and store-contract suites with AddressSanitizer and
# UndefinedBehaviorSanitizer into build-asan/ and runs them (SQLite, and MariaDB when
# WARDLINE_TEST_MYSQL_URL is set). Any leak, overflow, use-after-free or undefined behaviour
# fails the run. Called by scripts/test.sh after the main suite.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(core_domain_test core_auth_test core_store_test cases_test connectors_test
         gateway_unit_test triage_tests)
generator=()
if [ ! -f build-asan/CMakeCache.txt ] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDLINE_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)" --target "${targets[@]}"
cd build-asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The quality floor needs the trained model and measures, it does not exercise memory.
ctest --output-on-failure --timeout 900 -L "unit|contract" -E "quality" "$@"
