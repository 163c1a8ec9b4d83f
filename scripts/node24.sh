#!/usr/bin/env bash
# Runs a command on Node >= 22. The machine's own node is used when it is new enough;
# otherwise Node 24 comes from the npm registry's `node` package (no other download, no root).
set -euo pipefail
MIN_MAJOR=22
major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(major node)" -ge "$MIN_MAJOR" ]; then
  exec "$@"
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/node_modules/.cache/node24-path"
node_bin=""
if [ -f "$cache" ] && [ -x "$(cat "$cache")" ]; then
  node_bin="$(cat "$cache")"
else
  echo "node24: local node $(node -v 2>/dev/null || echo missing) is older than $MIN_MAJOR; fetching Node 24 from the npm registry" >&2
  node_bin="$(npx -y node@24 -p process.execPath | tail -n 1)"
  if [ ! -x "$node_bin" ] || [ "$(major "$node_bin")" -lt "$MIN_MAJOR" ]; then
    echo "node24: could not obtain Node 24 (got '$node_bin')" >&2
    exit 2
  fi
  mkdir -p "$(dirname "$cache")" && printf '%s' "$node_bin" > "$cache"
fi
export PATH="$(dirname "$node_bin"):$PATH"
exec "$@"
