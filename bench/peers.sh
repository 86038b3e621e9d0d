# Sourced by the bench/run_*.sh scripts: starts a throwaway Warden instance and a throwaway
# PostgreSQL 15 cluster on free loopback ports (both SCRAM-SHA-256, user sys, password $PW),
# stopped and removed on exit. Sets TMP, WPORT, PPORT, PW, BIN, PGBIN, WCONN, PCONN.
# Extra wardend parameters: WARDEN_PARAMS="-c name=value ..."; extra postgres ones: PG_OPTS.
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
