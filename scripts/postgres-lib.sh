# shellcheck shell=bash
# Shell helpers for a throwaway PostgreSQL cluster on a loopback port (for demo.sh, bench, .ci/run). Source it; the
# caller may define fail() (print the reason, exit non-zero) as for process-lib.sh; without one a failing helper prints
# the reason to stderr and returns 1. pg_start and pg_stop print nothing on success.
#
# Clusters use trust authentication and listen on 127.0.0.1 only, with their socket inside the data directory.
# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user (the directory is chown'ed to it).

PG_DATABASE="dataorchestrator"

_pg_fail() {
  if declare -F fail >/dev/null; then fail "$*"; fi
  echo "ERROR: $*" >&2
  return 1
}

# Runs a server program as postgres when we are root; output goes wherever the caller redirects it (runuser never
# opens the file, so it may live where postgres cannot write). The working directory must be one postgres can read.
_pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_bindir: the directory with initdb, pg_ctl, psql; pg_config --bindir when it has initdb, else the newest
# /usr/lib/postgresql/*/bin.
pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  fi
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  _pg_fail "PostgreSQL's server programs (initdb) were not found; install them with: apt-get install -y postgresql"
}

# pg_connection_string <port>: the Npgsql connection string of the dataorchestrator database.
pg_connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=${PG_DATABASE}"
}

# pg_start <dir> <port>: initialises <dir> if it holds no cluster yet, starts it on 127.0.0.1:<port>, waits until it
# accepts connections and creates the dataorchestrator database if it is missing. The server log is <dir>/server.log.
pg_start() {
  local dir="$1" port="$2" bin log exists
  bin="$(pg_bindir)" || return 1
  mkdir -p "$dir" || { _pg_fail "cannot create $dir"; return 1; }
  dir="$(cd "$dir" && pwd)"
  log="$(mktemp)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
      { rm -f "$log"; _pg_fail "user postgres cannot write to $dir (are its parent directories searchable for others?)"; return 1; }
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    (cd "$dir" && _pg_run "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C --no-sync) >"$log" 2>&1 ||
      { cat "$log" >&2; rm -f "$log"; _pg_fail "initdb $dir failed"; return 1; }
  fi
  if ! (cd "$dir" && _pg_run "$bin/pg_ctl" status -D "$dir") >/dev/null 2>&1; then
    (cd "$dir" && _pg_run "$bin/pg_ctl" start -D "$dir" -w -t 60 -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir'") >"$log" 2>&1 ||
      { cat "$log" >&2; tail -n 20 "$dir/server.log" >&2 2>/dev/null; rm -f "$log"; _pg_fail "PostgreSQL in $dir did not start on port $port"; return 1; }
  fi
  rm -f "$log"
  local deadline=$((SECONDS + 30))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    [ "$SECONDS" -lt "$deadline" ] || { _pg_fail "PostgreSQL in $dir does not accept connections on port $port"; return 1; }
    sleep 0.1
  done
  exists="$("$bin/psql" -X -qtA -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")" ||
    { _pg_fail "cannot query PostgreSQL on port $port"; return 1; }
  if [ "$exists" != "1" ]; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "${PG_DATABASE}" ||
      { _pg_fail "cannot create the ${PG_DATABASE} database on port $port"; return 1; }
  fi
}

# pg_stop <dir>: a fast shutdown (open sessions are ended, data is kept); quiet and successful if it is not running.
pg_stop() {
  local dir="$1" bin
  [ -f "$dir/postmaster.pid" ] || return 0
  bin="$(pg_bindir)" || return 1
  (cd "$dir" && _pg_run "$bin/pg_ctl" stop -D "$dir" -m fast -w -t 60) >/dev/null 2>&1 && return 0
  # A stale postmaster.pid (the server died) makes pg_ctl stop fail although nothing runs: that is success too.
  if (cd "$dir" && _pg_run "$bin/pg_ctl" status -D "$dir") >/dev/null 2>&1; then
    _pg_fail "PostgreSQL in $dir did not stop"
    return 1
  fi
}

# Installs PostgreSQL's server programs when they are missing (as root, with apt), without creating or starting the
# system's main cluster: the tests and the benchmark start throwaway clusters of their own.
pg_ensure_installed() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    _pg_fail "PostgreSQL's server programs (initdb) are missing: install the 'postgresql' package (e.g. apt-get install postgresql)"
    return 1
  fi
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/no-main-cluster.conf
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}
