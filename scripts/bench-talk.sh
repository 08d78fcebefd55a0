#!/usr/bin/env bash
# The talk pages under load (BENCHMARKS.md): a couple with a long history — 60 ended
# listening sessions and 60 marked love-map rounds, made through the API — then wrk on
# /listen, /love-map and one session page, beside /healthz on the same server.
#
#   cargo build --release -p rekindle
#   scripts/bench-talk.sh            # SQLite in a temporary folder
#
# Needs wrk and jq (Debian: wrk, jq).
set -euo pipefail
duration=${DURATION:-15s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" serve --addr 127.0.0.1:0 --database-url "sqlite://$work/talk.db" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
api() { curl -sf -X "$1" "$base/api/v1$2" -H "authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"}; }
register() {
  curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"slow mornings and tea\",\"display_name\":\"$2\",\"timezone\":\"Europe/London\"}" | jq -r .token
}
sam=$(register sam@example.org Sam)
alex=$(register alex@example.org Alex)
code=$(api POST /couple "$sam" | jq -r .invite_code)
api POST /couple/join "$alex" "{\"invite_code\":\"$code\"}" >/dev/null

echo "making 60 listening sessions and 60 love-map rounds…"
for i in $(seq 1 60); do
  id=$(api POST /listening "$sam" '{"topic":"Our weekends","first_speaker":"me","one_phone":true}' | jq -r .id)
  for move in '{"kind":"piece","body":"I miss our slow Saturday mornings."}' \
              '{"kind":"paraphrase","body":"You miss unhurried weekends."}' \
              '{"kind":"not_quite","body":"Just the two of us, I mean."}' \
              '{"kind":"paraphrase","body":"Time alone together."}' \
              '{"kind":"thats_it"}' '{"kind":"swap"}'; do
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
session=$id

cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "email=sam@example.org" \
  --data-urlencode "password=slow mornings and tea" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
for path in /listen /love-map "/listen/$session"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: rekindle_session=$cookie" "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  echo "== $path ($(curl -s -H "Cookie: rekindle_session=$cookie" "$base$path" | wc -c) bytes)"
  wrk -t2 -c16 -d"$duration" --latency -H "Cookie: rekindle_session=$cookie" "$base$path"
done
echo "== /healthz"
wrk -t2 -c16 -d"$duration" --latency "$base/healthz"
