#!/usr/bin/env bash
# Builds the npm package `edgepg`: the library for wasm32 (opt-level "z", LTO, one codegen unit),
# wasm-bindgen --target web into pkg/wasm/, wasm-opt -Oz (npm binaryen 132 from tools/, never
# Debian's 108), every file of pkg-template/, then `npm pack` → edgepg-<version>.tgz at the root.
# Rebuilds pkg/ from scratch each time; any failure stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM=wasm32-unknown-unknown
WASM_OPT=tools/node_modules/.bin/wasm-opt
die() {
    echo "pkg: $*" >&2
    exit 1
}

version=$(cargo metadata --no-deps --format-version 1 |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
             process.stdout.write(m.packages.find((p) => p.name === "edgepg").version)')
[ -n "$version" ] || die "could not read the crate version from Cargo.toml"

command -v wasm-pack >/dev/null || die "wasm-pack is missing (run: make setup)"
# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }') || true
[ "$have" = "$want" ] || die "wasm-bindgen CLI ${have:-missing} does not match the crate's $want (run: make setup)"
[ -x "$WASM_OPT" ] || die "$WASM_OPT is missing (run: make setup)"

echo "pkg: wasm-pack build --release --target web (opt-level z, lto, codegen-units 1, wasm-opt -Oz)"
t0=$SECONDS
rm -rf pkg
# wasm-pack finds wasm-bindgen (must equal the crate's version: --mode no-install fails fast
# otherwise instead of downloading) and wasm-opt (npm binaryen 132, first on PATH; never
# Debian's 108) on PATH; the `-Oz` comes from [package.metadata.wasm-pack] in each Cargo.toml.
# module <crate dir> <pkg subfolder> <out name> [cargo args…]: one wasm module into pkg/<subfolder>.
module() {
    local crate="$1" dir="$2" name="$3"
    shift 3
    PATH="$PWD/tools/node_modules/.bin:$PATH" \
        CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
        wasm-pack --quiet build "$crate" --release --target web --mode no-install --no-pack \
        --out-dir "$PWD/pkg/$dir" --out-name "$name" "$@"
    rm -f "pkg/$dir/.gitignore" "pkg/$dir/README.md"
    [ -f "pkg/$dir/${name}_bg.wasm" ] || die "wasm-pack did not produce pkg/$dir/${name}_bg.wasm"
}
# The npm bindings are crates of their own under bindings/ (the library has no JS in it).
module bindings/core wasm edgepg
# The WebSocket driver's module (bindings/ws), loaded by edgepg/neon-serverless only: an app on
# neon-http alone never downloads it.
echo "pkg: wasm-pack build bindings/ws (the WebSocket driver's module)"
module bindings/ws wasm-ws edgepg_ws
# Migration generation (bindings/kit), loaded by `npx edgepg generate` only.
echo "pkg: wasm-pack build bindings/kit (migration generation, for the command line)"
module bindings/kit wasm-kit edgepg_kit

# The template (package.json, wasm/init-*.js, README, the facade) must not overwrite what
# wasm-bindgen generated.
while IFS= read -r f; do
    [ ! -e "pkg/$f" ] || die "pkg-template/$f would overwrite wasm-bindgen's output"
done < <(cd pkg-template && find . -type f | sed 's|^\./||')
cp -R pkg-template/. pkg/

# Version from Cargo.toml, in the package and in the template.
node - "$version" pkg/package.json pkg-template/package.json <<'EOF'
const fs = require("fs");
const [version, ...files] = process.argv.slice(2);
for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    const json = JSON.parse(text);
    if (json.version === version) continue;
    if (f.startsWith("pkg-template/")) console.log(`pkg: ${f}: version ${json.version} -> ${version}`);
    json.version = version;
    fs.writeFileSync(f, JSON.stringify(json, null, 2) + "\n");
}
EOF

# Every target of `imports` and `exports` must exist.
node - pkg <<'EOF'
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
let bad = false;
for (const t of targets(pj.imports)) {
    if (!fs.existsSync(path.join(dir, t))) { console.error(`pkg: imports target ${t} is missing`); bad = true; }
}
for (const t of targets(pj.exports)) {
    if (!fs.existsSync(path.join(dir, t))) { console.error(`pkg: exports target ${t} is missing`); bad = true; }
}
process.exit(bad ? 1 : 0);
EOF

# `files` in package.json must not leave anything of pkg/ out of the tarball.
packed=$(cd pkg && npm pack --dry-run --json --loglevel=error |
    node -e 'for (const f of JSON.parse(require("fs").readFileSync(0, "utf8"))[0].files) console.log(f.path)' | sort)
present=$(cd pkg && find . -type f | sed 's|^\./||' | sort)
left_out=$(comm -13 <(echo "$packed") <(echo "$present"))
[ -z "$left_out" ] || die "files of pkg/ that package.json \"files\" leaves out of the tarball:
$left_out"

rm -f edgepg-*.tgz
tarball=$(npm pack ./pkg --pack-destination . --loglevel=error | tail -n 1)
[ -f "$tarball" ] || die "npm pack did not write $tarball"

for w in pkg/wasm/edgepg_bg.wasm pkg/wasm-ws/edgepg_ws_bg.wasm pkg/wasm-kit/edgepg_kit_bg.wasm; do
    echo "pkg: $w $(wc -c <"$w") bytes raw, $(gzip -9 -c "$w" | wc -c) bytes gzip -9"
done
tgz=$(wc -c <"$tarball")
echo "pkg: $tarball ${tgz} bytes ($(echo "$packed" | wc -l) files) in $((SECONDS - t0)) s"
