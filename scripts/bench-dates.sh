#!/usr/bin/env bash
# The dates pages under load (BENCHMARKS.md): a couple with a long history — 60 ideas both
# like and 40 more Sam voted on, 40 past dates (both rated, one memory each), 3 coming
# up and 5 traditions, made through the API — then wrk on the dates pages and API reads
# beside the home page and /healthz, on the same server. Prints one markdown table.
#
#   cargo build --release -p rekindle -j2
#   scripts/bench-dates.sh            # SQLite in a temporary folder
#
# Needs wrk, jq and curl. DURATION (default 10s) is each wrk run's length.
set -euo pipefail
duration=${DURATION:-10s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

source "$(dirname "$0")/wrk-lib.sh"
start_server dates
api() { curl -sf -X "$1" "$base/api/v1$2" -H "authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"}; }
register() {
  curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"slow mornings and tea\",\"display_name\":\"$2\",\"timezone\":\"Europe/London\"}" | jq -r .token
}
sam=$(register sam@example.org Sam)
alex=$(register alex@example.org Alex)
code=$(api POST /couple "$sam" | jq -r .invite_code)
api POST /couple/join "$alex" "{\"invite_code\":\"$code\"}" >/dev/null

echo "voting, planning 43 dates, rating and remembering 40 of them…" >&2
mapfile -t ideas < <(api GET /dates/ideas "$sam" | jq -r '.ideas[].id')
for i in $(seq 0 99); do
  api PUT "/dates/ideas/${ideas[$i]}/vote" "$sam" '{"vote":"love"}' >/dev/null
  if [ "$i" -lt 60 ]; then api PUT "/dates/ideas/${ideas[$i]}/vote" "$alex" '{"vote":"like"}' >/dev/null; fi
done
for i in $(seq 1 43); do
  days=$(( i <= 40 ? -7 * i : i - 40 ))
  start=$(date -u -d "$days days 19:00" +%Y-%m-%dT%H:%M:%SZ)
  id=$(api POST /dates "$alex" "{\"title\":\"\",\"idea_id\":\"${ideas[$i]}\",\"starts_at\":\"$start\",\"place\":\"Somewhere new\"}" | jq -r .id)
  if [ "$i" -le 40 ]; then
    api PUT "/dates/$id/rating" "$sam" '{"enjoyment":4,"closeness":5}' >/dev/null
    api PUT "/dates/$id/rating" "$alex" '{"enjoyment":5,"closeness":4}' >/dev/null
    api PUT "/dates/$id/memory" "$sam" '{"body":"The walk home, arm in arm."}' >/dev/null
    past=$id
  fi
done
for t in "Sunday pancakes" "The river walk" "Film Friday" "Our anniversary" "Market Saturday"; do
  api POST /dates/traditions "$sam" "{\"title\":\"$t\",\"rhythm\":\"monthly\"}" >/dev/null
done

cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "email=sam@example.org" \
  --data-urlencode "password=slow mornings and tea" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
echo "| what | bytes | req/s | p50 / p99 |"
echo "|---|---:|---:|---:|"
for path in / /dates /dates/ideas /dates/memories /dates/traditions "/dates/$past"; do
  status=$(curl -s -o "$work/page" -w '%{http_code}' -H "Cookie: rekindle_session=$cookie" "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  echo "| \`${path/$past/{id\}}\` | $(wc -c <"$work/page") | $(run -H "Cookie: rekindle_session=$cookie" "$base$path") |"
done
for path in /dates /dates/ideas /calendar.ics; do
  echo "| \`/api/v1$path\` | $(api GET "$path" "$sam" | wc -c) | $(run -H "authorization: Bearer $sam" "$base/api/v1$path") |"
done
echo "| \`/healthz\` | 2 | $(run "$base/healthz") |"
