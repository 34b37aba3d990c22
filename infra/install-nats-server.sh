#!/usr/bin/env bash
# Ensures a nats-server binary is available for local development and tests.
# Debian bookworm ships 2.9.10, which is the version Vigil is designed against (see design.md "NATS").
set -euo pipefail

if command -v nats-server >/dev/null 2>&1; then
  nats-server --version
  exit 0
fi

how_to() {
  cat >&2 <<'MSG'
nats-server is not installed and cannot be installed automatically here.
Install it with one of:
  sudo apt-get install nats-server          (Debian/Ubuntu)
  nix develop                               (the flake's dev shell provides it)
  https://github.com/nats-io/nats-server/releases
or point Vigil at an existing server instead:
  export NATS_SERVERS=nats://host:4222
MSG
}

if [ "${EUID}" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  how_to
  exit 1
fi

# Refresh the package lists only when they do not know nats-server yet.
# (Captured first: with pipefail, `grep -q` closing the pipe early would make apt-cache fail with SIGPIPE.)
policy="$(apt-cache policy nats-server 2>/dev/null || true)"
if ! grep -Eq 'Candidate: [^(]' <<<"$policy"; then
  apt-get update -qq
fi

if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null; then
  how_to
  exit 1
fi

nats-server --version
