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
load_bench_t "$WCONN" "$ROWS"
load_bench_t "$PCONN" "$ROWS"
write_pgbench_scripts "$ROWS"

run() {  # peer port script mode clients dbname
  local tps
  tps=$(pgbench_tps "$2" "$3" "$4" "$5" "$6" "$SECS")
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
