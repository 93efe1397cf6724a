# Shell helpers shared by demo.sh, docs/postman/run.sh and conformance/mvd-replay.sh for the processes they start.
# Source it; the caller defines fail() (print the reason, exit non-zero) and may set STARTUP_TIMEOUT (seconds).

# stop_process <pid> <name>: TERM, up to 10 s for a graceful stop, then KILL.
stop_process() {
  local pid="$1" name="$2"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "$name (pid $pid) did not stop within 10 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port [port to avoid]: a loopback port nobody listens on, picked at random below the kernel's ephemeral range
# (ip_local_port_range, usually from 32768): ports there are handed to outgoing connections and to servers binding
# port 0, so one that is free now may be taken before our server binds it (seen with demo.sh under load).
free_port() {
  local port low high
  low=20000
  high=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "${high:-0}" -gt $((low + 1000)) ] || { low=20000; high=60000; }
  for _ in $(seq 1 200); do
    port=$((low + (RANDOM * 32768 + RANDOM) % (high - low)))
    [ "$port" != "${1:-}" ] || continue
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  fail "found no free port"
}

# wait_for <name> <url> <pid>: until the URL answers 200; fails when the process exits or STARTUP_TIMEOUT passes.
wait_for() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + ${STARTUP_TIMEOUT:-60}))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "$name exited during start-up"
    [ "$SECONDS" -lt "$deadline" ] || fail "$name did not answer $url with 200 within ${STARTUP_TIMEOUT:-60} s"
    sleep 0.25
  done
}
