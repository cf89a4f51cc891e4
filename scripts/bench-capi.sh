#!/usr/bin/env bash
# Conversions API validation of a large JSON Lines log: how fast it is read and how much memory
# it takes. The file is streamed, so the peak memory should stay flat as the file grows.
#
# Usage: scripts/bench-capi.sh [MEGABYTES...]        (default: 50 300)
#
# Environment:
#   PREFLIGHT_BIN   the `preflight` binary to time (default: build it with
#                   `cargo build --release -p preflight-cli` in $CARGO_TARGET_DIR, default
#                   $HOME/.cache/preflight/target)
#   KEEP=1          keep the generated files
#
# Needs python3 and GNU time (`sudo apt-get install python3 time` on Debian or Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 300)
bin="${PREFLIGHT_BIN:-}"
if [ -z "$bin" ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
  cargo build --release -p preflight-cli >&2
  bin="$CARGO_TARGET_DIR/release/preflight"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/preflight-capi-bench.XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

printf '%8s %10s %10s %10s %12s\n' "MB" "events" "seconds" "MB/s" "peak MiB"
for mb in "${sizes[@]}"; do
  file="$work/events-$mb.jsonl"
  python3 - "$file" "$mb" <<'PY'
import json, sys, time
path, mb = sys.argv[1], int(sys.argv[2])
now = int(time.time() * 1000)
with open(path, "w") as f:
    i = 0
    while f.tell() < mb * 1024 * 1024:
        # Every tenth request carries a timestamp in seconds, so findings are produced too.
        ts = now // 1000 if i % 10 == 9 else now - 60_000
        events = [{"id": f"order-{i}-{k}", "type": "order_created", "timestamp_ms": ts,
                   "action_source": "web", "source_url": "https://shop.example/thanks",
                   "oppref": "gAAAAB-bench", "user": {"country": "US"},
                   "data": {"type": "contents", "amount": 2599, "currency": "USD",
                            "contents": [{"id": "sku-1", "quantity": 1, "amount": 2599}]}}
                  for k in range(20)]
        f.write(json.dumps({"events": events}) + "\n")
        i += 1
PY
  stats="$work/time-$mb.txt"
  /usr/bin/time -v "$bin" capi validate "$file" --quiet --format json >"$work/out-$mb.json" 2>"$stats" || true
  events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["validation"]["events_checked"])' "$work/out-$mb.json")
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$stats")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$stats")
  printf '%8s %10s %10s %10.1f %12s\n' "$mb" "$events" "$secs" "$(python3 -c "print($mb/max($secs,0.001))")" "$peak"
done
