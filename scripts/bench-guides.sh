#!/usr/bin/env bash
# The guides under load (BENCHMARKS.md): searches, one guide, a topic and the API,
# signed out, beside /healthz, on one server. Guides come from memory (an FTS5 index
# built at start-up), so no page here touches the database.
#
#   cargo build --release -p rekindle -j2
#   scripts/bench-guides.sh          # SQLite in a temporary folder
#
# Needs wrk and curl. DURATION (default 10s) is each wrk run's length.
set -euo pipefail
duration=${DURATION:-10s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

source "$(dirname "$0")/wrk-lib.sh"
start_server guides

echo "| what | bytes | req/s | p50 / p99 |"
echo "|---|---:|---:|---:|"
for path in /guides "/guides?q=we%20don%27t%20talk%20anymore" "/guides?q=afraid" \
  /guides/reconnecting-after-distance /guides/tags/listening \
  "/api/v1/guides?q=chores" /api/v1/guides/listening-well; do
  status=$(curl -s -o "$work/page" -w '%{http_code}' "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  echo "| $path | $(wc -c <"$work/page") | $(run "$base$path") |"
done
echo "| /healthz | 2 | $(run "$base/healthz") |"
echo "resident memory after the runs: $(grep VmRSS /proc/$pid/status | awk '{print $2 " kB"}')" >&2
