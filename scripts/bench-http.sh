#!/usr/bin/env bash
# The HTTP benchmark recipe behind BENCHMARKS.md: seed a database, serve it with the
# release binary, sign in as a seeded person, then load the home page (the dashboard)
# and /healthz with wrk on the same server.
#
#   cargo build --release -p rekindle
#   scripts/bench-http.sh sqlite 100
#   scripts/bench-http.sh postgres 10000
#
# Needs wrk (Debian: wrk) and, for postgres, the local server (trust auth).
set -euo pipefail
engine=${1:?sqlite or postgres}
couples=${2:?number of couples}
days=${3:-365}
duration=${DURATION:-15s}
bin=${BIN:-target/release/rekindle}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

case "$engine" in
  sqlite) url="sqlite://$work/bench.db" ;;
  postgres)
    db="rk_bench_${couples}"
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    url="postgres://postgres@127.0.0.1:5432/$db" ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac

seeded=$("$bin" seed --couples "$couples" --days "$days" --database-url "$url")
echo "$seeded"
email=$(echo "$seeded" | sed -n 's/^log in as \([^ ]*\) .*/\1/p')

"$bin" serve --addr 127.0.0.1:0 --database-url "$url" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")

token=$(curl -s -D - -o /dev/null -H "Origin: $base" \
  --data-urlencode "email=$email" --data-urlencode "password=seeded and steady" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: rekindle_session=$token" "$base/")
[ "$status" = 200 ] || { echo "home page answered $status" >&2; exit 1; }
echo "home page bytes: $(curl -s -H "Cookie: rekindle_session=$token" "$base/" | wc -c)"

echo "== home page (dashboard), $engine, $couples couples"
wrk -t2 -c16 -d"$duration" --latency -H "Cookie: rekindle_session=$token" "$base/"
echo "== /healthz, $engine, $couples couples"
wrk -t2 -c16 -d"$duration" --latency "$base/healthz"
