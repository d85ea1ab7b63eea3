# The two commands of the README:
#   make demo   builds everything and extracts the bundled Panorama page
#   make test   runs every test
.PHONY: setup build demo test wasm

PANORAMA_URL := https://www.panorama.am/en/news/2020/10/30/Armenian-Artsakh-Human-Rights-Defenders/2391666

setup:
	@scripts/setup.sh

build: setup
	cargo build --release
	cargo build --release --lib --target wasm32-unknown-unknown

demo: build
	target/release/readmark extract tests/fixtures/panorama/source.html --url $(PANORAMA_URL)
	@echo
	@echo "native CLI: target/release/readmark"
	@echo "the core also built for wasm32-unknown-unknown (its JS bindings come with the extension)"

test: setup
	cargo test
