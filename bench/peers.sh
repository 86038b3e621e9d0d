# Sourced by the bench/run_*.sh scripts: starts a throwaway Warden instance and a throwaway
# PostgreSQL 15 cluster on free loopback ports (both SCRAM-SHA-256, user sys, password $PW),
# stopped and removed on exit. Sets TMP, WPORT, PPORT, PW, BIN, PGBIN, WCONN, PCONN.
# Extra wardend parameters: WARDEN_PARAMS="-c name=value ..."; extra postgres ones: PG_OPTS.
# With PEERS_START=0 it starts nothing and only defines the helpers below (start_warden,
# load_bench_t, write_pgbench_scripts, pgbench_tps); whatever start_warden started is still
# stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=build
PGBIN=/usr/lib/postgresql/15/bin
TMP=$(mktemp -d /tmp/warden_bench_XXXXXX)
chmod 755 "$TMP"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PW=bench_pw_1
echo "$PW" > "$TMP/pw"

WARDEN_STARTED=()  # "bin datadir" of every instance start_warden started
# start_warden BIN_DIR DATADIR PORT: a new instance from BIN_DIR's wardend, on 127.0.0.1:PORT.
start_warden() {
  "$1/wardend" init -D "$2" --pwfile "$TMP/pw" >/dev/null
  WARDEN_STARTED+=("$1 $2")
  # shellcheck disable=SC2086
  "$1/wardend" start -D "$2" -c "port=$3" ${WARDEN_PARAMS:-} --daemon >/dev/null
}
# Each instance is stopped through its data directory's pid file (the PID it recorded).
cleanup_peers() {
  local entry
  for entry in "${WARDEN_STARTED[@]}"; do
    "${entry%% *}/wardend" stop -D "${entry#* }" --mode abort >/dev/null 2>&1 || true
  done
  if [ -d "$TMP/pg" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup_peers EXIT

# load_bench_t CONN ROWS: the point benchmarks' table, bench_t(id 1..ROWS, v 0), in either peer
# (INTEGER is NUMBER(38) in Warden, int4 in PostgreSQL); fails unless the last row is there.
load_bench_t() {
  local conn=$1 rows=$2 base i values got
  psql "$conn" -qc "create table bench_t (id integer primary key, v integer not null)" >/dev/null
  for ((base = 0; base < rows; base += 1000)); do
    values=""
    for ((i = base + 1; i <= base + 1000 && i <= rows; i++)); do values+="${values:+,}($i,0)"; done
    psql "$conn" -qc "insert into bench_t values $values" -c "commit" >/dev/null 2>&1
  done
  got=$(psql "$conn" -Atc "select v from bench_t where id = $rows")
  [ "$got" = "0" ] || { echo "load failed on: $conn"; exit 1; }
}

# write_pgbench_scripts ROWS: $TMP/select.sql (point SELECT) and $TMP/update.sql (one-row
# UPDATE transaction) over bench_t.
write_pgbench_scripts() {
  cat > "$TMP/select.sql" <<SQL
\set id random(1, $1)
SELECT v FROM bench_t WHERE id = :id;
SQL
  cat > "$TMP/update.sql" <<SQL
\set id random(1, $1)
BEGIN;
UPDATE bench_t SET v = v + 1 WHERE id = :id;
END;
SQL
}

# pgbench_run PORT SCRIPT MODE CLIENTS DBNAME SECONDS: one pgbench run, its whole report.
pgbench_run() {
  PGPASSWORD=$PW "$PGBIN/pgbench" -n -f "$TMP/$2.sql" -M "$3" -c "$4" -j "$4" -T "$6" \
    -h 127.0.0.1 -p "$1" -U sys "$5" 2>&1
}
# pgbench_tps (pgbench_run's arguments): prints the run's tps (empty if it failed).
pgbench_tps() { pgbench_run "$@" | awk '/^tps/ {print $3; exit}'; }

if [ "${PEERS_START:-1}" = 1 ]; then
  WPORT=$(free_port); PPORT=$(free_port)
  start_warden "$BIN" "$TMP/warden" "$WPORT"
  chown postgres "$TMP"; chown postgres "$TMP/pw"
  runuser -u postgres -- "$PGBIN/initdb" -D "$TMP/pg" -U sys --pwfile="$TMP/pw" \
    --auth=scram-sha-256 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" \
    -o "-p $PPORT -k $TMP -c listen_addresses=127.0.0.1 ${PG_OPTS:-}" -l "$TMP/pg.log" -w start >/dev/null
  WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
  PCONN="host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres"
  echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?'), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
fi
