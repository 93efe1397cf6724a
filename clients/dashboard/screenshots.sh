#!/usr/bin/env bash
# Regenerates the committed screenshots of the dashboard (docs/images/dashboard/*.png, shown in the README) by running
# the browser tests, which take them as they go. Needs what ci.sh needs: the service built, chromium installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

npm ci --no-audit --no-fund
SCREENSHOT_DIR="$(cd ../.. && pwd)/docs/images/dashboard" npm test
echo "screenshots written to docs/images/dashboard"
