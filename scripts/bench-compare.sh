#!/usr/bin/env bash
# Two release binaries side by side on one seeded database (BENCHMARKS.md, issue 9):
# every page and API read a signed-in person uses, at 16 connections, the home page
# also at 64, /healthz beside them, and the server's memory. The first binary seeds the
# database and adds some history through the API; both then serve the very same file
# (or PostgreSQL database), one after the other.
#
#   scripts/bench-compare.sh OLD_BIN NEW_BIN sqlite 100
#   scripts/bench-compare.sh OLD_BIN NEW_BIN postgres 100
#
# Needs wrk and jq; for postgres the local server (trust auth). DURATION (default 8s)
# is each wrk run's length. Prints one markdown table.
set -euo pipefail
old=${1:?old binary}
new=${2:?new binary}
engine=${3:-sqlite}
couples=${4:-100}
duration=${DURATION:-8s}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

case "$engine" in
  sqlite) url="sqlite://$work/bench.db" ;;
  postgres)
    db="rk_compare_${couples}"
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    url="postgres://postgres@127.0.0.1:5432/$db" ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac

start() {
  "$1" serve --addr 127.0.0.1:0 --database-url "$url" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; : >"$work/out"; }
api() { curl -sf -X "$1" "$base/api/v1$2" -H "authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"}; }
token() {
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"seeded and steady\"}" | jq -r .token
}
cookie() {
  curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "email=$1" \
    --data-urlencode "password=seeded and steady" "$base/login" \
    | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p'
}

seeded=$("$old" seed --couples "$couples" --days 365 --seed 7 --database-url "$url")
email=$(echo "$seeded" | sed -n 's/^log in as \([^ ]*\) .*/\1/p')
partner=${email/-a@/-b@}

# Some history on the talk pages, today's question answered by the viewer, a note.
start "$old"
sam=$(token "$email")
alex=$(token "$partner")
for _ in $(seq 1 20); do
  id=$(api POST /listening "$sam" '{"topic":"Our weekends","first_speaker":"me","one_phone":true}' | jq -r .id)
  for move in '{"kind":"piece","body":"I miss our slow Saturday mornings."}' \
              '{"kind":"paraphrase","body":"You miss unhurried weekends."}' \
              '{"kind":"thats_it"}'; do
    api POST "/listening/$id/moves" "$sam" "$move" >/dev/null
  done
  api POST "/listening/$id/end" "$sam" >/dev/null
  api PUT "/listening/$id/rating" "$sam" '{"felt_heard":4}' >/dev/null
  api PUT "/listening/$id/rating" "$alex" '{"felt_heard":5}' >/dev/null
  round=$(api POST /love-map/rounds "$sam" '{"about":"me"}' | jq -r .id)
  for who in "$sam" "$alex"; do
    api PUT "/love-map/rounds/$round/entries" "$who" '{"entries":["a","b","c","d","e"]}' >/dev/null
  done
  api PUT "/love-map/rounds/$round/marks" "$sam" '{"marks":["spot_on","close","not_quite","close","spot_on"]}' >/dev/null
done
prompt=$(api GET /prompts/today "$sam" | jq -r .prompt.id)
api PUT "/prompts/$prompt/answer" "$sam" '{"body":"The walk by the river."}' >/dev/null
api POST /state-of-us/notes "$sam" '{"section":"went_well","body":"Our Sunday."}' >/dev/null
stop

pages=(/ /checkin /questions /state-of-us /listen /love-map "/listen/$id" /settings /before)
reads=(/dashboard /checkins /me /couple /prompts/today /prompts/history /listening /love-map /state-of-us /state-of-us/past /me/before)

# run NAME ARGS… → "req/s p50 p99"
run() {
  local out
  out=$(wrk -t2 -d"$duration" --latency "$@")
  local rps p50 p99
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  p50=$(echo "$out" | sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p')
  if echo "$out" | grep -q 'Non-2xx'; then rps="$rps (non-2xx!)"; fi
  echo "${rps%.*} $p50 $p99"
}

measure() {
  local bin=$1 tag=$2
  start "$bin"
  local c t
  c=$(cookie "$email")
  t=$(token "$email")
  for p in "${pages[@]}"; do curl -s -o /dev/null -H "Cookie: rekindle_session=$c" "$base$p"; done
  echo "idle_kb $(awk '/VmRSS/ {print $2}' /proc/$pid/status)" >"$work/$tag"
  # The resident size is sampled while wrk runs: the high-water mark (VmHWM) would also
  # count the sign-ins' Argon2 memory above, which is given back when each hash ends.
  (while kill -0 "$pid" 2>/dev/null; do
     awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null; sleep 0.2
   done | sort -n | tail -1 >"$work/$tag.load") &
  local sampler=$!
  for p in "${pages[@]}"; do
    echo "page $p $(run -c16 -H "Cookie: rekindle_session=$c" "$base$p")" >>"$work/$tag"
  done
  echo "page64 / $(run -c64 -H "Cookie: rekindle_session=$c" "$base/")" >>"$work/$tag"
  for p in "${reads[@]}"; do
    echo "api /api/v1$p $(run -c16 -H "authorization: Bearer $t" "$base/api/v1$p")" >>"$work/$tag"
  done
  echo "health /healthz $(run -c16 "$base/healthz")" >>"$work/$tag"
  echo "health64 /healthz $(run -c64 "$base/healthz")" >>"$work/$tag"
  echo "hwm_kb $(awk '/VmHWM/ {print $2}' /proc/$pid/status)" >>"$work/$tag"
  stop
  wait "$sampler" || true
  echo "peak_kb $(cat "$work/$tag.load")" >>"$work/$tag"
}

measure "$old" old
measure "$new" new

echo "$engine, $couples couples × 365 days, wrk -t2 -d$duration; old = $old, new = $new"
echo
echo "| what | connections | old req/s | old p50 / p99 | new req/s | new p50 / p99 | new ÷ old |"
echo "|---|---:|---:|---:|---:|---:|---:|"
paste -d' ' <(grep -v _kb "$work/old") <(grep -v _kb "$work/new") |
  while read -r kind path orps op50 op99 _ _ nrps np50 np99; do
    conns=16; [[ $kind == *64 ]] && conns=64
    ratio=$(awk -v a="$orps" -v b="$nrps" 'BEGIN { if (a > 0) printf "%.2f×", b / a }')
    echo "| \`$path\` | $conns | $orps | $op50 / $op99 | $nrps | $np50 / $np99 | $ratio |"
  done
for tag in old new; do
  kb() { awk -v k="$1" '$1 == k {print int($2 / 1024)}' "$work/$tag"; }
  echo "$tag: idle $(kb idle_kb) MB, peak under load $(kb peak_kb) MB, high-water mark with the sign-ins $(kb hwm_kb) MB"
done
