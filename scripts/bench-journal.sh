#!/usr/bin/env bash
# The private journal under load (BENCHMARKS.md): Sam with 200 entries of about 400
# characters (every one sealed with Sam's key, so every list opens all 200 and a search
# looks in memory), then wrk on /journal, a search, a tag, the API list and one entry,
# beside the home page and /healthz, on one server.
#
#   cargo build --release -p rekindle -j2
#   scripts/bench-journal.sh          # SQLite in a temporary folder
#
# Needs wrk, jq and curl. DURATION (default 10s) is each wrk run's length.
set -euo pipefail
duration=${DURATION:-10s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

source "$(dirname "$0")/wrk-lib.sh"
start_server journal
api() { curl -sf -X "$1" "$base/api/v1$2" -H "authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"}; }
sam=$(curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d '{"email":"sam@example.org","password":"slow mornings and tea","display_name":"Sam","timezone":"Europe/London"}' | jq -r .token)

echo "writing 200 journal entries…" >&2
text="Today I noticed how quiet the evenings have become. We used to walk after dinner and talk about nothing in particular, and I miss that more than I have said. I think I stopped asking because I was tired, not because I stopped caring. Tomorrow I could ask whether we might walk again, just around the block."
first=""
for i in $(seq 1 200); do
  tag=$([ $((i % 4)) = 0 ] && echo '"walks"' || echo '"work"')
  id=$(api POST /journal "$sam" "{\"body\":\"Entry $i. $text\",\"tags\":[$tag]}" | jq -r .id)
  first=${first:-$id}
done

cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "email=sam@example.org" \
  --data-urlencode "password=slow mornings and tea" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
echo "| what | bytes | req/s | p50 / p99 |"
echo "|---|---:|---:|---:|"
for path in / /journal "/journal?q=quiet%20evenings" "/journal?tag=walks" "/journal/$first"; do
  status=$(curl -s -o "$work/page" -w '%{http_code}' -H "Cookie: rekindle_session=$cookie" "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  echo "| page $path | $(wc -c <"$work/page") | $(run -H "Cookie: rekindle_session=$cookie" "$base$path") |"
done
echo "| GET /api/v1/journal (200 entries) | $(api GET /journal "$sam" | wc -c) | $(run -H "Authorization: Bearer $sam" "$base/api/v1/journal") |"
echo "| /healthz | 2 | $(run "$base/healthz") |"
echo "resident memory after the runs: $(grep VmRSS /proc/$pid/status | awk '{print $2 " kB"}')" >&2
