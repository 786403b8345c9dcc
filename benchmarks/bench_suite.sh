#!/usr/bin/env bash
# The test suite of two revisions, side by side in one run on this machine: each in a fresh clone
# with its own venv and its own PostgreSQL database, run one after the other with README's test
# command (SQLite + PostgreSQL + slow). Installing is not timed; pytest's own wall time is.
#
#   bash benchmarks/bench_suite.sh BEFORE [AFTER]      # AFTER defaults to HEAD
#
# Prints one line per revision (seconds, pytest's summary) and AFTER's time as a share of BEFORE's.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
before=$(git rev-parse --short "${1:?usage: bench_suite.sh BEFORE [AFTER]}")
after=$(git rev-parse --short "${2:-HEAD}")
scratch=$(mktemp -d /tmp/bench_suite.XXXX)
export PIP_DISABLE_PIP_VERSION_CHECK=1 QT_QPA_PLATFORM=offscreen
dropped=()
cleanup() {
  for db in "${dropped[@]}"; do psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

for rev in "$before" "$after"; do
  git clone -q "$repo" "$scratch/$rev" && git -C "$scratch/$rev" checkout -q "$rev"
  python3 -m venv "$scratch/$rev/.venv"
  "$scratch/$rev/.venv/bin/pip" install -q -e "$scratch/$rev[test]" 2>/dev/null
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE bench_suite_$rev"
  dropped+=("bench_suite_$rev")
done

declare -A seconds
for rev in "$before" "$after"; do
  cd "$scratch/$rev"
  start=$(date +%s.%N)
  ONESTOP_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:5432/bench_suite_$rev" \
    .venv/bin/python -m pytest -q -p no:cacheprovider > "$scratch/$rev.log" 2>&1 || true
  seconds[$rev]=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%s  %6.0f s  %s\n' "$rev" "${seconds[$rev]}" "$(tail -n 1 "$scratch/$rev.log")"
  grep -E '^(FAILED|ERROR) ' "$scratch/$rev.log" || true   # a suite that failed is not a fair time
done
printf '%s takes %.0f %% of the time %s took\n' "$after" \
  "$(echo "100 * ${seconds[$after]} / ${seconds[$before]}" | bc -l)" "$before"
