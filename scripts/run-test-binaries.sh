#!/usr/bin/env bash
# Builds every test binary of the workspace, then runs them two at a time, as `cargo test
# --workspace --no-fail-fast` would one at a time. Many tests wait on sockets, timeouts and
# browsers rather than on the processor, so two lanes finish the run minutes sooner.
#   - The desktop app's WebDriver tests run one after another in the first lane (each drives a
#     whole app and a browser engine), which then helps with the rest.
#   - Each binary's output is printed whole when it ends, so the log reads as cargo's would.
#   - Each binary has a temporary folder of its own, so checks for files or browsers left
#     behind see only their own.
#   - Doc tests run through cargo at the end.
# Exits non-zero when any binary failed. Extra arguments go to every test binary.
#   --only DIR   runs only the test binaries of the package in DIR (such as crates/store), and no
#                doc tests; built the same way, so nothing is rebuilt for it
set -uo pipefail
cd "$(dirname "$0")/.."

only=""
if [ "${1:-}" = "--only" ]; then
  only="$(pwd)/${2:?--only needs a package folder}/Cargo.toml"
  shift 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Servers the tests start under their own users (nginx's workers) read files in there.
chmod 755 "$work"

# Build first; the JSON messages name each test binary and the package it belongs to.
if ! cargo test --workspace --no-run --message-format=json-render-diagnostics >"$work/build.json"; then
  echo "error: the test binaries did not build" >&2
  exit 101
fi
jq -r 'select(.reason == "compiler-artifact" and .profile.test and .executable != null)
       | [.manifest_path, .executable, .target.name, .target.src_path] | @tsv' \
  "$work/build.json" >"$work/all.tsv"
if [ -n "$only" ]; then
  awk -F'\t' -v only="$only" '$1 == only' "$work/all.tsv" >"$work/some.tsv"
  mv "$work/some.tsv" "$work/all.tsv"
  if [ ! -s "$work/all.tsv" ]; then
    echo "error: no test binaries in $only" >&2
    exit 101
  fi
fi
app_root="$(pwd)/Cargo.toml"
app_test='$1 == root && $3 ~ /_e2e$/ && $4 ~ /\/tests\//'
awk -F'\t' -v root="$app_root" "$app_test" "$work/all.tsv" >"$work/e2e.tsv"
awk -F'\t' -v root="$app_root" "!($app_test)" "$work/all.tsv" >"$work/rest.tsv"
echo 0 >"$work/next"
: >"$work/failed"

# Runs one test binary the way cargo does: from its package's folder, with the package's
# variables set. Prints its output whole under a lock so two lanes never interleave.
run_one() {
  local manifest="$1" exe="$2" name="$3" src="$4" out tmp dir status
  out="$(mktemp -p "$work")"
  tmp="$(mktemp -d -p "$work")"
  chmod 1777 "$tmp"
  dir="$(dirname "$manifest")"
  (
    cd "$dir" &&
      CARGO_MANIFEST_DIR="$dir" TMPDIR="$tmp" "$exe" "${@:5}"
  ) </dev/null >"$out" 2>&1
  status=$?
  rm -rf "$tmp"
  {
    flock 9
    echo "     Running ${src#"$(pwd)"/} ($exe)"
    cat "$out"
    if [ "$status" -ne 0 ]; then
      echo "error: test failed: $name in ${dir#"$(pwd)"/} (exit $status)"
      echo "$name" >>"$work/failed"
    fi
  } 9>"$work/print.lock"
  rm -f "$out"
}

# Takes the next binary of the shared list, or fails when it is used up.
take_next() {
  local i
  {
    flock 9
    i="$(cat "$work/next")"
    echo $((i + 1)) >"$work/next"
  } 9>"$work/next.lock"
  sed -n "$((i + 1))p" "$work/rest.tsv" | grep .
}

lane() {
  local line
  while line="$(take_next)"; do
    IFS=$'\t' read -r manifest exe name src <<<"$line"
    run_one "$manifest" "$exe" "$name" "$src" "$@"
  done
}

(
  while IFS=$'\t' read -r manifest exe name src; do
    run_one "$manifest" "$exe" "$name" "$src" "$@"
  done <"$work/e2e.tsv"
  lane "$@"
) &
first=$!
lane "$@" &
second=$!
wait "$first" "$second"

if [ -z "$only" ]; then
  echo "   Doc-tests"
  cargo test --workspace --doc --no-fail-fast || echo "doc tests" >>"$work/failed"
fi

if [ -s "$work/failed" ]; then
  echo "error: $(wc -l <"$work/failed") test binaries failed:" >&2
  sed 's/^/  /' "$work/failed" >&2
  exit 101
fi
