#!/usr/bin/env bash
# Runs bench/connect_bench and bench/kill_latency against a throwaway Warden instance and a
# throwaway PostgreSQL 15 cluster, both on free loopback ports, both with SCRAM-SHA-256
# authentication, in one run.
#   bench/run_vs_postgres.sh [N]      (build first: ./dev.sh build; KILL_RUNS=0 skips kills)
# Needs the postgresql-15 package for the peer (apt-get install postgresql-15).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
BIN=build
PGBIN=/usr/lib/postgresql/15/bin
TMP=$(mktemp -d /tmp/warden_bench_XXXXXX)
chmod 755 "$TMP"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WPORT=$(free_port); PPORT=$(free_port)
PW=bench_pw_1
cleanup() {
  "$BIN/wardend" stop -D "$TMP/warden" --mode abort >/dev/null 2>&1 || true
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "$PW" > "$TMP/pw"
"$BIN/wardend" init -D "$TMP/warden" --pwfile "$TMP/pw" >/dev/null
"$BIN/wardend" start -D "$TMP/warden" -c "port=$WPORT" --daemon >/dev/null

chown postgres "$TMP"; chown postgres "$TMP/pw"
runuser -u postgres -- "$PGBIN/initdb" -D "$TMP/pg" -U sys --pwfile="$TMP/pw" \
  --auth=scram-sha-256 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -o "-p $PPORT -k $TMP -c listen_addresses=127.0.0.1" \
  -l "$TMP/pg.log" -w start >/dev/null

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, N=$N"
echo "-- Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
"$BIN/connect_bench" "host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden" "$N"
echo "-- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
"$BIN/connect_bench" "host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres" "$N"
if [ "${KILL_RUNS:-50}" -gt 0 ]; then
  echo "-- kill latency (${KILL_RUNS:-50} runs each)"
  "$BIN/kill_latency" warden "host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden" "${KILL_RUNS:-50}"
  "$BIN/kill_latency" postgres "host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres" "${KILL_RUNS:-50}"
fi
