#!/usr/bin/env bash
# Builds the whole solution with warnings as errors and runs every test: the .NET tests (unit, architecture,
# functional, contract, and conformance against EDC's published Management API through Prism), the generated
# TypeScript client's tests, the dashboard's browser tests (Chromium), and the Postman collection (newman) against the real service and EDC simulator, and the
# Minimum Viable Dataspace's own requests replayed against the simulator, and demo.sh in both flows. Prints a closing line
# "N passed, N failed" over all of them; exits non-zero on any failure.
# Arguments are passed to `dotnet test` (e.g. --filter ...); with arguments only the .NET tests run. Without them the
# long reliability tests (category "Long") are excluded: run them with `./test.sh --filter TestCategory=Long`.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0
failed=0
log=$(mktemp)
net_log=$(mktemp)
trap 'rm -f "$log" "$net_log"' EXIT

# Adds a suite's counts; a suite that failed without reporting a failed test (crash, no tests) counts as one failure.
tally() { # suite exit-status passed failed
  local status=$2 p=${3:-0} f=${4:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$status" -eq 0 ] && [ "$p" -eq 0 ]; then f=$((f + 1)); echo "$1: no tests ran"; fi
  echo "$1: $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
}

# The service as it is shipped (ReadyToRun, build/service): demo.sh runs it, and a test checks it.
if ! { dotnet build DataOrchestrator.sln -c Release -warnaserror -nologo -v q && scripts/publish-service.sh; }; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# The PostgreSQL tests start throwaway clusters of their own; they need the server programs installed.
# shellcheck source=scripts/postgres-lib.sh
source scripts/postgres-lib.sh
if ! pg_ensure_installed; then
  echo "0 passed, 1 failed"
  exit 1
fi

# The conformance tests put Prism (npm) between the service and the EDC simulator.
if ! npm ci --prefix conformance --no-audit --no-fund --loglevel=error; then
  echo "Installing Prism (conformance/) failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# .NET: one "Passed!/Failed!  - Failed: N, Passed: N, ..." line per test assembly. Without arguments the long
# reliability tests (NUnit category "Long", minutes each) are left out; .ci/run runs them as a step of their own.
if [ $# -eq 0 ]; then
  set -- --filter "TestCategory!=Long"
  all_suites=1
else
  all_suites=0
fi
dotnet test DataOrchestrator.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$net_log"
status=${PIPESTATUS[0]}
p=$(sed -nE '/^(Passed|Failed)!/p' "$net_log" | sed -E 's/.*Passed: +([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
f=$(sed -nE '/^(Passed|Failed)!/p' "$net_log" | sed -E 's/.*Failed: +([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
tally ".NET tests" "$status" "$p" "$f"

if [ "$all_suites" -eq 1 ]; then
  # node's test runner ends with "# pass N" and "# fail N".
  node_suite() { # name command
    "$2" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]} p f
    p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -1)
    f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -1)
    tally "$1" "$status" "${p:-0}" "${f:-0}"
  }

  # newman ends each run with a summary row "│ assertions │ executed │ failed │"; a suite's count sums its runs.
  newman_suite() { # name command
    "$2" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]} executed failed
    executed=$(sed -nE '/│ +assertions +│/p' "$log" | awk -F'│' '{gsub(/ /, "", $3); s+=$3} END {print s+0}')
    failed=$(sed -nE '/│ +assertions +│/p' "$log" | awk -F'│' '{gsub(/ /, "", $4); s+=$4} END {print s+0}')
    tally "$1" "$status" "$((executed - failed))" "$failed"
  }

  node_suite "TypeScript client tests" clients/typescript/ci.sh
  # The dashboard in a real browser (Chromium, driven by playwright-core).
  node_suite "Dashboard browser tests" clients/dashboard/ci.sh
  # demo.sh itself, in the EDR flow and the DPS flow (both shapes).
  node_suite "demo.sh runs" scripts/demo-test.sh
  newman_suite "Postman collection assertions" docs/postman/run.sh
  # The Minimum Viable Dataspace's own requests against the EDC simulator (two newman runs).
  newman_suite "MVD collection replay assertions" conformance/mvd-replay.sh
fi

# The failed .NET tests again, so the last screen names them.
scripts/failed-tests.sh "$net_log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
