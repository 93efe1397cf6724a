#!/usr/bin/env bash
# CI entry point of the TypeScript client: install exactly the locked packages, fail if the committed generated
# client differs from what NSwag makes of docs/openapi.json, compile under tsc --strict, and run the tests against
# the real service and EDC simulator (built with `dotnet build -c Release` first if their binaries are missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

npm ci --no-audit --no-fund
npm run check-generated
npm run build
npm test
