#!/usr/bin/env bash
# Installs what is missing and runs every test: UI type checks and unit tests, then every Rust
# test in the workspace (engine, store, CLI, fixture servers, nginx, the desktop app over
# WebDriver in a virtual display).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# A target folder outside the checkout survives fresh clones and makes repeat runs fast.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PATH="$HOME/.cargo/bin:$PATH"

# Old builds pile up in a persistent target folder; start over before it fills the disk.
limit_kib=$((30 * 1024 * 1024))
if [ -d "$CARGO_TARGET_DIR" ] && [ "$(du -sk "$CARGO_TARGET_DIR" | cut -f1)" -gt "$limit_kib" ]; then
  echo "== The build cache in $CARGO_TARGET_DIR is over 30 GiB: clearing it"
  cargo clean
fi

echo "== UI: type check, unit tests, build"
npm --prefix ui run typecheck
npm --prefix ui test
npm --prefix ui run build

echo "== A throw-away PostgreSQL server for the team workspace's tests"
pg_dir="$(mktemp -d)"
chmod 755 "$pg_dir"
log="$(mktemp)"
trap 'scripts/postgres-server.sh stop "$pg_dir/server"; rm -rf "$pg_dir" "$log"' EXIT
PREFLIGHT_TEST_POSTGRES="$(scripts/postgres-server.sh start "$pg_dir/server")"
export PREFLIGHT_TEST_POSTGRES

echo "== Rust: every crate's tests"
set +e
scripts/run-test-binaries.sh 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "== The store's test-suite again, against the PostgreSQL server"
# The binaries already built: `cargo test -p` would resolve features for the store alone and
# build its dependencies a second time.
PREFLIGHT_TEST_BACKEND=postgres scripts/run-test-binaries.sh --only crates/store 2>&1 | tee -a "$log"
status=$((status | PIPESTATUS[0]))
set -e
# One closing line for the whole run, summed over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
