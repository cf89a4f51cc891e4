#!/usr/bin/env bash
# Throughput at agency scale: one `preflight check` of PAGES landing pages spread over HOSTS
# client sites, against a loopback farm of those sites (scripts/bench/farm.py), compared with
#   - the politeness floor: (most requests sent to one host - 1) x the per-host interval, the
#     least time any run keeping that interval can take, however fast the rest is;
#   - a raw GET loop: the very same requests (URLs and user agents, read from the farm's log),
#     sent by curl 64 at a time with no politeness at all.
#
# Usage: scripts/bench-agency.sh [PAGES] [HOSTS]        (defaults: 500 pages, 50 hosts)
#
# Environment:
#   PREFLIGHT_BIN          the `preflight` binary to time (default: build it with
#                          `cargo build --release -p preflight-cli` in $CARGO_TARGET_DIR,
#                          default $HOME/.cache/preflight/target)
#   PREFLIGHT_ARGS         extra arguments for `preflight check` (split on spaces)
#   PREFLIGHT_INTERVAL_MS  the per-host interval the floor is computed with (default 250, the
#                          product's default; set it to match PREFLIGHT_ARGS when they change it)
#   FARM_PORT              the farm's port (default 8471)
#   FARM_LATENCY_MS        delay of every farm response (default 50)
#   KEEP=1                 keep the work folder (URL list, report.json, request logs, curl config)
#
# Needs python3, curl (7.66 or later, for --parallel) and GNU time; on Debian or Ubuntu:
#   sudo apt-get install python3 curl time
# The farm listens on 127.0.0.2 to 127.0.0.(HOSTS+1): on Linux the whole of 127.0.0.0/8 is
# loopback already.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  echo "bench-agency: $*" >&2
  exit 1
}

pages="${1:-500}"
hosts="${2:-50}"
port="${FARM_PORT:-8471}"
latency_ms="${FARM_LATENCY_MS:-50}"
interval_ms="${PREFLIGHT_INTERVAL_MS:-250}"
[[ "$pages" =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive whole number, not '$pages'"
[[ "$hosts" =~ ^[1-9][0-9]*$ ]] && [ "$hosts" -le 250 ] ||
  die "HOSTS must be a whole number from 1 to 250, not '$hosts'"
[[ "$port" =~ ^[1-9][0-9]*$ ]] || die "FARM_PORT must be a port number, not '$port'"
[[ "$interval_ms" =~ ^[0-9]+$ ]] || die "PREFLIGHT_INTERVAL_MS must be a number of milliseconds"
[[ "$latency_ms" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "FARM_LATENCY_MS must be a number of milliseconds"

# --- tools --------------------------------------------------------------------------------------
missing=()
command -v python3 >/dev/null 2>&1 || missing+=("python3")
command -v curl >/dev/null 2>&1 || missing+=("curl")
if ! { [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o /dev/null true >/dev/null 2>&1; }; then
  missing+=("GNU time (/usr/bin/time)")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'bench-agency: missing: %s\n' "${missing[*]}" >&2
  echo "On Debian or Ubuntu: sudo apt-get install python3 curl time" >&2
  exit 1
fi
curl --help all 2>/dev/null | grep -q -- '--parallel-max' ||
  die "this curl has no --parallel-max (curl 7.66 or later is needed): $(curl --version | head -n 1)"

# --- the binary ---------------------------------------------------------------------------------
if [ -n "${PREFLIGHT_BIN:-}" ]; then
  bin="$PREFLIGHT_BIN"
else
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust, or set PREFLIGHT_BIN"
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/preflight/target}"
  echo "Building preflight (release)..." >&2
  cargo build --release -p preflight-cli >&2
  bin="$CARGO_TARGET_DIR/release/preflight"
fi
[ -x "$bin" ] || die "not an executable: $bin"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# --- the farm -----------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/preflight-bench.XXXXXX")"
farm_pid=""
cleanup() {
  local status=$?
  if [ -n "$farm_pid" ] && kill -0 "$farm_pid" 2>/dev/null; then
    kill -TERM "$farm_pid" 2>/dev/null || true
    wait "$farm_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "Work folder kept: $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

farm=(python3 scripts/bench/farm.py)
"${farm[@]}" serve --hosts "$hosts" --port "$port" --latency-ms "$latency_ms" \
  --log "$work/requests.log" >"$work/farm.out" 2>"$work/farm.err" &
farm_pid=$!
for _ in $(seq 1 300); do
  grep -qx ready "$work/farm.out" 2>/dev/null && break
  kill -0 "$farm_pid" 2>/dev/null || die "the farm did not start: $(cat "$work/farm.err")"
  sleep 0.05
done
grep -qx ready "$work/farm.out" || die "the farm was not ready after 15 seconds: $(cat "$work/farm.err")"

# Writes the farm's buffered log out and prints how many lines it holds.
flush_log() {
  local before after
  before="$(grep -c '^flushed ' "$work/farm.out" || true)"
  kill -USR1 "$farm_pid"
  for _ in $(seq 1 200); do
    after="$(grep -c '^flushed ' "$work/farm.out" || true)"
    [ "$after" -gt "$before" ] && break
    sleep 0.05
  done
  [ "$after" -gt "$before" ] || die "the farm did not write its log out"
  grep '^flushed ' "$work/farm.out" | tail -n 1 | cut -d' ' -f2
}

"${farm[@]}" urls --pages "$pages" --hosts "$hosts" --port "$port" >"$work/urls.txt"

# --- run 1: the product, default settings -------------------------------------------------------
extra=()
[ -n "${PREFLIGHT_ARGS:-}" ] && read -r -a extra <<<"$PREFLIGHT_ARGS"
echo "Run 1: preflight check of $pages pages on $hosts hosts..." >&2
set +e
(cd "$work" && /usr/bin/time -o time.check -f '%e %M' "$bin" check --file urls.txt \
  --format json --quiet ${extra[@]+"${extra[@]}"} >report.json 2>check.err)
check_status=$?
set -e
# GNU time puts "Command exited with non-zero status N" on the line before the figures.
read -r check_s check_kb < <(tail -n 1 "$work/time.check")
# The number of pages in the report, and how many got each verdict.
if ! read -r report_pages verdicts < <(python3 -c '
import collections, json, sys
pages = json.load(open(sys.argv[1]))["pages"]
counts = collections.Counter(p.get("verdict") or "none" for p in pages)
print(len(pages), ", ".join("%s %d" % kv for kv in sorted(counts.items())))' \
  "$work/report.json" 2>/dev/null); then
  echo "bench-agency: report.json is empty or not a JSON report (preflight exited with $check_status):" >&2
  tail -n 20 "$work/check.err" >&2 || true
  exit 1
fi

lines1="$(flush_log)"
head -n "$lines1" "$work/requests.log" >"$work/run1.log"

# Requests per host (hosts that got none count as 0) and by kind.
read -r total max_host min_host robots page_reqs scripts other < <(awk -v hosts="$hosts" '
  { n[$1]++; total++
    split($2, p, "?")
    if (p[1] == "/robots.txt") robots++
    else if (p[1] ~ /^\/p\//) pagereq++
    else if (p[1] ~ /^\/static\//) scripts++
    else other++ }
  END {
    max = 0; min = -1; seen = 0
    for (h in n) { seen++; if (n[h] > max) max = n[h]; if (min < 0 || n[h] < min) min = n[h] }
    if (seen < hosts || min < 0) min = 0
    printf "%d %d %d %d %d %d %d\n", total, max, min, robots + 0, pagereq + 0, scripts + 0, other + 0
  }' "$work/run1.log")
agents="$(cut -d' ' -f3- "$work/run1.log" | sort | uniq -c | sort -rn |
  awk '{ c = $1; $1 = ""; printf "    %6d %s\n", c, substr($0, 2) }')"
floor_s="$(awk -v m="$max_host" -v i="$interval_ms" 'BEGIN { f = (m > 0 ? m - 1 : 0) * i / 1000; printf "%.2f", f }')"

# --- run 2: the same requests as a raw GET loop -------------------------------------------------
# One curl config section per request: options hold for one transfer up to the next `next`
# (and no `next` after the last one: curl takes the empty section as an error and aborts every
# transfer still running).
python3 - "$work/run1.log" "$port" >"$work/curl.cfg" <<'EOF'
import sys

def quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

log, port = sys.argv[1], sys.argv[2]
first = True
with open(log, encoding="utf-8", errors="replace") as lines:
    for line in lines:
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) < 2:
            continue
        host, target = parts[0], parts[1]
        agent = parts[2] if len(parts) > 2 else "-"
        if not first:
            print("next")
        first = False
        print("url = " + quoted("http://%s:%s%s" % (host, port, target)))
        print('output = "/dev/null"')
        print('write-out = "%{http_code}\\n"')
        print("user-agent = " + quoted("" if agent == "-" else agent))
EOF
echo "Run 2: the same $total requests as a raw GET loop (curl, 64 at a time)..." >&2
set +e
/usr/bin/time -o "$work/time.curl" -f '%e %M' curl --parallel --parallel-max 64 --silent \
  --config "$work/curl.cfg" >"$work/curl.codes" 2>"$work/curl.err"
curl_status=$?
set -e
read -r curl_s curl_kb < <(tail -n 1 "$work/time.curl")
curl_ok="$(grep -c '^2' "$work/curl.codes" || true)"
lines2="$(flush_log)"
raw_requests=$((lines2 - lines1))

# --- results ------------------------------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
ratio="$(awk -v t="$check_s" -v f="$floor_s" 'BEGIN { if (f > 0) printf "%.2f", t / f; else print "n/a" }')"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
row() { printf '  %-26s %-30s %s\n' "$1" "$2" "${3:-}"; }

echo
echo "Preflight at agency scale: $pages landing pages on $hosts hosts"
echo "  date     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine  $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr)"
echo "  binary   $bin${PREFLIGHT_ARGS:+ (with $PREFLIGHT_ARGS)}"
echo "  farm     127.0.0.2-127.0.0.$((hosts + 1)) port $port, ${latency_ms} ms per response"
echo
row "" "preflight check" "raw GET loop (curl, 64 parallel)"
row "pages" "$pages" "$pages"
row "hosts" "$hosts" "$hosts"
row "wall time" "${check_s} s" "${curl_s} s"
row "politeness floor" "${floor_s} s ($((max_host > 0 ? max_host - 1 : 0)) x ${interval_ms} ms)" "-"
row "time / floor" "$ratio" "-"
row "requests" "$total" "$raw_requests ($curl_ok answered 2xx)"
row "requests per host" "max $max_host, min $min_host" "same"
row "peak RSS" "$(mb "$check_kb")" "$(mb "$curl_kb")"
row "exit status" "$check_status" "$curl_status"
echo
echo "  report.json: $report_pages pages ($verdicts)"
echo "  requests by kind: robots.txt $robots, pages $page_reqs, scripts $scripts, other $other"
echo "  requests by user agent:"
echo "$agents"
if [ "$report_pages" -ne "$pages" ]; then
  echo "bench-agency: the report has $report_pages pages, not $pages" >&2
fi
