#!/usr/bin/env bash
# Issue 16's speed and footprint table (BENCHMARKS.md, "Every main page"): one release
# server on SQLite with N seeded couples plus the demo couple (Maya and Tom, ninety
# days in every feature), measured as Maya. For every main page, the check-ins API
# over 30 days, a check-in write and a note send: wrk at 64 connections, counting
# only 2xx answers, each as a ratio to /healthz in the same run (its mean before and
# after). Also start-up time, resident memory idle and at peak, binary size, and
# each page's bytes (HTML, and in all with its CSS and scripts as sent gzipped).
#
#   cargo build --release -p rekindle -j2
#   scripts/bench-all.sh 100
#   scripts/bench-all.sh 10000
#
# Needs wrk and curl. DURATION (default 10s) and CONNS (default 64) change the load.
set -euo pipefail
couples=${1:-100}
duration=${DURATION:-10s}
conns=${CONNS:-64}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
url="sqlite://$work/bench.db"

seeded=$("$bin" seed --couples "$couples" --days 90 --demo --database-url "$url")
login=$(echo "$seeded" | sed -n 's/^sign in as Maya: \(.*\)$/\1/p')
email=${login% / *}
password=${login#* / }

started=$(date +%s%N)
"$bin" serve --addr 127.0.0.1:0 --database-url "$url" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.01; done
startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }

cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" \
  --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
token=$(curl -s -XPOST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
today=$(TZ=Europe/London date +%F)
month_ago=$(TZ=Europe/London date -d '29 days ago' +%F)
sleep 1
rss_idle=$(kb VmRSS)

# row LABEL WRK-ARGS...: one table row; 2xx answers only; sets $rps.
row() {
  local label=$1 out total secs bad p50 p99
  shift
  out=$(wrk -t2 -c"$conns" -d"$duration" --latency "$@")
  total=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in \([0-9.]*\)\([a-z]*\).*/\1/p')
  secs=$(echo "$out" | sed -n 's/^ *[0-9]* requests in \([0-9.]*\)s.*/\1/p')
  bad=$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
  p50=$(echo "$out" | sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p')
  rps=$(awk -v t="$total" -v b="${bad:-0}" -v s="$secs" 'BEGIN { printf "%.0f", (t - b) / s }')
  ratio=$(awk -v r="$rps" -v h="${healthz:-$rps}" 'BEGIN { printf "%.0f%%", 100 * r / h }')
  echo "| $label | $rps | $p50 / $p99 | $ratio |${bad:+ $bad non-2xx}"
}

with_cookie=(-H "Cookie: rekindle_session=$cookie")
with_token=(-H "Authorization: Bearer $token")
cat >"$work/checkin.lua" <<EOF
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"closeness": 5, "mood": 4, "felt_heard": 4, "appreciation": "The soup."}'
EOF
cat >"$work/note.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"body": "Thinking of you this afternoon."}'
EOF

pages=("/" "/dates" "/questions" "/love-map" "/listen" "/state-of-us" "/notes" "/journal"
  "/touch" "/guides?q=we%20don%27t%20talk%20anymore")
echo "## $couples seeded couples (+ the demo couple), SQLite, $conns connections, $duration each"
echo
echo "| request | 2xx req/s | p50 / p99 | vs /healthz |"
echo "|---|---|---|---|"
row "/healthz (before)" "$base/healthz" >"$work/h1"
h1=$rps
cat "$work/h1"
healthz=$h1
# The highest resident memory while the loads run, sampled every 50 ms. (VmHWM also
# counts the two sign-ins above: each Argon2id hash takes 19 MiB by design and gives
# it back when done.)
echo "$(kb VmRSS)" >"$work/rss_max"
(
  max=0
  while kill -0 "$pid" 2>/dev/null; do
    now=$(kb VmRSS)
    if [ "${now:-0}" -gt "$max" ]; then max=$now; echo "$max" >"$work/rss_max"; fi
    sleep 0.05
  done
) &
sampler=$!
for page in "${pages[@]}"; do
  row "GET $page" "${with_cookie[@]}" "$base$page"
done
row "GET /api/v1/checkins (30 days)" "${with_token[@]}" "$base/api/v1/checkins?from=$month_ago&to=$today"
row "PUT /api/v1/checkins/{today}" "${with_token[@]}" -s "$work/checkin.lua" "$base/api/v1/checkins/$today"
row "POST /api/v1/notes" "${with_token[@]}" -s "$work/note.lua" "$base/api/v1/notes"
unset healthz
kill "$sampler" 2>/dev/null || true
rss_load=$(cat "$work/rss_max")
row "/healthz (after)" "$base/healthz" >"$work/h2"
h2=$rps
cat "$work/h2"
echo
echo "Ratios are to /healthz before the pages ($h1 req/s); after them it served $h2 req/s."
echo
rss_peak=$(kb VmHWM)
rss_after=$(kb VmRSS)
size=$(stat -c %s "$bin")
echo "| footprint | |"
echo "|---|---|"
echo "| start-up (spawn to \`listening on\`) | ${startup_ms} ms |"
echo "| resident memory idle | $((rss_idle / 1024)) MB |"
echo "| resident memory under the loads (highest VmRSS, sampled every 50 ms) | $((rss_load / 1024)) MB |"
echo "| resident memory peak (VmHWM: the loads and two sign-ins' Argon2id) | $((rss_peak / 1024)) MB |"
echo "| resident memory after the load | $((rss_after / 1024)) MB |"
echo "| binary size | $((size / 1024 / 1024)) MB ($size bytes) |"
echo
echo "| page | HTML bytes | in all, as sent (HTML + gzipped CSS and scripts) |"
echo "|---|---|---|"
asset_bytes=0
for asset in $(curl -s "${with_cookie[@]}" "$base/" | grep -o '/static/[^"]*\.\(css\|js\)' | sort -u); do
  asset_bytes=$((asset_bytes + $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$base$asset")))
done
for page in "${pages[@]}"; do
  html=$(curl -s "${with_cookie[@]}" -o /dev/null -w '%{size_download}' "$base$page")
  echo "| $page | $html | $((html + asset_bytes)) |"
done
