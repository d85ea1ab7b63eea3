# The two commands of the README:
#   make demo   builds everything (CLI, WebAssembly, extension zip, playground) and extracts
#               the bundled Panorama page with the extension's WebAssembly package
#   make test   runs every test: the linters (rustfmt, clippy, ESLint), native, the fuzzing
#               harness for a minute, WebAssembly in Chromium, extension unit tests,
#               end-to-end in Chromium and Firefox, parity, playground, web-ext lint, and the
#               benchmarks in quick mode
# and a third, not part of set-up:
#   make bench  measures Readmark against its peers and rewrites BENCHMARKS.md
.PHONY: setup build wasm pack demo test lint lint-rust lint-js test-native test-wasm test-js test-e2e test-firefox lint-extension bench bench-quick fuzz-quick

VERSION := $(shell awk -F'"' '/^version = /{print $$2; exit}' Cargo.toml)
export PATH := $(HOME)/.cargo/bin:$(PATH)

setup:
	@scripts/setup.sh

wasm:
	scripts/build-wasm.sh

pack: wasm
	scripts/pack-extension.sh

build: setup
	cargo build --release
	$(MAKE) --no-print-directory pack

demo: build
	node scripts/demo.mjs
	@echo
	@echo "extension (unpacked): $(CURDIR)/extension    packed: $(CURDIR)/dist/readmark-$(VERSION).zip"
	@echo "playground: python3 -m http.server -d www 8000, then http://127.0.0.1:8000/"
	@echo "native CLI: target/release/readmark extract PAGE.html --url URL"

test: setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory pack
	$(MAKE) --no-print-directory test-native fuzz-quick test-wasm test-js lint-extension test-e2e test-firefox bench-quick

# The linters, first in `make test` (they fail in seconds, before the long steps): rustfmt and
# clippy over the whole workspace (core, tools, benchmark, fuzzer; every target), clippy again
# for the core's WebAssembly build (src/wasm.rs compiles only there), and ESLint over every JS file
# (eslint.config.js; ESLint is pinned in package.json, so `npm ci` installs it).
lint: lint-rust lint-js

lint-rust:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p readmark --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings

lint-js:
	node_modules/.bin/eslint --max-warnings 0 .

# `cargo test` at the root tests the workspace's default members: the core (tests/) and
# tools/ (the CLI, the evaluation and their tests, tools/tests/); not the benchmark's
# comparison engine. In the `fuzz` profile (optimised, debug assertions and overflow checks
# on; Cargo.toml), whose build the fuzzing harness and the quick benchmark then reuse.
test-native:
	cargo test --profile fuzz

test-wasm:
	scripts/test-browser.sh

test-js:
	node --test tests/js/

lint-extension:
	node_modules/.bin/web-ext lint --source-dir extension --self-hosted --warnings-as-errors=false

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

test-firefox:
	.venv/bin/python tests/e2e/firefox_e2e.py

bench: setup
	$(MAKE) --no-print-directory pack
	scripts/bench.sh

bench-quick:
	scripts/bench.sh --quick

# The fuzzing harness (fuzz/, stable Rust) for 45 s on 40 corpus pages and the issue-12
# shapes, all four targets, seed 1 (reproducible): a panic or an input slower than 1 s + 1 s
# per MB of CPU time fails it; failing inputs are saved under fuzz/artifacts/. Part of
# `make test` (so CI): under a minute of fuzzing after its first build.
fuzz-quick:
	cargo run --profile fuzz -p readmark-fuzz -- --seconds 45 --max-seeds 40 --seed 1
