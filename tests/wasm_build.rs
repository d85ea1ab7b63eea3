//! The core must build, unchanged, for WebAssembly: this builds the library for
//! `wasm32-unknown-unknown` (in its own target directory, so it never waits on the outer
//! build's lock) and fails with the compiler's message when it does not.

use std::path::Path;
use std::process::Command;

#[test]
fn library_builds_for_wasm32() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--lib", "--target", "wasm32-unknown-unknown"])
        .env("CARGO_TARGET_DIR", root.join("target/wasm-check"))
        .output()
        .expect("cargo can be started");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the library does not build for wasm32-unknown-unknown \
         (is the target installed? `rustup target add wasm32-unknown-unknown`):\n{stderr}"
    );
    let wasm = root.join("target/wasm-check/wasm32-unknown-unknown/debug/readmark.wasm");
    let size = std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
    assert!(size > 0, "no WebAssembly module at {}", wasm.display());
}
