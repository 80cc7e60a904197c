#!/usr/bin/env bash
# What the SQL-over-HTTP driver adds to a wasm32 module: builds the builder-only probe and the
# builder+driver probe (examples/wasm_size) with opt-level "z" + LTO and prints raw and gzip
# sizes of the cargo output (before wasm-bindgen and wasm-opt, name section stripped).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --profile wasm-size --target wasm32-unknown-unknown --example wasm_size_builder --example wasm_size_driver
dir=target/wasm32-unknown-unknown/wasm-size/examples
size() {
    local f="$1" tmp
    tmp=$(mktemp)
    # Drop custom sections (names, producers) the way a release bundle would.
    python3 - "$f" "$tmp" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
out = bytearray(data[:8]); i = 8
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
while i < len(data):
    sid = data[i]; n, j = leb(data, i + 1)
    if sid != 0: out += data[i:j + n]
    i = j + n
open(sys.argv[2], 'wb').write(out)
PY
    echo "$(stat -c %s "$tmp") $(gzip -9 -c "$tmp" | wc -c)"
    rm -f "$tmp"
}
read -r b bg < <(size "$dir/wasm_size_builder.wasm")
read -r d dg < <(size "$dir/wasm_size_driver.wasm")
printf '%-28s %10s %10s\n' "" "raw" "gzip -9"
printf '%-28s %10d %10d\n' "builder only" "$b" "$bg"
printf '%-28s %10d %10d\n' "builder + HTTP driver" "$d" "$dg"
printf '%-28s %10d %10d\n' "added by the driver" "$((d - b))" "$((dg - bg))"
