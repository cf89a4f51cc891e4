#!/usr/bin/env bash
# Installs what Preflight needs on Debian 12 / Ubuntu and is not there yet.
#   scripts/setup.sh run    - what building and running the app needs
#   scripts/setup.sh test   - the above plus what the test suite needs
# Rust (1.95 or newer, through rustup) and Node.js (20 or newer) must already be installed:
# this script installs system packages with apt, the UI's npm packages, and tauri-driver from
# crates.io, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"

need_cmd() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' is missing. $2" >&2
    exit 1
  fi
}
need_cmd cargo "Install Rust 1.95 or newer with rustup (https://rustup.rs), then run this again."
need_cmd node "Install Node.js 20 or newer (https://nodejs.org or your package manager), then run this again."
need_cmd npm "Install npm together with Node.js, then run this again."

packages=(build-essential pkg-config file curl libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev)
if [ "$mode" = "test" ]; then
  packages+=(jq xvfb xauth webkit2gtk-driver poppler-utils chromium nginx apache2 haproxy postgresql)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  echo "note: not a Debian-based system; see README.md for the packages your platform needs." >&2
fi

if [ "$mode" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "Installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund
fi
