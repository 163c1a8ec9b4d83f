#!/usr/bin/env bash
# Type-aware ESLint with zero warnings: every Nx project (apps, libs, tools, the e2e tests, the console; module
# boundaries enforced through the project graph) and the console's type-check (its own tsconfigs, browser and specs:
# the root tsconfig leaves it out), then the deploy checks that live outside projects, then Prettier.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
npx nx run-many -t lint typecheck --outputStyle=static
npx eslint --max-warnings=0 deploy
npx prettier --check . --log-level warn
# The checked-in OpenAPI contracts (npm run openapi writes them): Redocly's recommended rules, zero errors
# (a 4xx response missing from an operation is one: redocly.yaml).
npx redocly lint openapi/gateway.json openapi/ops.json --format=summary
