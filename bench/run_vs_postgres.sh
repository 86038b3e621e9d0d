#!/usr/bin/env bash
# Runs bench/connect_bench and bench/kill_latency against a throwaway Warden instance and a
# throwaway PostgreSQL 15 cluster, both on free loopback ports, both with SCRAM-SHA-256
# authentication, in one run. kill_latency: kills without and with a row-lock waiter (issue 6)
# and kill -9 of a row-lock holder (issue 7); see docs/benchmarks.md.
#   bench/run_vs_postgres.sh [N]      (build first: ./dev.sh build; KILL_RUNS=0 skips kills,
#                                      KILL_LATENCY_TAIL=1 lists the slowest runs)
# Needs the postgresql-15 package for the peer (apt-get install postgresql-15).
N=${1:-200}
source "$(dirname "$0")/peers.sh"
echo "-- Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
"$BIN/connect_bench" "$WCONN" "$N"
echo "-- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
"$BIN/connect_bench" "$PCONN" "$N"
if [ "${KILL_RUNS:-50}" -gt 0 ]; then
  echo "-- kill latency (${KILL_RUNS:-50} runs each)"
  "$BIN/kill_latency" warden "$WCONN" "${KILL_RUNS:-50}"
  "$BIN/kill_latency" postgres "$PCONN" "${KILL_RUNS:-50}"
fi
