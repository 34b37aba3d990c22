#!/usr/bin/env bash
# Installs what Vigil needs on a fresh Debian machine, and nothing when it is already there:
# pnpm 10, the node modules (which bring Node 24 from the npm registry), and nats-server from apt.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  echo "setup: installing pnpm 10 with npm" >&2
  npm install -g --silent pnpm@10.34.9 >/dev/null
fi

pnpm install --frozen-lockfile --reporter=silent
echo "setup: node $(pnpm exec node --version) for pnpm scripts" >&2

bash infra/install-nats-server.sh >/dev/null
echo "setup: $(nats-server --version)" >&2

# The embedded ClickHouse (chdb) came with the node modules; a ClickHouse server is for the tests of the
# server path, installed here so that no test has to wait for apt.
bash infra/install-clickhouse-server.sh >/dev/null || echo "setup: no clickhouse-server: the tests of the server path will say so" >&2
echo "setup: clickhouse-server $(dpkg-query -W -f='${Version}' clickhouse-server 2>/dev/null || echo '(not installed)')" >&2
