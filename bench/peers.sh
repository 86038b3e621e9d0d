# Sourced by the bench/run_*.sh scripts: starts a throwaway Warden instance and a throwaway
# PostgreSQL 15 cluster on free loopback ports (both SCRAM-SHA-256, user sys, password $PW),
# stopped and removed on exit. Sets TMP, WPORT, PPORT, PW, BIN, PGBIN, WCONN, PCONN.
# Extra wardend parameters: WARDEN_PARAMS="-c name=value ..."; extra postgres ones: PG_OPTS.
# Shared by the pgbench-driven scripts: load_bench_t, write_pgbench_scripts, pgbench_line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=build
PGBIN=/usr/lib/postgresql/15/bin
TMP=$(mktemp -d /tmp/warden_bench_XXXXXX)
chmod 755 "$TMP"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WPORT=$(free_port); PPORT=$(free_port)
PW=bench_pw_1
cleanup_peers() {
  "$BIN/wardend" stop -D "$TMP/warden" --mode abort >/dev/null 2>&1 || true
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup_peers EXIT

echo "$PW" > "$TMP/pw"
"$BIN/wardend" init -D "$TMP/warden" --pwfile "$TMP/pw" >/dev/null
# shellcheck disable=SC2086
"$BIN/wardend" start -D "$TMP/warden" -c "port=$WPORT" ${WARDEN_PARAMS:-} --daemon >/dev/null

chown postgres "$TMP"; chown postgres "$TMP/pw"
runuser -u postgres -- "$PGBIN/initdb" -D "$TMP/pg" -U sys --pwfile="$TMP/pw" \
  --auth=scram-sha-256 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" \
  -o "-p $PPORT -k $TMP -c listen_addresses=127.0.0.1 ${PG_OPTS:-}" -l "$TMP/pg.log" -w start >/dev/null
WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
PCONN="host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?'), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"

# load_bench_t CONN ROWS: bench_t (id integer primary key, v integer not null) with ids
# 1..ROWS and v = 0, the same SQL on both peers (INTEGER is NUMBER(38) in Warden, int4 in
# PostgreSQL): one row, then doubling INSERT ... SELECTs, each committed. Fails unless every
# row is there, or the figures would mean nothing.
load_bench_t() {
  local conn=$1 rows=$2 n
  psql "$conn" -qc "create table bench_t (id integer primary key, v integer not null)" >/dev/null
  psql "$conn" -qc "insert into bench_t values (1, 0)" -c "commit" >/dev/null 2>&1
  for ((n = 1; n < rows; n *= 2)); do
    psql "$conn" -qc "insert into bench_t select id + $n, v from bench_t where id + $n <= $rows" \
      -c "commit" >/dev/null 2>&1
  done
  local got
  got=$(psql "$conn" -Atc "select count(*) || '/' || max(id) || '/' || sum(v) from bench_t")
  [ "$got" = "$rows/$rows/0" ] || { echo "load failed on: $conn ($got)"; exit 1; }
}

# write_pgbench_scripts ROWS: $TMP/select.sql (point SELECT by primary key) and
# $TMP/update.sql (BEGIN; single-row UPDATE by primary key; END), random id in 1..ROWS.
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

# pgbench_line PEER PORT SCRIPT MODE CLIENTS DBNAME SECS: one pgbench run (-j = clients),
# printed as one line with its tps.
pgbench_line() {
  local tps
  tps=$(PGPASSWORD=$PW "$PGBIN/pgbench" -n -f "$TMP/$3.sql" -M "$4" -c "$5" -j "$5" -T "$7" \
          -h 127.0.0.1 -p "$2" -U sys "$6" 2>&1 | awk '/^tps/ {print $3; exit}')
  printf '%-10s %-7s %-9s %2s clients  %10s tps\n' "$1" "$3" "$4" "$5" "${tps:-FAILED}"
}
