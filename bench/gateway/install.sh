#!/usr/bin/env bash
# Installs the tools of the gateway benchmarks (bench/gateway/throughput.sh): wrk (Debian package
# `wrk`), pgbench and psql (Debian package `postgresql-client-*`, normally present with the
# PostgreSQL server binaries the gateway's embedded mode needs) and curl.
# Idempotent and offline-safe: apt-get runs only when a tool is missing (then as root, or with
# sudo when available); nothing is downloaded from anywhere but the Debian archive.
set -euo pipefail

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ! command -v pgbench >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    # pgbench ships in the client package matching the installed server (postgresql-client-N).
    pkg=$(dpkg-query -W -f '${Package}\n' 'postgresql-client-[0-9]*' 2>/dev/null | head -n1 || true)
    missing+=("${pkg:-postgresql-client}")
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "bench/gateway/install.sh: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "bench/gateway/install.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Try with the current package lists first (works offline with a warm cache); update only on failure.
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v wrk >/dev/null && command -v pgbench >/dev/null && command -v psql >/dev/null && command -v curl >/dev/null
