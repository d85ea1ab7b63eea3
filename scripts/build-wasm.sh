#!/usr/bin/env bash
# Builds the WebAssembly package the extension and the playground load:
#   cargo (wasm32, release) → wasm-bindgen --target web → wasm-opt -Oz (npm binaryen)
# and copies it to extension/pkg/ and www/pkg/ (both git-ignored).
# Needs: the wasm32 target, wasm-bindgen-cli at Cargo.lock's version, node_modules
# (scripts/setup.sh provides all three).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'build-wasm: %s\n' "$*" >&2; }

locked=$(scripts/lock-version.sh wasm-bindgen)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [[ "$have" != "$locked" ]]; then
    log "wasm-bindgen CLI is ${have:-missing}, Cargo.lock pins $locked: run scripts/setup.sh" && exit 1
fi
WASM_OPT=node_modules/.bin/wasm-opt # npm's binaryen; Debian's older one breaks -Oz output
if [[ ! -x $WASM_OPT ]]; then
    log "$WASM_OPT missing: run npm ci" && exit 1
fi

cargo build --lib --release --target wasm32-unknown-unknown
out=target/wasm-pkg
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name readmark \
    target/wasm32-unknown-unknown/release/readmark.wasm
# The features rustc's wasm32 target enables by default; wasm-bindgen drops the section
# that would tell wasm-opt, so they are named here.
"$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/readmark_bg.opt.wasm" "$out/readmark_bg.wasm"
mv "$out/readmark_bg.opt.wasm" "$out/readmark_bg.wasm"

for dest in extension/pkg www/pkg; do
    rm -rf "$dest" && mkdir -p "$dest"
    cp "$out/readmark.js" "$out/readmark_bg.wasm" "$dest/"
done
raw=$(stat -c %s "$out/readmark_bg.wasm")
gz=$(gzip -9 -c "$out/readmark_bg.wasm" | wc -c)
log "readmark_bg.wasm: $raw bytes raw, $gz bytes gzip -9 → extension/pkg/, www/pkg/"
