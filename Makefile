# edgepg — the two commands of the README: `make dev` and `make test`.
SHELL := /bin/bash
export CARGO_BUILD_JOBS ?= 2
export CARGO_TERM_COLOR ?= never
WASM := wasm32-unknown-unknown

.PHONY: ts dev test setup lint wasm golden-check unit integration bench fmt pkg load browser worker fuzz

## Installs what is missing (idempotent, registries only).
setup:
	@bash scripts/setup.sh

## Everything CI runs.
test: setup lint wasm golden-check unit integration pkg load ts browser worker

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM) -- -D warnings
	cargo clippy --lib --target $(WASM) --features ws -- -D warnings
	cargo clippy --lib --target $(WASM) --features ws,scram -- -D warnings
	cargo clippy --lib --all-targets --features ws,scram,tcp -- -D warnings
	cargo clippy -p edgepg-js -p edgepg-ws-js -p edgepg-kit-js --target $(WASM) -- -D warnings

## The library must build for wasm32 from the first commit.
wasm:
	cargo build --lib --target $(WASM)

## The golden files must be exactly what drizzle-orm, pg-types and drizzle-kit produce today.
golden-check:
	cd tests/golden && node generate.mjs --check
	cd tests/pgtypes && node generate.mjs --check
	cd tests/kit && node generate.mjs --check

## Unit, doc, golden (vs drizzle-orm) and compile-fail tests.
unit:
	cargo test --all-targets --features ws,scram,tcp
	cargo test --doc --features ws,scram,tcp
	cargo test -p edgepg-js

## Against real PostgreSQL through one real edgepg-gateway: the gateway's protocol tests, the
## Rust driver's tests, the real @neondatabase/serverless under node:test, and a 5-second smoke of the
## gateway load test (bench/gateway/load.mjs: HTTP queries, batches and WebSocket sessions at once).
integration:
	scripts/with-gateway.sh bash -c 'cargo test -p edgepg-gateway && (cd tests/node && TZ=UTC node --test --test-concurrency=1) && LOAD_CLIENTS=16 node bench/gateway/load.mjs --smoke'

## The npm package: the library for wasm32 (opt-level z, LTO), wasm-bindgen --target web,
## wasm-opt -Oz, pkg-template/ → pkg/, then edgepg-<version>.tgz at the root.
pkg: setup
	scripts/pkg.sh

## The packed tarball, installed and imported in Node 20, workerd (wrangler dev) and headless
## Chromium: importing initializes the wasm.
## The packed tarball under node:test: SQL parity with drizzle-orm on every golden case, and real
## queries through edgepg-gateway.
ts: pkg
	scripts/with-gateway.sh tests/ts/run.sh

load: pkg
	node tests/load/run.mjs

## The Rust driver in headless Chromium (wasm-bindgen-test) against one real edgepg-gateway.
browser: setup
	cargo clippy --target $(WASM) --test browser --features ws -- -D warnings
	scripts/with-gateway.sh scripts/browser-tests.sh

## The Cloudflare Worker templates (docs/worker-api.md) in workerd (Miniflare), against one real
## edgepg-gateway: worker/ (Rust: fmt, clippy for wasm32, unit tests, then built by worker-build
## through wrangler.toml) and examples/ts-worker (TypeScript, bundled by wrangler with the packed
## tarball; skipped while it does not exist). tests/worker/run.sh [rust|ts] runs one of them.
worker: setup pkg
	cd worker && cargo fmt -- --check
	cd worker && cargo clippy --target $(WASM) -- -D warnings
	cd worker && cargo test --lib
	scripts/with-gateway.sh tests/worker/run.sh

## Benchmarks (never asserted in tests): criterion natively; side by side with drizzle-orm in Node
## (build+render ops/s, Worker bundle size, client CPU per query for rows through one gateway,
## 5-statement interactive transactions over WebSockets, memory over distinct values), the
## Worker templates' cold start in workerd, and the release gateway (bench/gateway: point queries
## with wrk against pgbench on the same PostgreSQL, ratio and p99; 64 clients for 60 s mixing HTTP
## queries, batches and WebSocket sessions, errors and RSS).
bench: setup pkg worker
	cargo bench --bench render
	cd bench/node && npm ci --no-audit --no-fund --loglevel=error && npm install --no-save --no-audit --no-fund --loglevel=error ../../edgepg-$$(node -p 'require("../../pkg/package.json").version').tgz
	cd bench/node && node render.mjs && node bundle.mjs
	scripts/with-gateway.sh bench/gateway/run.sh
	scripts/with-gateway.sh bash -c 'cd bench/node && node rows.mjs && node transaction.mjs && node --expose-gc memory.mjs'
	scripts/with-gateway.sh node tests/worker/cold-start.mjs rust ts drizzle edgepg

## Long fuzz runs of the parsers of untrusted input (src/fuzz.rs, bindings/core/src/fuzz.rs,
## gateway/src/fuzz.rs; make test runs 20,000 inputs
## per target): EDGEPG_FUZZ_ITERS inputs per target (default 10 million), executions printed.
fuzz: setup
	EDGEPG_FUZZ_ITERS=$${EDGEPG_FUZZ_ITERS:-10000000} EDGEPG_FUZZ_REPORT=1 \
		cargo test --release --lib --features ws fuzz -- --nocapture --test-threads=2
	EDGEPG_FUZZ_ITERS=$${EDGEPG_FUZZ_ITERS:-10000000} EDGEPG_FUZZ_REPORT=1 \
		cargo test --release -p edgepg-js fuzz -- --nocapture --test-threads=2
	EDGEPG_FUZZ_ITERS=$${EDGEPG_FUZZ_ITERS:-10000000} EDGEPG_FUZZ_REPORT=1 \
		cargo test --release -p edgepg-gateway --bin edgepg-gateway fuzz -- --nocapture --test-threads=2

## Embedded PostgreSQL + edgepg-gateway + the demo program; the gateway stays up until Ctrl-C.
dev: setup
	scripts/dev.sh
