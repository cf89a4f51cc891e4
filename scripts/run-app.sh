#!/usr/bin/env bash
# Installs what is missing, builds the UI and starts the Preflight desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
npm --prefix ui run build
cargo run -p preflight-desktop
