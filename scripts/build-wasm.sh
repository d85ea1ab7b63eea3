#!/usr/bin/env bash
# Builds the WebAssembly package the extension and the playground load:
#   cargo (wasm32, profile wasm-release) → wasm-bindgen --target web → wasm-opt -Oz (npm binaryen)
# and copies it to extension/pkg/ and www/pkg/ (both git-ignored); then the playground's build
# step: the UI code it shares with the extension, kept once in extension/ (the source), is
# copied to www/shared/ (git-ignored).
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

# `cargo rustc --crate-type cdylib`, not `cargo build`: the lib is declared rlib + cdylib, and
# cargo never runs LTO on a unit that also emits an rlib (rustc gets no `-C lto`), so the
# profile's `lto = true` was silently ignored. Built as a cdylib alone it gets fat LTO, which
# with the size profile (wasm-release in Cargo.toml: "z" for dependencies, "s" for readmark)
# takes about 100 KB off the gzip size. `-p readmark`: the core alone (`cargo rustc` takes one
# package, and the root's default members include tools/).
cargo rustc -p readmark --lib --crate-type cdylib --profile wasm-release --target wasm32-unknown-unknown
out=target/wasm-pkg
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name readmark \
    target/wasm32-unknown-unknown/wasm-release/readmark.wasm
# The features rustc's wasm32 target enables by default; wasm-bindgen drops the section
# that would tell wasm-opt, so they are named here.
# memory-packing is skipped: it splits the data (mostly html5ever's entity table, zero-padded)
# into ~8 800 segments to drop zero runs; that saves ~43 KB raw but the segment headers cost
# ~21 KB of gzip, and the extension ships compressed. --converge and the two --strip-* flags
# are worth a few hundred bytes; none of this changes what the code does.
"$WASM_OPT" -Oz --converge --skip-pass=memory-packing --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/readmark_bg.opt.wasm" "$out/readmark_bg.wasm"
mv "$out/readmark_bg.opt.wasm" "$out/readmark_bg.wasm"

for dest in extension/pkg www/pkg; do
    rm -rf "$dest" && mkdir -p "$dest"
    cp "$out/readmark.js" "$out/readmark_bg.wasm" "$dest/"
done
# What the playground shares with the extension (one copy, in extension/): the reader document
# (stylesheet and policy), the formatting helpers, the sentences for the core's errors, the
# palette. Each is a module without imports (or a stylesheet), so a plain copy works.
SHARED_UI=(extension/lib/reader-doc.js extension/format.js extension/lib/pages.js extension/palette.css)
rm -rf www/shared && mkdir -p www/shared
for file in "${SHARED_UI[@]}"; do
    { [[ $file == *.js ]] && printf '// Copied from %s by scripts/build-wasm.sh: edit that file, not this one.\n' "$file"
      cat "$file"; } > "www/shared/$(basename "$file")"
done
raw=$(stat -c %s "$out/readmark_bg.wasm")
gz=$(gzip -9 -c "$out/readmark_bg.wasm" | wc -c)
log "readmark_bg.wasm: $raw bytes raw, $gz bytes gzip -9 → extension/pkg/, www/pkg/; ${#SHARED_UI[@]} shared UI files → www/shared/"
