#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on a free loopback port, with its data in a temporary folder.
#
#   eval "$(tests/pg.sh start)"   # starts one and exports UNMASK_PG (the admin connection string the tests use)
#   dotnet test tests/Unmask.Storage.Postgres.Tests
#   tests/pg.sh stop               # stops it and deletes its data
#   tests/pg.sh run CMD ARGS...    # or: start, run CMD with UNMASK_PG set, stop and delete (also when CMD fails)
#
# Installs PostgreSQL from the Debian packages when it is missing (as root). .ci/run sources this file for pg_start/pg_stop.
# The tests create a database per test class and drop it after; nothing is kept. Never point UNMASK_PG at a server whose
# databases matter: the tests need the right to create and drop databases there.

pg_state_file() { echo "${UNMASK_PG_STATE:-${TMPDIR:-/tmp}/unmask-pg-$(id -u).state}"; }

pg_log() { echo "pg.sh: $*" >&2; }

# Runs a PostgreSQL program as the owner of the data: root may not run the server, so root runs it as 'postgres'.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    local quoted; quoted=$(printf '%q ' "$@")
    su postgres -s /bin/bash -c "$quoted"
  else
    "$@"
  fi
}

pg_install() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    pg_log "PostgreSQL is not installed; as root: apt-get install postgresql postgresql-contrib"
    return 1
  fi
  pg_log "installing PostgreSQL from the Debian packages"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
}

# A loopback port nothing answers on (the server may still lose a race for it: pg_start then tries another).
pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# Starts a server; sets and exports UNMASK_PG, PG_DATA, PG_BIN; records them in the state file for pg_stop.
pg_start() {
  pg_install || return 1
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DATA=$(mktemp -d "${TMPDIR:-/tmp}/unmask-pg.XXXXXX") || return 1
  chmod 0700 "$PG_DATA"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DATA"; fi
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DATA.initdb.log" 2>&1; then
    pg_log "initdb failed:"; cat "$PG_DATA.initdb.log" >&2; rm -rf "$PG_DATA" "$PG_DATA.initdb.log"; return 1
  fi
  rm -f "$PG_DATA.initdb.log"
  local port
  for _ in 1 2 3 4 5; do
    port=$(pg_free_port) || break
    # fsync off and friends: the data is thrown away; sockets in the data folder so two servers never share a lock file.
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 -o "-p $port -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null; then
      export PG_BIN PG_DATA
      export UNMASK_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      printf 'PG_BIN=%q\nPG_DATA=%q\nUNMASK_PG=%q\n' "$PG_BIN" "$PG_DATA" "$UNMASK_PG" >"$(pg_state_file)"
      pg_log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $PG_DATA"
      return 0
    fi
    pg_log "could not start on port $port; trying another"
  done
  pg_log "could not start PostgreSQL; its log:"; cat "$PG_DATA/server.log" >&2 2>/dev/null
  rm -rf "$PG_DATA"
  return 1
}

# Stops the server started by pg_start (in this shell, else the one in the state file) and deletes its data.
pg_stop() {
  local state; state=$(pg_state_file)
  if [ -z "${PG_DATA:-}" ] && [ -f "$state" ]; then
    # shellcheck disable=SC1090
    . "$state"
  fi
  if [ -n "${PG_DATA:-}" ] && [ -d "$PG_DATA" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
  rm -f "$state"
  unset PG_DATA UNMASK_PG
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  case "${1:-}" in
    start)
      pg_start >&2 || exit 1
      printf 'export UNMASK_PG=%q\n' "$UNMASK_PG"
      ;;
    stop)
      pg_stop
      ;;
    run)
      shift
      [ $# -gt 0 ] || { echo "usage: tests/pg.sh run CMD [ARGS...]" >&2; exit 2; }
      pg_start || exit 1
      trap pg_stop EXIT
      "$@"
      ;;
    *)
      echo "usage: tests/pg.sh start | stop | run CMD [ARGS...]   (start prints: export UNMASK_PG=...)" >&2
      exit 2
      ;;
  esac
fi
