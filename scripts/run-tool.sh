#!/usr/bin/env bash
# Builds the workspace (incremental, silent on success) and runs one of tools/<name>.ts from dist/, or an app's
# entry point named by its path (e.g. apps/archive/src/cli, the archive's command line behind `npm run ops`).
# Tools write their result to stdout, so `npm run --silent <tool>` output can be piped or parsed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: run-tool.sh NAME|apps/APP/src/ENTRY [ARGS...]}"
shift
node "$root/scripts/build.js"
case "$name" in
  */*) exec node "$root/dist/$name.js" "$@" ;;
  *) exec node "$root/dist/tools/$name.js" "$@" ;;
esac
