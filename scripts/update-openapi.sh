#!/usr/bin/env bash
# Regenerates docs/openapi.json from the built service (the document it serves at /swagger/v1/swagger.json).
# CI fails when the committed copy differs (OpenApiDocumentTests), so run this after changing the API.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_OPENAPI=1 dotnet test DataOrchestrator.Tests --nologo -v q \
  --filter "FullyQualifiedName~OpenApiDocumentTests.ShouldMatchTheDocumentTheServiceServes"
echo "docs/openapi.json refreshed"
