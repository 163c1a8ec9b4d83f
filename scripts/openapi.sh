#!/usr/bin/env bash
# npm run openapi: writes the gateway's and the operations API's OpenAPI documents to openapi/ from the code (no
# service needs to run), then what derives from them (@careplan/client's types, the console's). The checked-in files
# are the contract: a test fails when the code and they differ, another when the derived types and the JSON differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
node scripts/build.js
mkdir -p openapi
node dist/apps/gateway/src/openapi/openapi.main.js >openapi/gateway.json
node dist/apps/archive/src/ops/openapi.main.js >openapi/ops.json
node_modules/.bin/prettier --log-level warn --write openapi/gateway.json openapi/ops.json
echo "openapi: wrote openapi/gateway.json and openapi/ops.json" >&2
# The problem codes the documents list, as a table for people (npm run problems:docs alone writes only it).
node dist/tools/problems-docs.js
# What is derived from the contracts: the vendor client's types and the console's (a unit spec each fails when
# they and the JSON differ).
node scripts/gateway-schema.js
node scripts/ops-schema.js
