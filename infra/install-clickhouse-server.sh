#!/usr/bin/env bash
# Ensures a ClickHouse server binary is available for the HTTP-backend tests (test/support/ClickhouseServer.ts).
# Debian bookworm ships clickhouse-server 18.16; the tests start it themselves on a free port with a temp data
# directory and their own config, so the package's own service is neither needed nor started.
set -euo pipefail

found() {
  for b in clickhouse-server clickhouse; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  done
  return 1
}

if bin="$(found)"; then
  echo "$bin"
  exit 0
fi

how_to() {
  cat >&2 <<'MSG'
clickhouse-server is not installed and cannot be installed automatically here.
Install it with one of:
  sudo apt-get install clickhouse-server    (Debian/Ubuntu; 18.16 on bookworm)
  nix develop                               (the flake's dev shell provides clickhouse)
or point Vigil at an existing server instead:
  export CLICKHOUSE_URL=http://host:8123
MSG
}

if [ "${EUID}" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  how_to
  exit 1
fi

# Test files run in parallel and may all find it missing: one installs, the others wait and find it.
exec 9>/tmp/vigil-install-clickhouse.lock
flock 9
if bin="$(found)"; then
  echo "$bin"
  exit 0
fi

policy="$(apt-cache policy clickhouse-server 2>/dev/null || true)"
if ! grep -Eq 'Candidate: [^(]' <<<"$policy"; then
  apt-get update -qq
fi

# No init system here: keep the package's post-install step from trying to start its own service.
policy_rc=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy_rc" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy_rc"
  chmod +x "$policy_rc"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f "$policy_rc"' EXIT

if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends clickhouse-server >/dev/null; then
  how_to
  exit 1
fi

found
