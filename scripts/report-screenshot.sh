#!/usr/bin/env bash
# Takes a PNG screenshot of a framelex report (or any local HTML page) with headless
# Chromium (Debian's `chromium`; set CHROMIUM to use another binary).
#
#   scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH [HEIGHT]]
#
# WIDTH defaults to 1280 (a laptop); 390 shows the page as a phone does. HEIGHT defaults to
# 2400: the screenshot is of the top of the page, that many pixels tall.
set -euo pipefail
page=${1:?usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH [HEIGHT]]}
out=${2:?usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH [HEIGHT]]}
width=${3:-1280}
height=${4:-2400}
[ -f "$page" ] || { echo "report-screenshot.sh: no such file: $page" >&2; exit 2; }
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "report-screenshot.sh: needs chromium (apt-get install chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
case "$out" in /*) target=$out ;; *) target=$PWD/$out ;; esac
# --no-sandbox: Chromium refuses to run as root with its sandbox (CI runs as root).
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
  --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$target" "file://$abs" 2>/dev/null
[ -s "$target" ] || { echo "report-screenshot.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "report-screenshot.sh: wrote $out (${width}x${height})"
