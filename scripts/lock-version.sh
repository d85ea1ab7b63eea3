#!/usr/bin/env bash
# Prints the version Cargo.lock resolved for one package: `scripts/lock-version.sh wasm-bindgen`.
set -euo pipefail
cd "$(dirname "$0")/.."
awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
