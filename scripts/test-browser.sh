#!/usr/bin/env bash
# Runs the wasm-bindgen tests (tests/web.rs) in headless Chromium through chromedriver.
# webdriver.json (repository root) holds the browser flags; CHROMEDRIVER is set explicitly
# because the runner otherwise looks for geckodriver first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
cargo test -p readmark --target wasm32-unknown-unknown --no-default-features --test web "$@"
