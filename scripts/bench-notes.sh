#!/usr/bin/env bash
# The notes inbox and the touch pages under load (BENCHMARKS.md): a couple with 150
# notes from Alex to Sam (some hearted, some favourites) and 50 from Sam to Alex, 20
# still to come; a week of touch; then wrk on /notes, /touch, /mutual, /gestures,
# /notifications and the notes API beside the home page and /healthz, on one server.
#
#   cargo build --release -p rekindle -j2
#   scripts/bench-notes.sh            # SQLite in a temporary folder
#
# Needs wrk, jq and curl. DURATION (default 10s) is each wrk run's length.
set -euo pipefail
duration=${DURATION:-10s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

source "$(dirname "$0")/wrk-lib.sh"
start_server notes
api() { curl -sf -X "$1" "$base/api/v1$2" -H "authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"}; }
register() {
  curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"slow mornings and tea\",\"display_name\":\"$2\",\"timezone\":\"Europe/London\"}" | jq -r .token
}
sam=$(register sam@example.org Sam)
alex=$(register alex@example.org Alex)
code=$(api POST /couple "$sam" | jq -r .invite_code)
api POST /couple/join "$alex" "{\"invite_code\":\"$code\"}" >/dev/null

echo "writing 200 notes, a week of touch…" >&2
later=$(date -u -d "+3 days" +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq 1 150); do
  id=$(api POST /notes "$alex" "{\"body\":\"Note $i: thank you for the tea, the walk and the way you listened.\"}" | jq -r .id)
  if [ $((i % 5)) = 0 ]; then api PUT "/notes/$id/heart" "$sam" >/dev/null; fi
  if [ $((i % 7)) = 0 ]; then api PUT "/notes/$id/favourite" "$sam" >/dev/null; fi
done
for i in $(seq 1 50); do
  if [ "$i" -le 20 ]; then when=",\"deliver_at\":\"$later\""; else when=""; fi
  api POST /notes "$sam" "{\"body\":\"For you, $i.\"$when}" >/dev/null
done
for k in hug kiss holding-hands; do api POST /affection "$sam" "{\"kind\":\"$k\"}" >/dev/null; done

cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "email=sam@example.org" \
  --data-urlencode "password=slow mornings and tea" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
echo "| what | bytes | req/s | p50 / p99 |"
echo "|---|---:|---:|---:|"
for path in / /notes "/notes?favourites=1" /touch /mutual /gestures /notifications; do
  status=$(curl -s -o "$work/page" -w '%{http_code}' -H "Cookie: rekindle_session=$cookie" "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  echo "| \`$path\` | $(wc -c <"$work/page") | $(run -H "Cookie: rekindle_session=$cookie" "$base$path") |"
done
for path in /notes/inbox /notes/sent /affection /mutual/matches; do
  echo "| \`/api/v1$path\` | $(api GET "$path" "$sam" | wc -c) | $(run -H "authorization: Bearer $sam" "$base/api/v1$path") |"
done
echo "| \`/healthz\` | 2 | $(run "$base/healthz") |"
