#!/usr/bin/env bash
# Large and small transactions, Warden beside PostgreSQL 15 in one run:
#  (a) one UPDATE of every row of a ROWS-row table in one transaction (forward rate), then
#      ROLLBACK (rollback rate); RUNS times each, timed by psql's \timing on the client;
#  (b) pgbench single-row UPDATE by primary key + COMMIT with 1, 8 and 32 clients.
# Neither fsyncs: Warden has no redo yet; PostgreSQL runs with fsync=off and
# synchronous_commit=off to compare like for like.
#   bench/run_txn_bench.sh [SECONDS] [ROWS] [RUNS]   (build first: ./dev.sh build)
# Needs postgresql-15 (the peer and its pgbench).
SECS=${1:-10}
ROWS=${2:-1000000}
RUNS=${3:-3}
PG_OPTS="-c fsync=off -c synchronous_commit=off"
source "$(dirname "$0")/peers.sh"

t0=$(date +%s.%N)
load_bench_t "$WCONN" "$ROWS"
t1=$(date +%s.%N)
load_bench_t "$PCONN" "$ROWS"
t2=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v r="$ROWS" 'BEGIN {
  printf "load %d rows by doubling INSERT ... SELECT: Warden %.1f s, PostgreSQL %.1f s\n", r, t1 - t0, t2 - t1 }'

# (a) One psql session per run: BEGIN; UPDATE all; ROLLBACK, each statement timed, then the
# data checked unchanged (sum(v) = 0: the rollback restored every row).
big_txn() {  # peer conn
  local out update_ms rollback_ms check
  out=$(psql "$2" -qX -v ON_ERROR_STOP=1 <<SQL 2>&1
\timing on
begin;
update bench_t set v = v + 1;
rollback;
SQL
)
  update_ms=$(echo "$out" | awk '/^Time:/ {n++; if (n == 2) print $2}')
  rollback_ms=$(echo "$out" | awk '/^Time:/ {n++; if (n == 3) print $2}')
  check=$(psql "$2" -Atc "select count(*) || '/' || sum(v) from bench_t")
  if [ -z "$update_ms" ] || [ -z "$rollback_ms" ] || [ "$check" != "$ROWS/0" ]; then
    echo "$1: FAILED ($check): $out"
    return
  fi
  awk -v peer="$1" -v r="$ROWS" -v u="$update_ms" -v b="$rollback_ms" 'BEGIN {
    printf "%-10s update %8.0f ms %10.0f rows/s   rollback %8.1f ms %12.0f rows/s\n",
           peer, u, r / (u / 1000), b, (b > 0 ? r / (b / 1000) : 0) }'
}
echo "-- (a) one transaction: UPDATE all $ROWS rows, then ROLLBACK ($RUNS runs each)"
for ((run = 1; run <= RUNS; run++)); do
  echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
  big_txn Warden "$WCONN"
  big_txn PostgreSQL "$PCONN"
done

echo "-- (b) pgbench BEGIN; UPDATE one row by primary key; END (simple protocol, ${SECS} s each)"
write_pgbench_scripts "$ROWS"
for clients in 1 8 32; do
  echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
  pgbench_line Warden "$WPORT" update simple "$clients" warden "$SECS"
  pgbench_line PostgreSQL "$PPORT" update simple "$clients" postgres "$SECS"
done
