#!/usr/bin/env bash
# Cold start to first paint of a release build, under a virtual display.
# Usage: scripts/measure-startup.sh [RUNS]   (default 5). Needs xvfb-run (Debian package xvfb).
# Each run starts the app with a fresh, empty data folder, so every run is a first start.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
npm --prefix ui run build >/dev/null
cargo build --release -p preflight-desktop
app="$CARGO_TARGET_DIR/release/preflight-desktop"

for i in $(seq 1 "$runs"); do
  data="$(mktemp -d)"
  out="$(mktemp)"
  start_ms="$(date +%s%3N)"
  HOME="$data" XDG_DATA_HOME="$data/share" XDG_CONFIG_HOME="$data/config" \
    PREFLIGHT_STARTUP_PROBE=1 timeout 60 xvfb-run -a "$app" >"$out" 2>/dev/null || true
  paint_ms="$(sed -n 's/^first-paint-epoch-ms=//p' "$out")"
  since_main="$(sed -n 's/^first-paint-ms-since-main=//p' "$out")"
  if [ -z "$paint_ms" ]; then
    echo "run $i: the window never reported its first paint" >&2
  else
    echo "run $i: first paint $((paint_ms - start_ms)) ms after launch (xvfb-run included), ${since_main} ms after main()"
  fi
  rm -rf "$data" "$out"
done
