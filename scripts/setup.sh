#!/usr/bin/env bash
# Installs what a brand-new machine lacks to build and test Readmark. Idempotent: every step
# checks first, so a warm run takes a few seconds. Run as root (CI and these machines are),
# or with sudo available for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }
apt_updated=
apt_install() {
    [[ -n $apt_updated ]] || { apt-get update -q >&2 && apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

command -v cargo >/dev/null 2>&1 || { log "cargo is missing: install Rust with rustup first"; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# Debian packages: make (the README's commands), python3 (scorer, test server), the
# browsers and their WebDriver servers (browser tests).
missing=()
for pair in make:make python3:python3 chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
fi

# wasm-bindgen CLI: exactly the version Cargo.lock pins (the glue and the crate must agree).
# --locked fails on this registry (its lockfile pins a crate that is not served): fall back.
want=$(scripts/lock-version.sh wasm-bindgen)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
    log "installing wasm-bindgen-cli $want (was: ${have:-none}); takes minutes on a new machine"
    cargo install wasm-bindgen-cli --version "$want" --locked --force \
        || cargo install wasm-bindgen-cli --version "$want" --force
fi

# geckodriver drives Firefox (the npm package downloads from GitHub and fails here).
if ! command -v geckodriver >/dev/null 2>&1; then
    log "installing geckodriver"
    cargo install geckodriver --locked
fi

# JS tools, used only to build and test (never shipped): wasm-opt (npm binaryen),
# playwright-core, web-ext, ESLint. Reinstalled when package-lock.json changed.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "npm ci"
    npm ci --no-audit --no-fund >&2
fi

# Selenium for the Firefox end-to-end test and trafilatura for the benchmark, in a project venv.
if ! .venv/bin/python -c 'import selenium, trafilatura' >/dev/null 2>&1; then
    log "creating .venv with selenium and trafilatura"
    python3 -m venv .venv
    .venv/bin/pip install -q -r tests/e2e/requirements.txt -r bench/requirements.txt >&2
fi
# markdown-it-py for the Markdown fidelity judge (tests/markdown_fidelity.rs), same venv.
if ! .venv/bin/python -c 'import markdown_it' >/dev/null 2>&1; then
    log "installing markdown-it-py into .venv"
    .venv/bin/pip install -q -r tests/tools/requirements.txt >&2
fi
log "ready"
