#!/usr/bin/env bash
# Replays the Minimum Viable Dataspace 0.14.1's own Postman requests (Initiate negotiation, Initiate Transfer, Get EDR
# DataAddress for TransferId, Download Data from Public API, unchanged from ../shared) against the EDC simulator with newman, so the
# simulator is checked against EDC's own client and not only against our code. The MVD collection does not capture
# the transfer id itself (a user copies it), so this script reads it from the first run's report and passes it on.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mvd="$root/../shared/edc/mvd/0.14.1/deployment/postman"
collection="$mvd/MVD.postman_collection.json"
environment="$mvd/MVD Local Development.postman_environment.json"
sim_dll="$root/tools/DataOrchestrator.EdcSimulator/bin/Release/net10.0/DataOrchestrator.EdcSimulator.dll"
# shellcheck source=../scripts/process-lib.sh
source "$root/scripts/process-lib.sh"
fail() { echo "$*" >&2; [ -f "${work:-}/simulator.log" ] && tail -n 30 "$work/simulator.log" >&2; exit 1; }

[ -f "$collection" ] || { echo "MVD collection not found: $collection" >&2; exit 1; }
[ -x "$here/node_modules/.bin/newman" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
[ -f "$sim_dll" ] || dotnet build "$root/DataOrchestrator.sln" -c Release -nologo -v q

work="$(mktemp -d)"
sim_pid=""
cleanup() {
  stop_process "$sim_pid" "the EDC simulator"
  rm -rf "$work"
}
trap cleanup EXIT

port="$(free_port)"

sim="http://127.0.0.1:$port"
dotnet "$sim_dll" --urls "$sim" > "$work/simulator.log" 2>&1 &
sim_pid=$!
wait_for "the EDC simulator" "$sim/_sim/health" "$sim_pid"

newman() { "$here/node_modules/.bin/newman" run "$collection" -e "$environment" \
  --env-var "HOST=$sim" --env-var "PROVIDER_PUBLIC_API=$sim" --env-var "PROVIDER_DSP_URL=http://provider-qna-controlplane:8082" \
  --env-var "PROVIDER_ID=did:web:provider-identityhub%3A7083:provider" --env-var "CONTRACT_AGREEMENT_ID=mvd-agreement-1" "$@"; }

# 0. MVD's own "Initiate negotiation" (its tests assert a 2xx and an @id); the simulator must then know the negotiation.
newman --folder "Initiate negotiation" --env-var "POLICY_ID_ASSET_1=mvd-offer-asset-1" --bail
curl -fsS "$sim/_sim/negotiations" | grep -q '"offerId":"mvd-offer-asset-1"' \
  || fail "the simulator did not record MVD's negotiation request"

# 1. MVD's own "Initiate Transfer" request (its test asserts a 2xx).
newman --folder "Initiate Transfer" --reporters cli,json --reporter-json-export "$work/initiate.json"
transfer_id="$(node -e '
  const run = require(process.argv[1]).run;
  const body = Buffer.from(run.executions[0].response.stream.data).toString();
  process.stdout.write(JSON.parse(body)["@id"]);' "$work/initiate.json")"
echo "transfer process: $transfer_id"

# 2. MVD's "Get EDR DataAddress for TransferId" (stores the token as AUTHORIZATION) and "Download Data from Public API"
#    (sends it as the raw Authorization header); newman's summary row "assertions" is what test.sh counts.
newman --folder "Get EDR DataAddress for TransferId" --folder "Download Data from Public API" \
  --env-var "TRANSFER_PROCESS_ID=$transfer_id" --bail
