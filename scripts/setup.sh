#!/usr/bin/env bash
# Installs what a brand-new machine lacks to build and test Readmark. Idempotent: every
# step checks first, so a warm run takes a second.
set -euo pipefail

log() { printf 'setup: %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
    log "cargo is missing: install Rust with rustup first" && exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

if ! command -v make >/dev/null 2>&1; then
    log "installing make (the README's commands are make targets)"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y make
fi

if ! command -v python3 >/dev/null 2>&1; then
    log "installing python3 (the eval agreement test runs the reference scorer)"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3
fi
log "ready"
