#!/usr/bin/env bash
# Builds the workspace (incremental, silent on success) and runs one of tools/<name>.ts from dist/.
# Tools write their result to stdout, so `npm run --silent <tool>` output can be piped or parsed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: run-tool.sh NAME [ARGS...]}"
shift
node "$root/scripts/build.js"
exec node "$root/dist/tools/$name.js" "$@"
