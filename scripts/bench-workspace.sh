#!/usr/bin/env bash
# What a person waits for at agency scale, on the local file and on a team workspace (a local
# PostgreSQL server started for the run in a temporary folder, scripts/postgres-server.sh):
#   - the Overview with CLIENTS clients (default 500), each with AUDITS audits (default 2);
#   - opening a client with BIG audits (default 200);
#   - one audit of STREAM pages (default 5000) saved page by page, its peak memory compared with
#     one of STREAM/10 pages: flat means the pages are never held together.
# The sample pages come from a real `preflight check` of a loopback site (scripts/bench/farm.py).
#
# Usage: scripts/bench-workspace.sh [CLIENTS] [AUDITS] [BIG] [STREAM]
# PREFLIGHT_BIN: the `preflight` binary that makes the sample audit (default: a release build).
# Needs python3, GNU time and PostgreSQL (Debian: apt-get install python3 time postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."

clients="${1:-500}"
audits="${2:-2}"
big="${3:-200}"
stream="${4:-5000}"
repeat=7
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
export PATH="$HOME/.cargo/bin:$PATH"

work="$(mktemp -d)"
chmod 755 "$work"
farm_pid=""
cleanup() {
  [ -n "$farm_pid" ] && kill "$farm_pid" 2>/dev/null || true
  scripts/postgres-server.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Building (release)"
if [ -z "${PREFLIGHT_BIN:-}" ]; then
  cargo build --release -q -p preflight-cli
fi
cargo build --release -q -p preflight-session --example workspace_bench
bin="${PREFLIGHT_BIN:-$CARGO_TARGET_DIR/release/preflight}"
bench="$CARGO_TARGET_DIR/release/examples/workspace_bench"

echo "== A sample audit of 5 pages from a loopback site"
port=8479
python3 scripts/bench/farm.py serve --hosts 1 --port "$port" --latency-ms 0 --log "$work/farm.log" >"$work/farm.out" &
farm_pid=$!
for _ in $(seq 1 100); do grep -qx ready "$work/farm.out" 2>/dev/null && break; sleep 0.1; done
python3 scripts/bench/farm.py urls --pages 5 --hosts 1 --port "$port" >"$work/urls.txt"
"$bin" check --file "$work/urls.txt" --format json --quiet >"$work/sample.json" || true
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r["pages"]) == 5, "the sample audit has no pages"' "$work/sample.json"

echo "== A PostgreSQL server on 127.0.0.1"
admin="$(scripts/postgres-server.sh start "$work/pg")"
psql "$admin" -qc "CREATE DATABASE bench"
server="${admin/\/postgres\?/\/bench?}"

for db in "$work/bench.sqlite3" "$server"; do
  case "$db" in postgres://*) name="team workspace (PostgreSQL, loopback)" ;; *) name="local file (SQLite)" ;; esac
  echo "== $name"
  "$bench" seed "$db" "$work/sample.json" "$clients" "$audits" "$big"
  "$bench" time "$db" "$repeat"
  for pages in $((stream / 10)) "$stream"; do
    /usr/bin/time -f "peak memory %M KiB" "$bench" stream "$db" "$work/sample.json" "$pages" 2>&1
  done
done
