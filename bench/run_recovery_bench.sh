#!/usr/bin/env bash
# Crash recovery time (issue 9): "recovery time after a crash with 1 GB of redo since the last
# checkpoint", Warden beside PostgreSQL 15 in one run on this machine. For each peer:
#  1. a new instance/cluster started so that no checkpoint happens on its own (Warden: one log
#     file larger than all the redo, so no log switch asks for one, log_checkpoint_timeout=0;
#     PostgreSQL: max_wal_size=8GB, checkpoint_timeout=1h);
#  2. rec_t (id integer primary key, n integer, pad varchar(1000)) with ROWS rows (n = 0,
#     pad 1000 bytes) loaded by the same plain SQL on both (fill_doubling), then a checkpoint
#     (ALTER SYSTEM CHECKPOINT / CHECKPOINT);
#  3. UPDATE rec_t SET n = n + 1, pad = rpad('u' || (n + 1), 1000, 'x'), each committed, until
#     the peer's own counter shows REDO_MB MB written since (Warden: V$SYSSTAT 'redo size';
#     PostgreSQL: pg_current_wal_lsn()); then checked that no checkpoint or log switch
#     happened meanwhile (Warden: V$DATAFILE, V$SYSSTAT and the alert log; PostgreSQL:
#     pg_control_checkpoint()), or the figure would mean nothing;
#  4. kill -9 of every process of the server at once (kill9_pidfile in peers.sh);
#  5. the start command timed (wardend start --daemon returns once the instance is open, i.e.
#     after instance recovery; pg_ctl -w start once the postmaster reports ready), then until
#     a new connection answers a query; the peer's own recovery figures read from its log
#     (Warden's alert log, PostgreSQL's "redo done ... elapsed" and end-of-recovery checkpoint);
#  6. the data checked: ROWS rows, sum(n) = ROWS x the committed UPDATEs, every pad the one
#     its row's n was last given. A wrong result fails the run (exit 1).
#   bench/run_recovery_bench.sh     (build first: cmake --build build --target wardend)
#   REDO_MB=1024 ROWS=100000 (the defaults) override the run; WARDEN_PARAMS and PG_OPTS the
#   peers' parameters (defaults below; PostgreSQL's shared_buffers matches Warden's SGA).
# Needs postgresql-15. Both peers commit durably (their defaults).
REDO_MB=${REDO_MB:-1024}
ROWS=${ROWS:-100000}
LOG_MB=$((REDO_MB * 2 > 2048 ? REDO_MB * 2 : 2048))  # the load's redo fits in it too
# Warden keeps its default sga_size (1G); PostgreSQL gets shared_buffers of the same size.
WARDEN_PARAMS=${WARDEN_PARAMS:-"-c log_file_size=${LOG_MB}M -c log_checkpoint_timeout=0"}
PG_OPTS=${PG_OPTS:-"-c max_wal_size=8GB -c checkpoint_timeout=1h -c full_page_writes=on -c shared_buffers=1GB"}
PEERS_START=0
source "$(dirname "$0")/peers.sh"

TARGET=$((REDO_MB * 1048576))
UPDATE_SQL="update rec_t set n = n + 1, pad = rpad('u' || (n + 1), 1000, 'x')"
CHECK_SQL="select count(*) || '/' || sum(n) || '/' ||
  sum(case when pad = rpad(case when n = 0 then 'x' else 'u' || n end, 1000, 'x') then 1 else 0 end)
  from rec_t"
FAILED=0
now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

# load_rec_t CONN: the table, checked.
load_rec_t() {
  local got
  run_committed "$1" "create table rec_t (id integer primary key, n integer not null,
                                          pad varchar(1000) not null)" >/dev/null ||
    { echo "load failed on: $1"; exit 1; }
  run_committed "$1" "insert into rec_t values (1, 0, rpad('x', 1000, 'x'))" ||
    { echo "load failed on: $1"; exit 1; }
  fill_doubling "$1" rec_t "$ROWS" id "n, pad"
  got=$(psql "$1" -AtXc "$CHECK_SQL")
  [ "$got" = "$ROWS/0/$ROWS" ] || { echo "load failed on: $1 ($got)"; exit 1; }
}

# generate_redo PEER CONN POSITION_SQL: UPDATEs of every row, each committed, until
# POSITION_SQL (a byte count) grew by TARGET; sets UPDATES (how many committed) and WRITTEN
# (bytes). At most 10000 UPDATEs.
generate_redo() {
  local start pos t0
  start=$(psql "$2" -AtXc "$3")
  UPDATES=0
  t0=$(now)
  while :; do
    run_committed "$2" "$UPDATE_SQL" || { echo "$1: UPDATE $((UPDATES + 1)) failed"; exit 1; }
    UPDATES=$((UPDATES + 1))
    pos=$(psql "$2" -AtXc "$3")
    WRITTEN=$((pos - start))
    [ "$WRITTEN" -lt "$TARGET" ] || break
    [ "$UPDATES" -lt 10000 ] || { echo "$1: $UPDATES UPDATEs wrote only $WRITTEN bytes"; exit 1; }
  done
  echo "   $1: $UPDATES committed UPDATEs of $ROWS rows wrote $WRITTEN bytes in $(secs "$t0" "$(now)") s"
}

# check_after PEER CONN: the data after the restart.
check_after() {
  local got want=$ROWS/$((UPDATES * ROWS))/$ROWS
  got=$(psql "$2" -AtXc "$CHECK_SQL" 2>&1) || true
  if [ "$got" = "$want" ]; then
    DATA="data OK (count/sum(n)/pads right: $got)"
  else
    DATA="DATA WRONG: count/sum(n)/pads right $got, want $want"
    FAILED=1
  fi
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg); Warden $(git rev-parse --short HEAD 2>/dev/null || echo '?'), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'); REDO_MB=$REDO_MB, $ROWS rows of ~1 KB"
LINES=()

# --- Warden
WDIR=$TMP/warden
WPORT=$(free_port)
WCONN="host=127.0.0.1 port=$WPORT user=sys password=$PW dbname=warden"
ALERT=$WDIR/trace/alert.log
echo "-- Warden ($WARDEN_PARAMS)"
start_warden "$BIN" "$WDIR" "$WPORT"
load_rec_t "$WCONN"
run_committed "$WCONN" "alter system checkpoint" >/dev/null || { echo "Warden: checkpoint failed"; exit 1; }
# The checkpoint state: data file checkpoint, checkpoints and log switches so far, alert lines.
W_STATE_SQL="select checkpoint_count || '/' || checkpoint_change# || '/' ||
  (select value from v\$sysstat where name = 'background checkpoints completed') || '/' ||
  (select value from v\$sysstat where name = 'redo log switches') from v\$datafile"
ckpt_alert() { grep -c "Completed checkpoint" "$ALERT" || true; }
w_state0=$(psql "$WCONN" -AtXc "$W_STATE_SQL")/$(ckpt_alert)
generate_redo Warden "$WCONN" "select value from v\$sysstat where name = 'redo size'"
w_state1=$(psql "$WCONN" -AtXc "$W_STATE_SQL")/$(ckpt_alert)
echo "   checkpoint count/change#, checkpoints completed, log switches, alert-log checkpoints: before the UPDATEs $w_state0, after $w_state1"
[ "$w_state0" = "$w_state1" ] || { echo "Warden: a checkpoint or log switch happened during the UPDATEs"; exit 1; }
psql "$WCONN" -AtX -F ' ' -c "select group#, sequence#, bytes, status, first_change# from v\$log order by 1" |
  sed 's/^/   V$LOG (group, sequence, bytes, status, first change): /'
W_REDO=$WRITTEN
kill9_pidfile "$WDIR/wardend.pid"
echo "   killed -9 every process of the instance"
t0=$(now)
warden_start "$BIN" "$WDIR" "$WPORT" ||
  { echo "Warden: start after the crash FAILED"; tail -20 "$ALERT"; exit 1; }
t1=$(now)
wait_accepting "$WCONN" 60 || { echo "Warden: no connection 60 s after the start returned"; exit 1; }
t2=$(now)
w_load=$(grep -o "Loaded data file .* in [0-9.]* s" "$ALERT" | tail -1 || true)
w_apply=$(grep -o "Completed redo application of .*" "$ALERT" | tail -1 || true)
w_done=$(grep -o "Completed crash recovery at redo byte [0-9]* in [0-9.]* s" "$ALERT" | tail -1 || true)
echo "   alert log: ${w_load:-(no data file line)}"
echo "   alert log: ${w_apply:-(no redo application line)}"
echo "   alert log: ${w_done:-(no crash recovery line)}"
check_after Warden "$WCONN"
echo "   $DATA"
w_apply_s=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' <<<"$w_apply")
w_bytes=$(sed -n 's/^Completed redo application of \([0-9]*\) bytes.*/\1/p' <<<"$w_apply")
w_total_s=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' <<<"$w_done")
LINES+=("$(printf '%-10s %5d MB redo since the checkpoint (%s bytes replayed); start -> accepting connections %6.2f s (start command %6.2f s); redo apply %s s, whole recovery %s s (alert log); %s' \
  Warden $((W_REDO / 1048576)) "${w_bytes:-?}" "$(secs "$t0" "$t2")" "$(secs "$t0" "$t1")" \
  "${w_apply_s:-?}" "${w_total_s:-?}" "$DATA")")
stop_warden "$BIN" "$WDIR"

# --- PostgreSQL 15
PDIR=$TMP/pg
PPORT=$(free_port)
PCONN="host=127.0.0.1 port=$PPORT user=sys password=$PW dbname=postgres"
echo "-- PostgreSQL ($PG_OPTS; fsync=on, synchronous_commit=on)"
start_postgres "$PDIR" "$PPORT"
load_rec_t "$PCONN"
psql "$PCONN" -qXc "checkpoint"
P_STATE_SQL="select checkpoint_lsn || '/' || redo_lsn from pg_control_checkpoint()"
p_state0=$(psql "$PCONN" -AtXc "$P_STATE_SQL")
generate_redo PostgreSQL "$PCONN" "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
p_state1=$(psql "$PCONN" -AtXc "$P_STATE_SQL")
echo "   checkpoint_lsn/redo_lsn: before the UPDATEs $p_state0, after $p_state1"
[ "$p_state0" = "$p_state1" ] || { echo "PostgreSQL: a checkpoint happened during the UPDATEs"; exit 1; }
P_REDO=$(psql "$PCONN" -AtXc "select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint from pg_control_checkpoint()")
log_lines=$(wc -l < "$PDIR.log")
kill9_pidfile "$PDIR/postmaster.pid"
echo "   killed -9 the postmaster and every backend"
t0=$(now)
pg_start "$PDIR" "$PPORT" -t 600 || { echo "PostgreSQL: start after the crash FAILED"; tail -20 "$PDIR.log"; exit 1; }
t1=$(now)
wait_accepting "$PCONN" 60 || { echo "PostgreSQL: no connection 60 s after pg_ctl returned"; exit 1; }
t2=$(now)
p_log=$(tail -n +"$((log_lines + 1))" "$PDIR.log")
p_redo=$(grep -o "redo done at .*" <<<"$p_log" | tail -1 || true)
p_ckpt=$(grep -o "checkpoint complete: .*" <<<"$p_log" | head -1 || true)
echo "   its log from the restart on (the time before 'redo starts' includes the fsync of the data directory):"
sed 's/^/     /' <<<"$p_log"
check_after PostgreSQL "$PCONN"
echo "   $DATA"
p_apply_s=$(sed -n 's/.*elapsed: \([0-9.]*\) s.*/\1/p' <<<"$p_redo")
p_ckpt_s=$(sed -n 's/.*total=\([0-9.]*\) s.*/\1/p' <<<"$p_ckpt")
# Its log's timestamps: the startup process's first line -> "redo starts" (mostly the fsync of
# every file in the data directory that crash recovery does first: PostgreSQL 15 logs "was
# interrupted" just before it and "not properly shut down" just after).
log_ts() { grep -m 1 "$1" <<<"$p_log" | awk '{print $1 " " $2}'; }
p_pre_s=$(secs "$(date -d "$(log_ts 'database system was interrupted')" +%s.%N)" \
               "$(date -d "$(log_ts 'redo starts at')" +%s.%N)" 2>/dev/null || echo '?')
LINES+=("$(printf '%-10s %5d MB WAL since the checkpoint; start -> accepting connections %6.2f s (pg_ctl -w start %6.2f s); before redo %s s, redo apply %s s, end-of-recovery checkpoint %s s (its log); %s' \
  PostgreSQL $((P_REDO / 1048576)) "$(secs "$t0" "$t2")" "$(secs "$t0" "$t1")" \
  "$p_pre_s" "${p_apply_s:-?}" "${p_ckpt_s:-?}" "$DATA")")

echo "-- results (crash by kill -9 after ~$REDO_MB MB of redo/WAL since the last checkpoint)"
printf '%s\n' "${LINES[@]}"
echo "   Warden replays logical redo of committed transactions only (final row images and commit"
echo "   records) onto the row store loaded from the checkpoint's data file, then opens."
echo "   PostgreSQL first fsyncs every file of its data directory, then replays its WAL physically"
echo "   into heap and index pages (a full-page image of each page the first time it changes"
echo "   after the checkpoint, then the tuple records), then writes an end-of-recovery checkpoint"
echo "   before it accepts connections."
exit "$FAILED"
