#!/bin/sh
# Triage benchmark: Wardline vs fastText (-wordNgrams 2) vs TF-IDF word 1-2 + char 2-5 LinearSVC
# on diacritic-folded text. All three train on triage/corpus/*.jsonl and are measured on
# ../shared/data/dev_*.jsonl (never trained on), pinned to one core (taskset -c 0).
#
# Usage: bench/triage/run.sh [BUILD_DIR]   (default: build; needs wardline_triage_bench and
#        wardline_train_model built there). Needs the Debian packages fasttext, python3-sklearn.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
shared=${WARDLINE_SHARED_DATA:-$repo/../shared/data}
work=$(mktemp -d /tmp/wardline-triage-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

find_bin() {
  f=$(find "$build" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1)
  [ -n "$f" ] || { echo "run.sh: $1 not found under $build (build it first)" >&2; exit 1; }
  echo "$f"
}
bench=$(find_bin wardline_triage_bench)
train=$(find_bin wardline_train_model)
# Debian's python3 (with python3-sklearn), not a python3 from PATH that may lack it.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
pin="taskset -c 0"
command -v taskset >/dev/null 2>&1 || pin=""

corpus=$(ls "$repo"/triage/corpus/*.jsonl)
dev=$(ls "$shared"/dev_*.jsonl)
echo "corpus: $(cat $corpus | grep -c .) examples in $(echo $corpus | wc -w) files; dev: $(cat $dev | grep -c .) messages"

# shellcheck disable=SC2086
$pin "$train" $corpus --abbreviations "$repo/triage/abbreviations.tsv" \
  --urgent-phrases "$repo/triage/urgent_phrases.txt" --out "$work/triage.model" >/dev/null
# shellcheck disable=SC2086
wl=$($pin "$bench" --model "$work/triage.model" --seconds 3 $dev | tail -n 1)
# shellcheck disable=SC2086
peers=$($pin "$python" "$here/peers.py" --work "$work" --dev $dev --corpus $corpus)

printf '%s\n%s\n' "$wl" "$peers" | awk '
  BEGIN { printf "%-10s %9s %9s %14s %14s\n", "system", "macro_f1", "accuracy", "urgent_recall", "msgs/s (1 core)" }
  {
    delete v
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-10s %9s %9s %14s %14s\n", $1, v["macro_f1"], v["accuracy"], v["urgent_recall"], v["msgs_per_sec"]
  }'
