#!/usr/bin/env bash
# Lighthouse 12.2.3 on the main pages, signed in as the demo couple's Maya, with mobile
# emulation (Lighthouse's default: a mid-range phone on a slow 4G link, simulated):
# accessibility, best practices and performance scores, one table row per page. The
# full reports go to target/lighthouse/.
#
#   cargo build --release -p rekindle -j2
#   (mkdir -p target/tools && cd target/tools && npm install lighthouse@12.2.3)
#   scripts/lighthouse.sh
#
# Uses Debian's chromium (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail
bin=${BIN:-target/release/rekindle}
lighthouse=${LIGHTHOUSE:-target/tools/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
work=$(mktemp -d)
out_dir=target/lighthouse
mkdir -p "$out_dir"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
url="sqlite://$work/lh.db"

seeded=$("$bin" seed --couples 10 --days 90 --demo --database-url "$url")
login=$(echo "$seeded" | sed -n 's/^sign in as Maya: \(.*\)$/\1/p')
"$bin" serve --addr 127.0.0.1:0 --database-url "$url" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.01; done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" \
  --data-urlencode "email=${login% / *}" --data-urlencode "password=${login#* / }" "$base/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: rekindle_session=\([^;]*\).*/\1/p')

pages=("/" "/dates" "/questions" "/love-map" "/listen" "/state-of-us" "/notes" "/journal"
  "/touch" "/guides" "/guides/listening-well" "/login")
echo "| page | performance | accessibility | best practices |"
echo "|---|---|---|---|"
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/?=' '___')
  headers="{\"Cookie\": \"rekindle_session=$cookie\"}"
  [ "$page" = /login ] && headers='{}'
  "$lighthouse" "$base$page" --quiet --output=json --output-path="$out_dir/$name.json" \
    --only-categories=performance,accessibility,best-practices \
    --extra-headers="$headers" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$work/lh.err" \
    || { echo "| $page | lighthouse failed: $(tail -1 "$work/lh.err") | | |"; continue; }
  python3 - "$out_dir/$name.json" "$page" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
score = lambda c: round(report["categories"][c]["score"] * 100)
failed = [a["id"] for a in report["audits"].values()
          if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
print(f"| {sys.argv[2]} | {score('performance')} | {score('accessibility')} | {score('best-practices')} |"
      + (f" failing: {', '.join(failed)}" if failed else ""))
EOF
done
