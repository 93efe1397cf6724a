#!/usr/bin/env bash
# Runs the Postman collection with newman against the real service and the bundled EDC simulator, as CI does.
#
#   docs/postman/run.sh [extra newman options, e.g. --reporters cli,junit]
#
# Needs the .NET 10 SDK, curl, node and npm (newman 6.2.2 is installed into docs/postman/.npm on first use).
# Builds the solution (Release) only when the service's or the simulator's dll is missing. Both processes run
# from a temporary working directory on free loopback ports, with EDC_API_KEY=password (so `password` is also the
# client key) and API_KEYS unset; both are stopped and the directory removed at exit (KEEP_TMP=1 keeps it).
# Exits with newman's status.
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$dir/../.." && pwd)"
cd "$root"
# shellcheck source=../../scripts/process-lib.sh
source "$root/scripts/process-lib.sh"

NEWMAN_VERSION="6.2.2"
NEWMAN="$dir/.npm/node_modules/.bin/newman"
API_DLL="$root/DataOrchestrator.Api/bin/Release/net10.0/DataOrchestrator.Api.dll"
SIM_DLL="$root/tools/DataOrchestrator.EdcSimulator/bin/Release/net10.0/DataOrchestrator.EdcSimulator.dll"
API_KEY="password"
STARTUP_TIMEOUT=60 # seconds each process may take to answer its health route

tmp="$(mktemp -d "${TMPDIR:-/tmp}/data-orchestrator-postman.XXXXXX")"
SIM_PID=""
API_PID=""

log() { printf '==> %s\n' "$*"; }
fail() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}


show_logs() {
  local file service_log="$tmp/service.out" # the service's console: the log's lines plus any start-up error
  [ -s "$service_log" ] || service_log="$tmp/logs/data-orchestrator.log"
  for file in "$service_log" "$tmp/simulator.out"; do
    [ -s "$file" ] || continue
    printf '\n--- last 40 lines of %s ---\n' "${file#"$tmp"/}" >&2
    tail -n 40 "$file" >&2
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ "$rc" -eq 0 ] || show_logs
  stop_process "$API_PID" "The service"
  stop_process "$SIM_PID" "The EDC simulator"
  if [ "${KEEP_TMP:-0}" = "1" ]; then
    echo "Working directory kept: $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


for tool in dotnet curl node npm; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done

if [ ! -x "$NEWMAN" ] || [ "$("$NEWMAN" --version 2>/dev/null || true)" != "$NEWMAN_VERSION" ]; then
  log "Installing newman $NEWMAN_VERSION into docs/postman/.npm"
  npm install --no-save --no-audit --no-fund --prefix "$dir/.npm" "newman@$NEWMAN_VERSION" >"$tmp/npm.log" 2>&1 \
    || { cat "$tmp/npm.log" >&2; fail "npm install newman@$NEWMAN_VERSION failed"; }
fi

if [ ! -f "$API_DLL" ] || [ ! -f "$SIM_DLL" ]; then
  log "Building DataOrchestrator.sln (Release)"
  dotnet build DataOrchestrator.sln -c Release -nologo -v q >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; fail "the build failed"; }
fi

SIM_PORT="$(free_port)"
API_PORT="$(free_port "$SIM_PORT")"
SIM_URL="http://127.0.0.1:$SIM_PORT"
API_URL="http://127.0.0.1:$API_PORT"
mkdir -p "$tmp/data" "$tmp/logs"

log "Starting the EDC simulator on $SIM_URL"
(cd "$tmp" && exec dotnet "$SIM_DLL" --urls "$SIM_URL") >"$tmp/simulator.out" 2>&1 &
SIM_PID=$!
wait_for "The EDC simulator" "$SIM_URL/_sim/health" "$SIM_PID"

log "Starting DataOrchestrator on $API_URL"
(cd "$tmp" && exec env -u API_KEYS ALLOW_DEFAULT_API_KEY=true DATA_STORAGE_PATH="$tmp/data" LOG_DIR="$tmp/logs" EDC_API_KEY="$API_KEY" \
  dotnet "$API_DLL" --urls "$API_URL") >"$tmp/service.out" 2>&1 &
API_PID=$!
wait_for "The service" "$API_URL/health/live" "$API_PID"

log "newman run DataOrchestrator.postman_collection.json"
rc=0
"$NEWMAN" run "$dir/DataOrchestrator.postman_collection.json" \
  -e "$dir/DataOrchestrator.postman_environment.json" \
  --env-var "baseUrl=$API_URL" \
  --env-var "apiKey=$API_KEY" \
  --env-var "connectorAddress=$SIM_URL/consumer/cp" \
  --timeout-request 10000 \
  --bail \
  "$@" || rc=$?

if [ "$rc" -ne 0 ]; then
  echo "newman failed with exit code $rc" >&2
fi
exit "$rc"
