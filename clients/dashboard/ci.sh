#!/usr/bin/env bash
# CI entry point of the dashboard: install exactly the locked packages, type-check, fail if the committed build in
# DataOrchestrator.Api/Dashboard/wwwroot differs from what esbuild makes of the sources, and run the browser tests
# (Debian's chromium, CHROMIUM_PATH; .ci/run installs it) against the real service and EDC simulator. The service
# must have been built with the committed dashboard (`dotnet build -c Release`), as test.sh does first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

npm ci --no-audit --no-fund
npm run typecheck
npm run check-built
npm test
