#!/usr/bin/env bash
# Primary-key point SELECT and single-row UPDATE transactions through the wire protocol,
# Warden beside PostgreSQL 15, both driven by the same pgbench scripts in one run:
# 1 and 8 clients, simple and prepared protocol. Neither fsyncs (Warden has no redo yet;
# PostgreSQL runs with fsync=off, synchronous_commit=off).
#   bench/run_point_bench.sh [SECONDS] [ROWS]     (build first: ./dev.sh build)
# Needs postgresql-15 (the peer and its pgbench).
SECS=${1:-10}
ROWS=${2:-10000}
PG_OPTS="-c fsync=off -c synchronous_commit=off"
source "$(dirname "$0")/peers.sh"
PGBENCH=$PGBIN/pgbench

# The same table in both: INTEGER is NUMBER(38) in Warden, int4 in PostgreSQL.
load() {
  local conn=$1
  psql "$conn" -qc "create table bench_t (id integer primary key, v integer not null)" >/dev/null
  for ((base = 0; base < ROWS; base += 1000)); do
    local values=""
    for ((i = base + 1; i <= base + 1000 && i <= ROWS; i++)); do values+="${values:+,}($i,0)"; done
    psql "$conn" -qc "insert into bench_t values $values" -c "commit" >/dev/null 2>&1
  done
}
load "$WCONN"
load "$PCONN"
for conn in "$WCONN" "$PCONN"; do  # every row is there, or the figures mean nothing
  got=$(psql "$conn" -Atc "select v from bench_t where id = $ROWS")
  [ "$got" = "0" ] || { echo "load failed on: $conn"; exit 1; }
done

cat > "$TMP/select.sql" <<SQL
\set id random(1, $ROWS)
SELECT v FROM bench_t WHERE id = :id;
SQL
cat > "$TMP/update.sql" <<SQL
\set id random(1, $ROWS)
BEGIN;
UPDATE bench_t SET v = v + 1 WHERE id = :id;
END;
SQL

run() {  # peer conn script mode clients
  local tps
  tps=$(PGPASSWORD=$PW "$PGBENCH" -n -f "$TMP/$3.sql" -M "$4" -c "$5" -j "$5" -T "$SECS" \
          -h 127.0.0.1 -p "$2" -U sys "$6" 2>&1 | awk '/^tps/ {print $3; exit}')
  printf '%-10s %-7s %-9s %2s clients  %10s tps\n' "$1" "$3" "$4" "$5" "${tps:-FAILED}"
}
for script in select update; do
  for mode in simple prepared; do
    for clients in 1 8; do
      run Warden "$WPORT" "$script" "$mode" "$clients" warden
      run PostgreSQL "$PPORT" "$script" "$mode" "$clients" postgres
    done
  done
done
