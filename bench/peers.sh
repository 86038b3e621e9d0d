# Sourced by the bench/run_*.sh scripts: the shared helpers for the benchmarks, and (unless
# PEERS_START=0) a throwaway Warden instance and a throwaway PostgreSQL 15 cluster on free
# loopback ports (both SCRAM-SHA-256, user sys, password $PW). Everything started here is
# stopped (by the PID its data directory recorded) and removed on exit.
# Sets TMP, PW, BIN, PGBIN; with PEERS_START=1 (the default) also WPORT, PPORT, WCONN, PCONN.
# Extra wardend parameters: WARDEN_PARAMS="-c name=value ..."; extra postgres ones: PG_OPTS.
# Helpers: free_port, start_warden, warden_start, stop_warden, start_postgres, pg_start,
# kill9_pidfile, wait_accepting, run_committed, fill_doubling, load_bench_t, load_cpu_tables,
# build_on_off, run_header, pct,
# write_pgbench_scripts, pgbench_run, pgbench_line.
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
# start_warden BIN_DIR DATADIR PORT: a new instance from BIN_DIR's wardend on 127.0.0.1:PORT,
# with WARDEN_PARAMS.
start_warden() {
  "$1/wardend" init -D "$2" --pwfile "$TMP/pw" >/dev/null
  WARDEN_STARTED+=("$1 $2")
  warden_start "$@"
}
# warden_start BIN_DIR DATADIR PORT: starts the instance of an existing DATADIR (one that
# start_warden made) with WARDEN_PARAMS; returns once it is open (or failed to open).
warden_start() {
  # shellcheck disable=SC2086
  "$1/wardend" start -D "$2" -c "port=$3" ${WARDEN_PARAMS:-} --daemon >/dev/null
}
# stop_warden BIN_DIR DATADIR: stops (abort) an instance start_warden started, before the exit.
stop_warden() { "$1/wardend" stop -D "$2" --mode abort >/dev/null 2>&1 || true; }

# start_postgres DATADIR PORT: a new PostgreSQL 15 cluster on 127.0.0.1:PORT, run as the
# postgres user (socket in $TMP), with PG_OPTS; its log is DATADIR.log.
PG_STARTED=()
start_postgres() {
  chown postgres "$TMP" "$TMP/pw"
  runuser -u postgres -- "$PGBIN/initdb" -D "$1" -U sys --pwfile="$TMP/pw" \
    --auth=scram-sha-256 >/dev/null
  PG_STARTED+=("$1")
  pg_start "$1" "$2"
}
# pg_start DATADIR PORT [PG_CTL_ARGS...]: starts the cluster of an existing DATADIR (one that
# start_postgres made) with PG_OPTS, appending to DATADIR.log; returns once it accepts
# connections (pg_ctl -w).
pg_start() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$1" \
    -o "-p $2 -k $TMP -c listen_addresses=127.0.0.1 ${PG_OPTS:-}" -l "$1.log" -w "${@:3}" start >/dev/null
}

# kill9_pidfile PIDFILE: a crash of a whole server at once. kill -9 of the process group led by
# the PID on PIDFILE's first line (wardend --daemon and pg_ctl both make the server a session
# leader), or, if that process leads no group, of it and its children; then waits (at most
# 30 s) until every one of them is gone (reaped: PostgreSQL refuses to start while its old
# postmaster's PID exists, even as a zombie). Fails if some are left.
kill9_pidfile() {
  local pid pids i
  pid=$(head -1 "$1")
  if [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
    pids=$(ps -e -o pid=,pgid= | awk -v g="$pid" '$2 == g {printf "%s,", $1}')
    kill -KILL -- "-$pid"
  else
    pids="$pid,$(pgrep -d, -P "$pid" || true)"
    # shellcheck disable=SC2086
    kill -KILL ${pids//,/ }
  fi
  for ((i = 0; i < 3000; i++)); do
    ps -o pid= -p "${pids%,}" >/dev/null || return 0
    sleep 0.01
  done
  echo "kill9_pidfile $1: processes of $pid left after 30 s: $(ps -o pid=,stat=,comm= -p "${pids%,}" | tr '\n' ' ')"
  return 1
}

# wait_accepting CONN TIMEOUT_S: polls (every ~10 ms) until CONN answers a query; fails on
# timeout.
wait_accepting() {
  local i
  for ((i = 0; i < $2 * 100; i++)); do
    [ "$(psql "$1" -AtXc "select 1" 2>/dev/null)" = 1 ] && return 0
    sleep 0.01
  done
  return 1
}

cleanup_peers() {
  local entry
  for entry in ${WARDEN_STARTED[@]+"${WARDEN_STARTED[@]}"}; do
    stop_warden "${entry%% *}" "${entry#* }"
  done
  for entry in ${PG_STARTED[@]+"${PG_STARTED[@]}"}; do
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$entry" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$TMP"
}
trap cleanup_peers EXIT

# run_committed CONN SQL: one statement and a COMMIT (a warning in PostgreSQL, which
# autocommits), in one session. On an SQL error prints psql's output and fails.
run_committed() {
  local out
  out=$(psql "$1" -qX -v ON_ERROR_STOP=1 -c "$2" -c "commit" 2>&1) || { echo "$out"; return 1; }
}

# fill_doubling CONN TABLE ROWS KEY COLS [GROUP PER_GROUP]: fills TABLE, which holds exactly
# its row with KEY = 1, up to KEY = ROWS by doubling INSERT ... SELECTs (the same SQL on both
# peers), each committed: the new rows copy COLS (a column list, may be empty). With GROUP (a
# column) and PER_GROUP, keys 1..PER_GROUP keep the first row's GROUP and each further block
# of PER_GROUP keys gets the next GROUP value (pgbench's bid = (key - 1) / PER_GROUP + 1 when
# the first row has GROUP = 1). Exits on the first SQL error; the caller checks the counts.
fill_doubling() {
  local conn=$1 table=$2 rows=$3 key=$4 cols=${5:+, $5} group=${6:-} per=${7:-$3} n
  local gcol=${group:+, $group}
  run_fill() { run_committed "$conn" "$1" || { echo "load failed on: $conn: $1"; exit 1; }; }
  for ((n = 1; n < per; n *= 2)); do
    run_fill "insert into $table ($key$gcol$cols) select $key + $n$gcol$cols from $table
              where $key + $n <= $per"
  done
  [ -n "$group" ] || [ "$per" -ge "$rows" ] || { echo "fill_doubling $table: no GROUP"; exit 1; }
  for ((n = per; n < rows; n *= 2)); do
    run_fill "insert into $table ($key, $group$cols) select $key + $n, $group + $((n / per))$cols
              from $table where $key + $n <= $rows"
  done
}

# load_bench_t CONN ROWS: bench_t (id integer primary key, v integer not null) with ids
# 1..ROWS and v = 0, the same SQL on both peers (INTEGER is NUMBER(38) in Warden, int4 in
# PostgreSQL): one row, then fill_doubling. Fails unless every row is there (count, max(id)
# and sum(v) checked), or the figures would mean nothing.
load_bench_t() {
  local conn=$1 rows=$2 got
  psql "$conn" -qc "create table bench_t (id integer primary key, v integer not null)" >/dev/null
  psql "$conn" -qc "insert into bench_t values (1, 0)" -c "commit" >/dev/null 2>&1
  fill_doubling "$conn" bench_t "$rows" id v
  got=$(psql "$conn" -Atc "select count(*) || '/' || max(id) || '/' || sum(v) from bench_t")
  [ "$got" = "$rows/$rows/0" ] || { echo "load failed on: $conn ($got)"; exit 1; }
}

# load_cpu_tables CONN ROWS: the tables of CPU_QUERY (a hash join yielding 10 * ROWS rows into
# 10 groups), for run_instrumentation_bench.sh and run_instruction_count.sh.
# cpu_seed: k 1..1000. cpu_d: 10,000 rows, each k 10 times (g 1..10). cpu_c: ROWS rows
# (id, k 1..1000, v 1..ROWS/1000). The query's join yields 10 rows per cpu_c row.
load_cpu_tables() {
  local conn=$1 rows=$2 k values=""
  for ((k = 1; k <= 1000; k++)); do values+="${values:+,}($k)"; done
  psql "$conn" -q -v ON_ERROR_STOP=1 \
    -c "create table cpu_seed (k integer primary key)" \
    -c "insert into cpu_seed values $values" \
    -c "create table cpu_d (n integer primary key, k integer not null, g integer not null)" \
    -c "insert into cpu_d select (b.k - 1) * 1000 + a.k, a.k, b.k from cpu_seed a, cpu_seed b
        where b.k <= 10" \
    -c "create table cpu_c (id integer not null, k integer not null, v integer not null)" \
    -c "insert into cpu_c select a.k + (b.k - 1) * 1000, a.k, b.k from cpu_seed a, cpu_seed b
        where b.k <= $((rows / 1000))" \
    -c "commit" >/dev/null
}
CPU_QUERY="select d.g, count(*), sum(c.v), max(c.id) from cpu_c c, cpu_d d where c.k = d.k group by d.g order by d.g"

# build_on_off: the two trees the instrumentation benchmarks compare, from this checkout:
# wardend in build/ (instrumented) and build-noinstr/ (-DWARDEN_INSTRUMENTATION=OFF), unless
# SKIP_BUILD=1; then checks that each tree is what its name says.
build_on_off() {
  local b
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "-- building wardend in build/ (instrumented) and build-noinstr/ (compiled without)"
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake -S . -B build-noinstr -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDEN_INSTRUMENTATION=OFF \
      -DWARDEN_BUILD_BENCH=OFF >/dev/null
    for b in build build-noinstr; do
      cmake --build "$b" -j2 --target wardend >"$TMP/build.log" 2>&1 || { tail -30 "$TMP/build.log"; exit 1; }
    done
  fi
  grep -q 'WARDEN_INSTRUMENTATION:BOOL=ON' build/CMakeCache.txt || { echo "build/ is not instrumented"; exit 1; }
  grep -q 'WARDEN_INSTRUMENTATION:BOOL=OFF' build-noinstr/CMakeCache.txt || { echo "build-noinstr/ is instrumented"; exit 1; }
}
# run_header: "== date, cores, load; Warden commit" (marked when src/ has uncommitted changes).
run_header() {
  echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src CMakeLists.txt 2>/dev/null || echo ' (+ uncommitted changes)')"
}
# pct ON OFF: ON relative to OFF, signed, in per cent.
pct() { awk -v on="$1" -v off="$2" 'BEGIN {printf "%+.2f%%", (on - off) * 100 / off}'; }

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

# pgbench_run PORT SCRIPT MODE CLIENTS DBNAME SECONDS [PGBENCH_ARGS...]: one pgbench run of
# $TMP/SCRIPT.sql (-j = clients), its whole report on stdout; its exit status is pgbench's.
pgbench_run() {
  PGPASSWORD=$PW "$PGBIN/pgbench" -n -f "$TMP/$2.sql" -M "$3" -c "$4" -j "$4" -T "$6" \
    -h 127.0.0.1 -p "$1" -U sys "$5" "${@:7}" 2>&1
}
# pgbench_line PEER (pgbench_run's arguments): one run, printed as one line with its tps and
# average latency; the whole report stays in $TMP/pgbench.out (pgbench_xacts reads it). If
# pgbench failed (a client aborted), its first error lines follow, indented.
pgbench_line() {
  local peer=$1 tps lat rc=0
  shift
  pgbench_run "$@" > "$TMP/pgbench.out" || rc=$?
  tps=$(awk '/^tps/ {print $3; exit}' "$TMP/pgbench.out")
  lat=$(awk '/^latency average/ {print $4; exit}' "$TMP/pgbench.out")
  printf '%-10s %-7s %-9s %2s clients  %10s tps  %8s ms avg latency\n' "$peer" "$2" "$3" "$4" \
    "${tps:-FAILED}" "${lat:--}"
  if [ "$rc" != 0 ]; then
    grep -m 3 -iE 'error|abort|ORA-' "$TMP/pgbench.out" | sed 's/^/    /' || true
  fi
}
# pgbench_xacts: the transactions the last pgbench_line run completed (0 if none).
pgbench_xacts() {
  awk '/^number of transactions actually processed:/ {split($6, a, "/"); print a[1]; f = 1}
       END {if (!f) print 0}' "$TMP/pgbench.out"
}

if [ "${PEERS_START:-1}" = 1 ]; then
  WPORT=$(free_port); PPORT=$(free_port)
  start_warden "$BIN" "$TMP/warden" "$WPORT"
  start_postgres "$TMP/pg" "$PPORT"
  WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
  PCONN="host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres"
  echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?'), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
fi
