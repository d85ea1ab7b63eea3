#!/usr/bin/env bash
# Runs every benchmark and rewrites BENCHMARKS.md (make bench), or, with --quick, a few pages
# of each into bench/out/quick/ with its report there (make test runs that, so the bench
# cannot rot unnoticed). Expects the WASM package and the extension zip built (make pack), and
# .venv with trafilatura (scripts/setup.sh) for the WCXB-dev tables, which measure
# ../shared/corpora/wcxb-dev when it is there (--quick: one page per type of the vendored sample).
#   scripts/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

quick=
out=bench/out
report=BENCHMARKS.md
command="make bench"
if [[ ${1:-} == --quick ]]; then
    quick=--quick
    out=bench/out/quick
    report=$out/BENCHMARKS.md
    command="scripts/bench.sh --quick"
fi
mkdir -p "$out"
started=$(date +%s)
step() { printf 'bench: [%ss] %s\n' "$SECONDS" "$*" >&2; }

# Quick mode checks that the bench still runs: it builds in the `fuzz` profile, whose build
# `make test` has already made (no LTO, debug assertions on: its figures are not measurements).
profile=release
[[ -n $quick ]] && profile=fuzz
bin=target/$profile
step "building the CLI and the native bench ($profile)"
cargo build --profile "$profile" --quiet
cargo build --profile "$profile" --quiet -p readmark-bench
if [[ -n $quick ]]; then
    step "the native bench's own unit tests"
    cargo test --profile "$profile" --quiet -p readmark-bench >&2
fi

for what in throughput memory scaling pathological; do
    step "native $what"
    "$bin/readmark-bench" "$what" $quick > "$out/$what.json"
done
step "browser (headless Chromium): Readmark and Readability.js + Turndown"
node bench/browser/run.mjs $quick --out "$out/browser.json"
step "quality and metadata (the corpora; WCXB-dev with Readability.js and trafilatura)"
python3 bench/quality.py --readmark "$bin/readmark" --outputs "$out" --out "$out/quality.json" $quick
python3 bench/report.py --dir "$out" --out "$report" --command "$command" --started "$started"
step "done in ${SECONDS} s"
