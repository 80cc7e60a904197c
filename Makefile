# edgepg — the two commands of the README: `make dev` and `make test`.
SHELL := /bin/bash
export CARGO_BUILD_JOBS ?= 2
export CARGO_TERM_COLOR ?= never
WASM := wasm32-unknown-unknown

.PHONY: dev test setup lint wasm golden-check unit bench fmt

## Installs what is missing (idempotent, registries only).
setup:
	@bash scripts/setup.sh

## Everything CI runs.
test: setup lint wasm golden-check unit

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM) -- -D warnings

## The library must build for wasm32 from the first commit.
wasm:
	cargo build --lib --target $(WASM)

## expected.json must be exactly what drizzle-orm produces today.
golden-check:
	cd tests/golden && node generate.mjs --check

## Unit, doc, golden (vs drizzle-orm) and compile-fail tests.
unit:
	cargo test --all-targets
	cargo test --doc

## Criterion benchmarks (never asserted in tests).
bench: setup
	cargo bench --bench render

## The local PostgreSQL + gateway + Worker arrive with the HTTP-driver issue; until then
## `make dev` shows the builder at work.
dev: setup
	cargo run --quiet --example render
