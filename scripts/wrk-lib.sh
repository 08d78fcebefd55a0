# Shared by the bench-*.sh scripts (sourced, not run): start a release server on a
# fresh SQLite database in $work, and one wrk row of a results table.

# start_server NAME: serves sqlite://$work/NAME.db on a free port; sets $pid and $base.
start_server() {
  "$bin" serve --addr 127.0.0.1:0 --database-url "sqlite://$work/$1.db" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
}

# run WRK-ARGS...: "req/s | p50 / p99" for 16 connections over $duration (non-2xx flagged).
run() {
  local out rps p50 p99
  out=$(wrk -t2 -c16 -d"$duration" --latency "$@")
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  p50=$(echo "$out" | sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p')
  if echo "$out" | grep -q 'Non-2xx'; then rps="$rps (non-2xx!)"; fi
  echo "${rps%.*} | $p50 / $p99"
}
