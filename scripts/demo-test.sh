#!/usr/bin/env bash
# Runs ./demo.sh as a user would, once per flow: the EDR flow (the default) and the DPS flow in EDC's 0.18 and main
# shapes, each on free loopback ports with its files and logs in a temporary directory, and checks what it printed.
# test.sh runs it after its build (demo.sh's own build is then a no-op). Ends with "# pass N" and "# fail N".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=process-lib.sh
source "$root/scripts/process-lib.sh"
fail() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/data-orchestrator-demo-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# check <name> <output file> <pattern>...: every extended regular expression occurs in the output.
check() {
  local name="$1" output="$2" pattern
  shift 2
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" "$output"; then
      echo "not ok - ${name}: no line matches /${pattern}/"
      return 1
    fi
  done
}

# run_demo <name> <env assignments...>: runs demo.sh with them; the output goes to $tmp/<name>.out. A port found free
# can still be taken before demo.sh's server binds it: that run is made again on other ports (at most three times).
run_demo() {
  local name="$1" port sim_port status attempt
  shift
  for attempt in 1 2 3; do
    port=$(free_port)
    sim_port=$(free_port "$port")
    rm -rf "${tmp:?}/$name"
    mkdir -p "$tmp/$name"
    env "$@" PORT="$port" SIM_PORT="$sim_port" DATA_STORAGE_PATH="$tmp/$name/data" LOG_DIR="$tmp/$name/logs" \
      "$root/demo.sh" >"$tmp/$name.out" 2>&1
    status=$?
    if [ "$status" -eq 0 ] || ! grep -q 'address already in use' "$tmp/$name.out"; then
      return "$status"
    fi
    echo "# ${name}: a port was taken before demo.sh bound it (attempt ${attempt}); again on other ports"
  done
  return "$status"
}

record() { # name status
  if [ "$2" -eq 0 ]; then
    echo "ok - $1"
    passed=$((passed + 1))
  else
    echo "--- output of demo.sh ($1) ---"
    tail -n 60 "$tmp/$1.out"
    failed=$((failed + 1))
  fi
}

test_case() { # name, then env assignments, then -- and the patterns the output must contain
  local name="$1" settings=() status
  shift
  while [ "$1" != "--" ]; do settings+=("$1"); shift; done
  shift
  if run_demo "$name" "${settings[@]}"; then
    check "$name" "$tmp/$name.out" "$@"
    status=$?
  else
    echo "not ok - ${name}: demo.sh exited non-zero"
    status=1
  fi
  record "$name" "$status"
}

test_case edr-default DEMO_FLOW= -- \
  '^Flow: EDR cache' '^transfer [0-9a-f-]+: SAVED$' '^2 of 2 items SAVED$' '^Done \(EDR flow\): orchestration .* COMPLETED, 2 of 2 items SAVED'
if grep -q 'Data Plane Signaling' "$tmp/edr-default.out"; then
  echo "not ok - edr-default: the EDR flow printed a DPS section"
  failed=$((failed + 1))
fi

for shape in 0.18 main; do
  test_case "dps-$shape" DEMO_FLOW=dps DEMO_DPS_SHAPE="$shape" -- \
    "^Flow: Data Plane Signaling \\(EDC ${shape} shape\\)" '^2 of 2 items SAVED$' \
    '"endpoint":"http://127\.0\.0\.1:[0-9]+/signaling/dataflows"' \
    '^service -> EDC  register PUT .*/v4/dataplanes -> 200$' \
    '^EDC -> service  prepare POST .*/signaling/dataflows/prepare -> 200$' \
    '^EDC -> service  started POST .*/signaling/dataflows/[0-9a-f-]+/started -> 200$' \
    '^service -> EDC  completed POST .*/api/signaling/transfers/[0-9a-f-]+/dataflow/completed -> 200$' \
    '^2 completed callbacks for 2 transfers; 0 EDR fetches' \
    "^Done \\(DPS flow, EDC ${shape} shape\\): orchestration .* COMPLETED, 2 of 2 items SAVED"
done

# A wrong flow name stops before anything is started.
if DEMO_FLOW=edc "$root/demo.sh" >"$tmp/bad-flow.out" 2>&1; then
  echo "not ok - bad-flow: demo.sh accepted DEMO_FLOW=edc"
  failed=$((failed + 1))
else
  check bad-flow "$tmp/bad-flow.out" "DEMO_FLOW must be edr or dps, not 'edc'"
  record bad-flow $?
fi

echo "# pass $passed"
echo "# fail $failed"
[ "$failed" -eq 0 ]
