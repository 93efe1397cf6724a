#!/usr/bin/env bash
# The service's main job end to end, on its embedded defaults: build, start the bundled EDC simulator and the
# service, POST the original service's documented example request, follow GET /status/{id} until the
# orchestration finishes, show the saved files, stop both processes.
#
# Needs the .NET 10 SDK and curl. Ports: PORT (service, default 5000), SIM_PORT (simulator, default 18181).
# KEEP_RUNNING=1 leaves both running after the job, for the dashboard (/dashboard/), the Postman collection or the TypeScript client; Ctrl-C stops them.
# DEMO_FLOW=edr (default): the EDR-cache flow (EDC up to 0.17, Tractus-X). DEMO_FLOW=dps: the service is the consumer
# data plane of Data Plane Signaling (stock EDC 0.18.0 and EDC main), the simulator plays EDC's control plane in the
# shape DEMO_DPS_SHAPE=0.18 (default) or main; the demo then also shows the registration and the signaling messages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/process-lib.sh
source scripts/process-lib.sh

PORT="${PORT:-5000}"
SIM_PORT="${SIM_PORT:-18181}"
API="http://127.0.0.1:${PORT}"
SIM="http://127.0.0.1:${SIM_PORT}"
API_KEY="password" # EDC_API_KEY's default; with API_KEYS unset it is also the client key
STARTUP_TIMEOUT=60
RUN_TIMEOUT=60
DEMO_FLOW="${DEMO_FLOW:-edr}"
DEMO_DPS_SHAPE="${DEMO_DPS_SHAPE:-0.18}"

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/data-orchestrator-demo.XXXXXX")"
SIM_LOG="${WORK_DIR}/simulator.log"
API_LOG="${WORK_DIR}/service.log"
SIM_PID=""
API_PID=""
KEEP_WORK_DIR=0

say() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '\nERROR: %s\n' "$*" >&2
  KEEP_WORK_DIR=1
  exit 1
}


cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_process "$API_PID" "service"
  stop_process "$SIM_PID" "EDC simulator"
  local kept=0
  if [ "$rc" -ne 0 ] || [ "$KEEP_WORK_DIR" -eq 1 ]; then
    for log in "$API_LOG" "$SIM_LOG"; do
      if [ -s "$log" ]; then
        printf '\n--- last lines of %s ---\n' "$log" >&2
        tail -n 30 "$log" >&2
        kept=1
      fi
    done
  fi
  if [ "$kept" -eq 1 ]; then
    echo "Logs kept in ${WORK_DIR}" >&2
  else
    rm -rf "$WORK_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

json_string() { # json_string <field> < json: the first "field":"value" value, or nothing
  { grep -o "\"$1\":\"[^\"]*\"" || true; } | sed -n '1s/^.*:"\(.*\)"$/\1/p'
}

case "$DEMO_FLOW" in
  edr | dps) ;;
  *) fail "DEMO_FLOW must be edr or dps, not '${DEMO_FLOW}'" ;;
esac
case "$DEMO_DPS_SHAPE" in
  0.18 | main) ;;
  *) fail "DEMO_DPS_SHAPE must be 0.18 or main, not '${DEMO_DPS_SHAPE}'" ;;
esac
command -v dotnet >/dev/null || fail "the .NET 10 SDK (dotnet) is not installed"
command -v curl >/dev/null || fail "curl is not installed"
port_in_use "$PORT" && fail "port ${PORT} is already in use (set PORT=<free port> to use another one)"
port_in_use "$SIM_PORT" && fail "port ${SIM_PORT} is already in use (set SIM_PORT=<free port> to use another one)"
if [ -f .env ] || [ -n "${EDC_API_KEY:-}${API_KEYS:-}" ]; then
  echo "Note: .env, EDC_API_KEY or API_KEYS is set; the demo expects the defaults (client and EDC key 'password')." >&2
fi

say "Building (Release) and publishing the service (ReadyToRun, as it is meant to run)"
if ! { dotnet build DataOrchestrator.sln -c Release -nologo -v q && scripts/publish-service.sh; } >"${WORK_DIR}/build.log" 2>&1; then
  cat "${WORK_DIR}/build.log" >&2
  fail "the build failed"
fi
echo "built; the service is in build/service"

SIM_ARGS=(--urls "$SIM")
SERVICE_ENV=(ALLOW_DEFAULT_API_KEY=true)
if [ "$DEMO_FLOW" = "dps" ]; then
  # The simulator as EDC's consumer control plane; the service registers itself as its data plane at
  # DATAPLANE_PUBLIC_URL. The simulator's data plane serves plain http, and it sends no token on signaling calls
  # (stock EDC with no authorization profile), which Production refuses unless allowed; signaling is accepted from
  # loopback only. EDC main sends no callbackAddress in prepare, so the service needs EDC's signaling API base.
  SIM_ARGS+=(--dps "$DEMO_DPS_SHAPE")
  SERVICE_ENV+=(EDC_DATA_FLOW=dps "DATAPLANE_PUBLIC_URL=${API}" DATAPLANE_ALLOW_HTTP_ENDPOINTS=true
    DATAPLANE_ALLOW_UNAUTHENTICATED=true ALLOWED_CONTROL_PLANE_HOSTS=127.0.0.1)
  if [ "$DEMO_DPS_SHAPE" = "main" ]; then SERVICE_ENV+=("EDC_SIGNALING_URL=${SIM}/api/signaling"); fi
  FLOW_LABEL="DPS flow, EDC ${DEMO_DPS_SHAPE} shape"
  FLOW_TEXT="Data Plane Signaling (EDC ${DEMO_DPS_SHAPE} shape): the service is the consumer data plane"
else
  FLOW_LABEL="EDR flow"
  FLOW_TEXT="EDR cache: poll the transfer until STARTED, fetch the EDR, download"
fi
echo "Flow: ${FLOW_TEXT}"

say "Starting the EDC simulator on ${SIM} (log: ${SIM_LOG})"
echo "simulator options: ${SIM_ARGS[*]}"
dotnet tools/DataOrchestrator.EdcSimulator/bin/Release/net10.0/DataOrchestrator.EdcSimulator.dll \
  "${SIM_ARGS[@]}" >"$SIM_LOG" 2>&1 &
SIM_PID=$!
wait_for "The EDC simulator" "${SIM}/_sim/health" "$SIM_PID"
echo "EDC simulator is up (pid ${SIM_PID})"

say "Starting DataOrchestrator on ${API} (log: ${API_LOG})"
# The service runs as it would be deployed (Production, ASPNETCORE_ENVIRONMENT unset), where the default client key
# 'password' is refused unless allowed: the demo allows it explicitly, on a loopback address only.
echo "settings: ${SERVICE_ENV[*]}"
env "${SERVICE_ENV[@]}" dotnet build/service/DataOrchestrator.Api.dll --urls "$API" >"$API_LOG" 2>&1 &
API_PID=$!
wait_for "The service" "${API}/health/live" "$API_PID"
echo "DataOrchestrator is up (pid ${API_PID}); OpenAPI at ${API}/swagger"

# The original service's documented example, pointed at the simulator's consumer connector.
REQUEST=$(cat <<EOF
{
  "data": [
    {
      "type": "edc-asset",
      "counterPartyAddress": "http://provider-qna-controlplane:8082/api/dsp",
      "contractId": "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e",
      "connectorId": "did:web:provider-identityhub:7083:provider"
    },
    {
      "type": "edc-asset",
      "counterPartyAddress": "http://provider-qna-controlplane:8082/api/dsp",
      "contractId": "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e",
      "connectorId": "did:web:provider-identityhub:7083:provider"
    }
  ],
  "connectorAddress": "${SIM}/consumer/cp"
}
EOF
)

say "POST ${API}/orchestrate"
echo "$REQUEST"
RESPONSE_FILE="${WORK_DIR}/orchestrate.json"
HTTP_CODE=$(curl -sS -o "$RESPONSE_FILE" -w '%{http_code}' --max-time 10 -X POST "${API}/orchestrate" \
  -H "X-Api-Key: ${API_KEY}" -H "Content-Type: application/json" --data "$REQUEST") \
  || fail "POST /orchestrate could not be sent"
RESPONSE=$(cat "$RESPONSE_FILE")
echo "HTTP ${HTTP_CODE}"
echo "$RESPONSE"
[ "$HTTP_CODE" = "200" ] || fail "POST /orchestrate answered HTTP ${HTTP_CODE}"
ORCHESTRATION_ID=$(printf '%s' "$RESPONSE" | json_string orchestration_id)
[ -n "$ORCHESTRATION_ID" ] || fail "no orchestration_id in the response"

say "Following GET /status/${ORCHESTRATION_ID}"
STATUS_URL="${API}/status/${ORCHESTRATION_ID}"
LAST=""
STATUS=""
deadline=$((SECONDS + RUN_TIMEOUT))
while :; do
  STATUS=$(curl -fsS --max-time 5 -H "X-Api-Key: ${API_KEY}" "$STATUS_URL") || fail "GET /status/${ORCHESTRATION_ID} failed"
  PROCESS_STATUS=$(printf '%s' "$STATUS" | json_string process_status)
  if [ "$PROCESS_STATUS" != "$LAST" ]; then
    printf '%s  process_status=%s\n' "$(date +%H:%M:%S)" "$PROCESS_STATUS"
    LAST="$PROCESS_STATUS"
  fi
  case "$PROCESS_STATUS" in
    COMPLETED | PARTIALLY_COMPLETED | FAILED) break ;;
  esac
  [ "$SECONDS" -lt "$deadline" ] || fail "the orchestration did not finish within ${RUN_TIMEOUT} s (last process_status ${PROCESS_STATUS})"
  sleep 0.5
done

say "Final status"
echo "$STATUS"
[ "$PROCESS_STATUS" = "COMPLETED" ] || fail "the orchestration ended ${PROCESS_STATUS}, not COMPLETED"

say "Items"
# Each item's transfer and status ("transfer_id":…,"status":… occurs in the items only).
ITEMS=$(printf '%s' "$STATUS" | { grep -o '"transfer_id":[^,]*,"status":"[A-Z_]*"' || true; } \
  | sed 's/^"transfer_id":"\{0,1\}\([^",]*\)"\{0,1\},"status":"\(.*\)"$/transfer \1: \2/')
echo "$ITEMS"
SAVED_COUNT=$(printf '%s\n' "$ITEMS" | grep -c ': SAVED$' || true)
ITEM_COUNT=$(printf '%s\n' "$ITEMS" | grep -c . || true)
echo "${SAVED_COUNT} of ${ITEM_COUNT} items SAVED"

if [ "$DEMO_FLOW" = "dps" ]; then
  say "Data Plane Signaling, as the simulated EDC control plane saw it"
  echo "Registered data plane (PUT /v4/dataplanes):"
  curl -fsS --max-time 5 "${SIM}/_sim/dps/dataplanes" || fail "GET /_sim/dps/dataplanes failed"
  echo
  # The completed callback follows the saved file; wait for one per item.
  deadline=$((SECONDS + 15))
  while :; do
    MESSAGES=$(curl -fsS --max-time 5 "${SIM}/_sim/dps/messages") || fail "GET /_sim/dps/messages failed"
    COMPLETED_COUNT=$(printf '%s' "$MESSAGES" | { grep -o '"kind":"completed"' || true; } | grep -c . || true)
    [ "$COMPLETED_COUNT" -lt "$ITEM_COUNT" ] || break
    [ "$SECONDS" -lt "$deadline" ] || fail "only ${COMPLETED_COUNT} of ${ITEM_COUNT} completed callbacks reached the control plane"
    sleep 0.5
  done
  # One line per message (bodies left out: started carries the provider's access token). A body's own quotes are
  # escaped, so these patterns only match the message records' fields.
  printf '%s' "$MESSAGES" | { grep -o '"direction":"[a-z]*","kind":"[a-z]*","transferId":[^,]*,"method":"[A-Z]*","url":"[^"]*"' || true; } \
    | sed 's/"direction":"\([a-z]*\)","kind":"\([a-z]*\)","transferId":[^,]*,"method":"\([A-Z]*\)","url":"\([^"]*\)"/\1 \2 \3 \4/' \
    | sed 's/^sent /EDC -> service  /; s/^received /service -> EDC  /' >"${WORK_DIR}/messages.txt"
  printf '%s' "$MESSAGES" | { grep -o '"status":[^,]*,"responseBody"' || true; } | sed 's/^"status":\([^,]*\),.*/-> \1/' >"${WORK_DIR}/answers.txt"
  paste -d ' ' "${WORK_DIR}/messages.txt" "${WORK_DIR}/answers.txt"
  EDR_CALLS=$(curl -fsS --max-time 5 "${SIM}/_sim/calls" | { grep -o '/edrs/' || true; } | grep -c . || true)
  echo "${COMPLETED_COUNT} completed callbacks for ${ITEM_COUNT} transfers; ${EDR_CALLS} EDR fetches (the address came with 'started')"
fi

say "Saved files"
STORAGE_PATHS=$(printf '%s' "$STATUS" | { grep -o '"storage_path":"[^"]*"' || true; } | sed 's/^.*:"\(.*\)"$/\1/' | sort -u)
echo "$STORAGE_PATHS"
echo
# shellcheck disable=SC2086 # one path per word
ls -l $STORAGE_PATHS
FIRST_FILE=$(printf '%s\n' "$STORAGE_PATHS" | sed -n 1p)
[ -f "$FIRST_FILE" ] || fail "saved file ${FIRST_FILE} does not exist"
[ "$SAVED_COUNT" -eq "$ITEM_COUNT" ] || fail "only ${SAVED_COUNT} of ${ITEM_COUNT} items were SAVED"

say "First 200 bytes of ${FIRST_FILE}"
head -c 200 "$FIRST_FILE"
echo

if [ "${KEEP_RUNNING:-0}" = "1" ]; then
  say "Still running (KEEP_RUNNING=1): service http://127.0.0.1:${PORT:-5000} (X-Api-Key: password; dashboard http://127.0.0.1:${PORT:-5000}/dashboard/), EDC simulator http://127.0.0.1:${SIM_PORT:-18181}"
  echo "Point the Postman collection (docs/postman) or the TypeScript client (clients/typescript) at them; Ctrl-C stops both."
  wait "$API_PID" || true
fi

say "Stopping the service and the EDC simulator"
stop_process "$API_PID" "service"
API_PID=""
stop_process "$SIM_PID" "EDC simulator"
SIM_PID=""
echo "Done (${FLOW_LABEL}): orchestration ${ORCHESTRATION_ID} COMPLETED, ${SAVED_COUNT} of ${ITEM_COUNT} items SAVED. The service's own log is ${LOG_DIR:-logs}/data-orchestrator.log."
