#!/usr/bin/env bash
# Renders the app icons the manifest and the layout name, from static/icon.svg, with
# headless Chromium (Debian: chromium), so the PNGs are reproducible:
#
#   scripts/make-icons.sh
#
#   icon-192.png, icon-512.png   the SVG as it is: the cream tile with rounded corners,
#                                transparent outside them ("purpose": "any")
#   icon-maskable-512.png        full-bleed page colour with the flame well inside the
#                                maskable safe zone (the middle circle, 40% radius), so
#                                any launcher shape may crop it
#   apple-touch-icon.png (180)   the same full-bleed design: iOS rounds the corners
#                                itself and turns transparency black
#
# Chromium's screenshot is exactly the window, one CSS pixel per pixel.
set -euo pipefail
cd "$(dirname "$0")/.."
static=crates/rekindle/static
chromium=${CHROMIUM:-chromium}
# The page colour (app.css --bg, light), also the manifest's background_color.
bg="#fbf6ef"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The flame: the SVG's paths, kept in one place (icon.svg).
flame=$(grep -o '<path[^>]*/>' "$static/icon.svg" | tr -d '\n')
[ -n "$flame" ] || { echo "no <path> in $static/icon.svg" >&2; exit 1; }

# The flame spans x 9-23, y 3-25 of the 32-unit box, centred on (16, 14). Scaled by
# 0.8 about the tile's centre, its farthest point is 8.8 units out: well inside the
# safe zone's 12.8.
maskable="<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
<rect width=\"32\" height=\"32\" fill=\"$bg\"/>\
<g transform=\"translate(16 16) scale(0.8) translate(-16 -14)\">$flame</g></svg>"

render() { # render OUT SIZE SVG-MARKUP
  local out=$1 size=$2 svg=$3
  cat >"$work/page.html" <<EOF
<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
svg { display: block; width: ${size}px; height: ${size}px; }
</style></head><body>$svg</body></html>
EOF
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --default-background-color=00000000 \
    --user-data-dir="$work/profile" --window-size="$size,$size" \
    --screenshot="$out" "file://$work/page.html" >/dev/null 2>&1
  [ -s "$out" ] || { echo "chromium wrote no $out" >&2; exit 1; }
  echo "wrote $out"
}

render "$static/icon-192.png" 192 "$(cat "$static/icon.svg")"
render "$static/icon-512.png" 512 "$(cat "$static/icon.svg")"
render "$static/icon-maskable-512.png" 512 "$maskable"
render "$static/apple-touch-icon.png" 180 "$maskable"
