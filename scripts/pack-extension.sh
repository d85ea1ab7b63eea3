#!/usr/bin/env bash
# Packs extension/ (with its built pkg/) into dist/readmark-<version>.zip, loadable in
# Chromium ("Load unpacked" after unzipping, or the Web Store) and Firefox (about:debugging,
# or AMO). The manifest's version must equal Cargo.toml's.
set -euo pipefail
cd "$(dirname "$0")/.."

# fflate (npm, MIT) writes and reads the library's ZIP exports. Its ES module is vendored into
# extension/vendor/ (git-ignored, like pkg/) from node_modules at the version package.json pins,
# with its licence beside it: the extension never loads code from the network.
fflate_want=$(node -p "require('./package.json').dependencies.fflate")
fflate_have=$(node -p "require('./node_modules/fflate/package.json').version" 2>/dev/null || echo missing)
if [[ "$fflate_have" != "$fflate_want" ]]; then
    echo "pack: node_modules/fflate is $fflate_have, package.json pins $fflate_want: run npm ci" >&2 && exit 1
fi
mkdir -p extension/vendor
{
    printf '// fflate %s (https://www.npmjs.com/package/fflate), MIT licence: see fflate.LICENSE.\n' "$fflate_have"
    printf '// Copied unchanged from node_modules/fflate/esm/browser.js by scripts/pack-extension.sh.\n'
    cat node_modules/fflate/esm/browser.js
} > extension/vendor/fflate.js
cp node_modules/fflate/LICENSE extension/vendor/fflate.LICENSE

version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
python3 - "$version" <<'PY'
import json, os, sys, zipfile
version = sys.argv[1]
manifest = json.load(open("extension/manifest.json"))
if manifest["version"] != version:
    sys.exit(f"pack: manifest version {manifest['version']} != Cargo.toml {version}")
for needed in ("pkg/readmark.js", "pkg/readmark_bg.wasm", "vendor/fflate.js"):
    if not os.path.isfile(os.path.join("extension", needed)):
        sys.exit(f"pack: extension/{needed} missing: run scripts/build-wasm.sh")
os.makedirs("dist", exist_ok=True)
out = f"dist/readmark-{version}.zip"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, dirs, files in os.walk("extension"):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            z.write(path, os.path.relpath(path, "extension"))
print(f"pack: {out} ({os.path.getsize(out)} bytes)", file=sys.stderr)
PY
