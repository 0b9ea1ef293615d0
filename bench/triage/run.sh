#!/bin/sh
# Triage benchmark: Wardline vs fastText (-wordNgrams 2) vs TF-IDF word 1-2 + char 2-5 LinearSVC
# on diacritic-folded text. All three train on triage/corpus/*.jsonl and are measured on the
# category dev sets dev_a and dev_b (never trained on), pinned to one core (taskset -c 0).
# Then every other dev_*.jsonl through `eval` by kind: dev_scope (scope P/R/F1), dev_multi
# (several problems per message), dev_dups (B-cubed/pairwise of the clusterer and of the plain
# TF-IDF + distance baseline), and the clusterer's speed on a 30-day stream built from dev_dups.
# Dev sets come from ../shared/data when present, else tests/data.
#
# Usage: bench/triage/run.sh [BUILD_DIR]   (default: build; needs wardline_triage_bench and
#        wardline_train_model built there). Needs the Debian packages fasttext, python3-sklearn.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
shared=${WARDLINE_SHARED_DATA:-$repo/../shared/data}
[ -f "$shared/dev_a.jsonl" ] || shared=$repo/tests/data
work=$(mktemp -d /tmp/wardline-triage-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

find_bin() {
  f=$(find "$build" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1)
  [ -n "$f" ] || { echo "run.sh: $1 not found under $build (build it first)" >&2; exit 1; }
  echo "$f"
}
bench=$(find_bin wardline_triage_bench)
tool=$(find_bin wardline_triage_tool)
cbench=$(find_bin wardline_cluster_bench)
train=$(find_bin wardline_train_model)
# Debian's python3 (with python3-sklearn), not a python3 from PATH that may lack it.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
pin="taskset -c 0"
command -v taskset >/dev/null 2>&1 || pin=""

corpus=$(ls "$repo"/triage/corpus/*.jsonl)
dev="$shared/dev_a.jsonl $shared/dev_b.jsonl"   # the category sets
others=$(ls "$shared"/dev_*.jsonl | grep -v -e '/dev_a.jsonl$' -e '/dev_b.jsonl$' || true)
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

# The other dev sets, each through `eval` (the kind is read from the file).
for f in $others; do
  echo
  echo "== $(basename "$f")"
  $pin "$tool" eval --model "$work/triage.model" "$f" | tail -n 4
done
dups="$shared/dev_dups.jsonl"
if [ -f "$dups" ]; then
  echo
  $pin "$cbench" --model "$work/triage.model" --days 30 "$dups"
fi
