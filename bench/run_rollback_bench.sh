#!/usr/bin/env bash
# Dead-transaction rollback (issue 8): session A changes every row of a ROWS-row table in one
# open transaction (UPDATE bench_t SET v = v + 1, the forward time measured); a waiter W
# updates row 1 (the first row A changed, so its undo record is the last a serial rollback
# reaches) and is confirmed blocked; then A is killed, and we time
#   - kill -> W's UPDATE returns (Warden: W rolls that one row back on demand),
#   - kill -> the whole rollback is complete (Warden: V$FAST_START_TRANSACTIONS STATE =
#     'RECOVERED' for A's XID, polled every ~3 ms through a session kept open).
# Warden: kill -9 of A's dedicated server process; PMON hands the transaction to SMON. If the
# instance knows fast_start_parallel_rollback, each of FALSE, LOW, HIGH is run (set at start).
# PostgreSQL 15, same scenario: kill -9 of A's backend makes the postmaster end every session
# and restart: kill -> W's error, kill -> first successful new connection, data checked.
# MariaDB (if mariadbd is installed), same scenario, except that A is ended by KILL <id> (a
# MariaDB session is a thread, not a process: kill -9 would end the whole server): the killed
# thread rolls back row by row; kill -> W's UPDATE returns, kill -> A's trx_id gone from
# information_schema.innodb_trx. InnoDB refreshes that view's data only when it was not read
# for 0.1 s, so it is polled every 0.11 s: that figure's resolution is ~0.12 s.
# Every run ends with the table checked: count, max(id) and sum(v) as loaded.
#   bench/run_rollback_bench.sh [ROWS] [RUNS]     (defaults 1000000, 3; build wardend first)
# Needs postgresql-15; MariaDB is skipped (and said so) when mariadbd is missing; SKIP_MARIADB=1
# skips it too. Times are taken in this shell ($EPOCHREALTIME) around the clients' answers.
ROWS=${1:-1000000}
RUNS=${2:-3}
PEERS_START=0
PG_OPTS="-c fsync=off -c synchronous_commit=off"
source "$(dirname "$0")/peers.sh"
trap '' PIPE  # a client whose server died: writing to it fails instead of ending this script

MY_PID=""
stop_mariadb() {
  [ -n "$MY_PID" ] || return 0
  kill -TERM "$MY_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 300 && $(kill -0 "$MY_PID" 2>/dev/null && echo 1 || echo 0); i++)); do sleep 0.1; done
  kill -KILL "$MY_PID" 2>/dev/null || true
  MY_PID=""
}
trap 'stop_mariadb; cleanup_peers' EXIT

# --- Sessions: a client (psql or mariadb) reading SQL from a FIFO and writing to another, kept
# open across statements so that polling costs one round trip, not a connection.
declare -A S_IN S_OUT S_PID S_MARK
mkfifo "$TMP/sleep.fifo"
exec {SLEEP_FD}<>"$TMP/sleep.fifo"  # never written: read -t on it is a sleep without a fork
nap() { read -r -t "$1" -u "$SLEEP_FD" _ || true; }
# sess_open NAME MARK_COMMAND CLIENT...: MARK_COMMAND makes the client print __END__.
sess_open() {
  local name=$1 mark=$2 fin fout
  shift 2
  rm -f "$TMP/$name.in" "$TMP/$name.out"
  mkfifo "$TMP/$name.in" "$TMP/$name.out"
  "$@" <"$TMP/$name.in" >"$TMP/$name.out" 2>&1 &
  S_PID[$name]=$!
  exec {fin}>"$TMP/$name.in" {fout}<"$TMP/$name.out"
  S_IN[$name]=$fin; S_OUT[$name]=$fout; S_MARK[$name]=$mark
}
# sess_send NAME TEXT: TEXT then the marker command, without waiting.
sess_send() { printf '%s\n%s\n' "$2" "${S_MARK[$1]}" >&"${S_IN[$1]}" 2>/dev/null || true; }
# sess_wait NAME [TIMEOUT]: the output up to the marker; fails on timeout or end of output.
sess_wait() {
  local line out=""
  while IFS= read -r -t "${2:-600}" -u "${S_OUT[$1]}" line; do
    [ "$line" = __END__ ] && { printf '%s' "$out"; return 0; }
    out+="$line"$'\n'
  done
  printf '%s' "$out"
  return 1
}
sess_sql() { sess_send "$1" "$2"; sess_wait "$1" "${3:-600}"; }
# sess_close NAME: end of input; the client exits (at most 5 s, then killed by its PID).
sess_close() {
  local i
  { exec {S_IN[$1]}>&-; } 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "${S_PID[$1]}" 2>/dev/null || break; nap 0.1; done
  kill -KILL "${S_PID[$1]}" 2>/dev/null || true
  wait "${S_PID[$1]}" 2>/dev/null || true
  { exec {S_OUT[$1]}<&-; } 2>/dev/null || true
}
ms_since() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) * 1000}'; }
# poll_until NAME SQL EXPECTED TIMEOUT_S PERIOD_S: runs SQL until its output is EXPECTED;
# prints the time ($EPOCHREALTIME) it was first seen, fails on timeout.
poll_until() {
  local deadline got
  deadline=$(awk -v t="$EPOCHREALTIME" -v s="$4" 'BEGIN {printf "%.6f", t + s}')
  while :; do
    got=$(sess_sql "$1" "$2" 10) || return 1
    if [ "$got" = "$3" ]; then echo "$EPOCHREALTIME"; return 0; fi
    awk -v t="$EPOCHREALTIME" -v d="$deadline" 'BEGIN {exit !(t > d)}' && return 1
    nap "$5"
  done
}
RESULTS=()  # table rows for the summary
psql_sess() { sess_open "$1" '\echo __END__' psql -AtqX -v ON_ERROR_STOP=0 "$2"; }
# The wall time in ms psql's \timing printed in OUTPUT.
timing_ms() { awk '/^Time:/ {print $2; exit}' <<<"$1"; }
check_table() {  # CONN-or-command output: count/max/sum must be as loaded
  [ "$1" = "$ROWS/$ROWS/0" ] && echo "data intact ($1)" || echo "DATA WRONG: count/max/sum $1"
}

# --- Warden
warden_run() {  # LABEL RUN CONN DATADIR
  local label=$1 run=$2 conn=$3 alert=$4/trace/alert.log out a_pid xid fwd w_sid t0 tw tr wline
  psql_sess M "$conn"; psql_sess A "$conn"; psql_sess W "$conn"
  a_pid=$(sess_sql A "select p.spid from v\$process p, v\$session s where p.addr = s.paddr and s.sid = userenv('SID');")
  w_sid=$(sess_sql W "select userenv('SID') from dual;")
  out=$(sess_sql A $'\\timing on\nupdate bench_t set v = v + 1;\n\\timing off')
  fwd=$(timing_ms "$out")
  xid=$(sess_sql A "select t.xid from v\$transaction t, v\$session s where t.ses_addr = s.saddr and s.sid = userenv('SID');")
  xid=${xid%$'\n'}
  sess_send W "update bench_t set v = v + 1 where id = 1;"
  poll_until M "select count(*) from v\$session where sid = ${w_sid%$'\n'} and event = 'enq: TX - row lock contention';" 1 20 0.005 >/dev/null ||
    { echo "$label run $run: W not seen blocked"; exit 1; }
  local a_rss
  a_rss=$(awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/${a_pid%$'\n'}/status")
  t0=$EPOCHREALTIME
  kill -KILL "${a_pid%$'\n'}"
  wline=$(sess_wait W 60) && tw=$EPOCHREALTIME || { echo "$label run $run: W did not return: $wline"; exit 1; }
  tr=$(poll_until M "select state from v\$fast_start_transactions where xid = '$xid';" RECOVERED 600 0.003) ||
    { echo "$label run $run: not RECOVERED within 600 s"; exit 1; }
  [ -z "$wline" ] || echo "   W's UPDATE said: $wline"
  sess_sql W "rollback;" >/dev/null
  local smon
  smon=$(grep -o "dead transaction [0-9.]* rolled back ([^)]*)" "$alert" | tail -1 || true)
  echo "$label run $run: forward UPDATE $fwd ms; kill -> W proceeds $(ms_since "$t0" "$tw") ms; kill -> RECOVERED $(ms_since "$t0" "$tr") ms; $(check_table "$(sess_sql M "select count(*) || '/' || max(id) || '/' || sum(v) from bench_t;" | tr -d '\n')")"
  # PMON writes its entry once the clean-up is done (transaction handed over, locks released).
  local pmon_ts pmon_ms=""
  pmon_ts=$(awk -v pat="ospid ${a_pid%$'\n'})" 'index($0, "PMON: cleaning up dead process") && index($0, pat) {print prev; exit} {prev = $0}' "$alert")
  [ -z "$pmon_ts" ] || pmon_ms=$(ms_since "$t0" "$(date -d "$pmon_ts" +%s.%N)")
  echo "   A's server process had VmRSS $a_rss when killed; alert log: kill -> PMON's clean-up entry ${pmon_ms:-?} ms; SMON: ${smon:-(no SMON line)}"
  RESULTS+=("| $label | $run | $fwd | $(ms_since "$t0" "$tw") | $(ms_since "$t0" "$tr") |")
  sess_close W; sess_close A; sess_close M
}

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $ROWS rows, $RUNS runs"
WPORT=$(free_port)
start_warden "$BIN" "$TMP/warden" "$WPORT"
WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
SETTINGS=$(psql "$WCONN" -Atc "select value from v\$parameter where name = 'fast_start_parallel_rollback'")
if [ -n "$SETTINGS" ]; then
  echo "-- Warden: fast_start_parallel_rollback exists (now $SETTINGS): FALSE, LOW, HIGH"
  stop_warden "$BIN" "$TMP/warden"
  for setting in FALSE LOW HIGH; do
    WPORT=$(free_port)
    WARDEN_PARAMS="-c fast_start_parallel_rollback=$setting" start_warden "$BIN" "$TMP/w_$setting" "$WPORT"
    WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
    load_bench_t "$WCONN" "$ROWS"
    for ((run = 1; run <= RUNS; run++)); do warden_run "Warden $setting" "$run" "$WCONN" "$TMP/w_$setting"; done
    stop_warden "$BIN" "$TMP/w_$setting"
  done
else
  echo "-- Warden: SMON alone (no slaves yet: no parameter fast_start_parallel_rollback)"
  load_bench_t "$WCONN" "$ROWS"
  for ((run = 1; run <= RUNS; run++)); do
    echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
    warden_run "Warden (SMON alone)" "$run" "$WCONN" "$TMP/warden"
  done
  stop_warden "$BIN" "$TMP/warden"
fi

# --- PostgreSQL 15
pg_run() {  # RUN
  local run=$1 out a_pid w_pid fwd t0 tw tc wline i
  psql_sess M "$PCONN"; psql_sess A "$PCONN"; psql_sess W "$PCONN"
  a_pid=$(sess_sql A "select pg_backend_pid();"); w_pid=$(sess_sql W "select pg_backend_pid();")
  out=$(sess_sql A $'begin;\n\\timing on\nupdate bench_t set v = v + 1;\n\\timing off')
  fwd=$(timing_ms "$out")
  sess_send W "begin; update bench_t set v = v + 1 where id = 1;"
  poll_until M "select count(*) from pg_stat_activity where pid = ${w_pid%$'\n'} and wait_event_type = 'Lock';" 1 20 0.005 >/dev/null ||
    { echo "PostgreSQL run $run: W not seen blocked"; exit 1; }
  t0=$EPOCHREALTIME
  kill -KILL "${a_pid%$'\n'}"
  # W's first line: its error (the postmaster ends every session).
  IFS= read -r -t 60 -u "${S_OUT[W]}" wline && tw=$EPOCHREALTIME || { echo "PostgreSQL run $run: W silent"; exit 1; }
  for ((i = 0; i < 6000; i++)); do  # at most ~60 s
    if [ "$(psql "$PCONN" -AtXc "select 1" 2>/dev/null)" = 1 ]; then tc=$EPOCHREALTIME; break; fi
    nap 0.005
  done
  [ -n "${tc:-}" ] || { echo "PostgreSQL run $run: no new connection within 60 s"; exit 1; }
  echo "PostgreSQL run $run: forward UPDATE $fwd ms; kill -> W's error $(ms_since "$t0" "$tw") ms ($wline); kill -> new connection $(ms_since "$t0" "$tc") ms; $(check_table "$(psql "$PCONN" -AtXc "select count(*) || '/' || max(id) || '/' || sum(v) from bench_t")")"
  RESULTS+=("| PostgreSQL 15 | $run | $fwd | $(ms_since "$t0" "$tw") (error; every session ended) | restart: new connection after $(ms_since "$t0" "$tc") |")
  sess_close W; sess_close A; sess_close M
}
PPORT=$(free_port)
start_postgres "$TMP/pg" "$PPORT"
PCONN="host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres"
echo "-- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') ($PG_OPTS)"
load_bench_t "$PCONN" "$ROWS"
psql "$PCONN" -qXc "vacuum analyze bench_t" >/dev/null
for ((run = 1; run <= RUNS; run++)); do
  echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
  pg_run "$run"
done
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true

# --- MariaDB
my_run() {  # RUN
  local run=$1 a_id a_trx t1 t2 t0 tw tr wline
  my_sess M; my_sess A; my_sess W
  a_id=$(sess_sql A "select connection_id();")
  sess_sql A "set autocommit = 0;" >/dev/null
  sess_sql W "set autocommit = 0;" >/dev/null
  t1=$EPOCHREALTIME
  sess_sql A "update bench_t set v = v + 1;" >/dev/null
  t2=$EPOCHREALTIME
  a_trx=$(sess_sql A "select trx_id from information_schema.innodb_trx where trx_mysql_thread_id = connection_id();")
  sess_send W "update bench_t set v = v + 1 where id = 1;"
  poll_until M "select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT';" 1 20 0.11 >/dev/null ||
    { echo "MariaDB run $run: W not seen blocked"; exit 1; }
  t0=$EPOCHREALTIME
  sess_sql M "kill ${a_id%$'\n'};" >/dev/null
  wline=$(sess_wait W 600) && tw=$EPOCHREALTIME || { echo "MariaDB run $run: W did not return: $wline"; exit 1; }
  tr=$(poll_until M "select count(*) from information_schema.innodb_trx where trx_id = '${a_trx%$'\n'}';" 0 600 0.11) ||
    { echo "MariaDB run $run: A's transaction still there after 600 s"; exit 1; }
  [ -z "$wline" ] || echo "   W's UPDATE said: $wline"
  sess_sql W "rollback;" >/dev/null
  echo "MariaDB run $run: forward UPDATE $(ms_since "$t1" "$t2") ms; kill -> W proceeds $(ms_since "$t0" "$tw") ms; kill -> A's trx gone from innodb_trx $(ms_since "$t0" "$tr") ms; $(check_table "$(sess_sql M "select concat(count(*), '/', max(id), '/', sum(v)) from bench_t;" | tr -d '\n')")"
  RESULTS+=("| MariaDB $MY_VERSION (KILL of A's thread) | $run | $(ms_since "$t1" "$t2") | $(ms_since "$t0" "$tw") | $(ms_since "$t0" "$tr") |")
  sess_close W; sess_close A; sess_close M
}
if [ "${SKIP_MARIADB:-0}" = 1 ] || [ ! -x /usr/sbin/mariadbd ]; then
  echo "-- MariaDB: skipped (mariadbd not installed or SKIP_MARIADB=1)"
else
  MYD=/usr/sbin/mariadbd
  MPORT=$(free_port)
  mkdir -p "$TMP/my"; chown mysql "$TMP/my"
  mariadb-install-db --datadir="$TMP/my/data" --user=mysql --auth-root-authentication-method=normal \
    --skip-test-db >"$TMP/my/install.log" 2>&1 || { cat "$TMP/my/install.log"; exit 1; }
  "$MYD" --no-defaults --datadir="$TMP/my/data" --user=mysql --port="$MPORT" --bind-address=127.0.0.1 \
    --socket="$TMP/my/my.sock" --pid-file="$TMP/my/my.pid" --log-error="$TMP/my/err.log" \
    --skip-grant-tables --innodb-flush-log-at-trx-commit=0 --innodb-lock-wait-timeout=600 \
    --innodb-buffer-pool-size=512M >"$TMP/my/stderr.log" 2>&1 &
  MY_PID=$!
  MY=(mariadb --no-defaults -h 127.0.0.1 -P "$MPORT" -u root)
  for ((i = 0; i < 300; i++)); do "${MY[@]}" -e "select 1" >/dev/null 2>&1 && break; nap 0.1; done
  "${MY[@]}" -e "create database bench" || { tail "$TMP/my/err.log"; exit 1; }
  MY_VERSION=$("${MY[@]}" -NBe "select version()" | cut -d- -f1)
  my_sess() { sess_open "$1" "select '__END__';" "${MY[@]}" -N -B -n --database=bench; }
  echo "-- MariaDB $MY_VERSION (InnoDB, innodb_flush_log_at_trx_commit=0)"
  "${MY[@]}" bench -e "create table bench_t (id int primary key, v int not null) engine = innodb;
    insert into bench_t values (1, 0)"
  for ((n = 1; n < ROWS; n *= 2)); do
    "${MY[@]}" bench -e "insert into bench_t select id + $n, v from bench_t where id + $n <= $ROWS"
  done
  got=$("${MY[@]}" bench -NBe "select concat(count(*), '/', max(id), '/', sum(v)) from bench_t")
  [ "$got" = "$ROWS/$ROWS/0" ] || { echo "MariaDB load failed ($got)"; exit 1; }
  for ((run = 1; run <= RUNS; run++)); do
    echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
    my_run "$run"
  done
  stop_mariadb
fi

echo "-- load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| peer | run | forward UPDATE of $ROWS rows, ms | kill -> W's UPDATE returns, ms | kill -> rollback complete, ms |"
echo "|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
