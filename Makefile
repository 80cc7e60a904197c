# edgepg — the two commands of the README: `make dev` and `make test`.
SHELL := /bin/bash
export CARGO_BUILD_JOBS ?= 2
export CARGO_TERM_COLOR ?= never
WASM := wasm32-unknown-unknown

.PHONY: dev test setup lint wasm golden-check unit integration bench fmt

## Installs what is missing (idempotent, registries only).
setup:
	@bash scripts/setup.sh

## Everything CI runs.
test: setup lint wasm golden-check unit integration

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM) -- -D warnings

## The library must build for wasm32 from the first commit.
wasm:
	cargo build --lib --target $(WASM)

## The golden files must be exactly what drizzle-orm and pg-types produce today.
golden-check:
	cd tests/golden && node generate.mjs --check
	cd tests/pgtypes && node generate.mjs --check

## Unit, doc, golden (vs drizzle-orm) and compile-fail tests.
unit:
	cargo test --all-targets
	cargo test --doc

## Against real PostgreSQL through one real edgepg-gateway: the gateway's protocol tests, the
## Rust driver's tests, and the real @neondatabase/serverless under node:test.
integration:
	scripts/with-gateway.sh bash -c 'cargo test -p edgepg-gateway && cd tests/node && TZ=UTC node --test --test-concurrency=1'

## Criterion benchmarks (never asserted in tests).
bench: setup
	cargo bench --bench render

## Embedded PostgreSQL + edgepg-gateway + the demo program; the gateway stays up until Ctrl-C.
dev: setup
	scripts/dev.sh
