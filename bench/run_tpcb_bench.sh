#!/usr/bin/env bash
# TPC-B-like benchmark (issue 9), Warden beside PostgreSQL 15 in one run on this machine:
# pgbench's standard transaction (update pgbench_accounts, select its abalance, update
# pgbench_tellers, update pgbench_branches, insert into pgbench_history) as a custom script,
# simple protocol, no vacuum (-n), with 1, 8 and 32 clients, DURATION seconds each, on tables
# created and filled by the same plain SQL on both peers at scale SCALE (pgbench's layout:
# SCALE branches, 10 x SCALE tellers, 100000 x SCALE accounts, primary keys on the first
# three). Both peers commit durably: PostgreSQL with its defaults (fsync on,
# synchronous_commit on); Warden with its defaults (commit_wait = WAIT: COMMIT returns once
# LGWR has fdatasync'd its redo).
# Group-commit effectiveness, commits per fsync, for each run: PostgreSQL's from
# pg_stat_database.xact_commit and pg_stat_wal.wal_sync before and after it; Warden's is
# from V$SYSSTAT (see warden_commit_snapshot below).
# Differences from pgbench's built-in tpcb-like script and its initialization, so that the
# same SQL runs on both peers (all statements of the transaction are pgbench's own):
#  - :scale is fixed by -D scale=SCALE (pgbench does not read it from pgbench_branches for a
#    custom script); the accounts' filler is CHAR(84) padded from ' ' (pgbench's '', which
#    Oracle reads as NULL), the branches' and tellers' is NULL as pgbench's;
#  - the tables are filled by doubling INSERT ... SELECTs (fill_doubling in peers.sh), each
#    committed, not by COPY; mtime is TIMESTAMP, INTEGER is NUMBER(38) in Warden.
# After the runs it checks TPC-B's consistency (sum of deltas in history = sum of balances in
# each of the three tables) and that history holds one row per completed transaction.
#   bench/run_tpcb_bench.sh            (build first: cmake --build build --target wardend)
#   DURATION=30 CLIENTS="1 8 32" SCALE=10 (the defaults) override the run.
# Needs postgresql-15 (the peer and its pgbench).
DURATION=${DURATION:-30}
CLIENTS=${CLIENTS:-1 8 32}
SCALE=${SCALE:-10}
PG_OPTS=""  # PostgreSQL's defaults: durable commits
source "$(dirname "$0")/peers.sh"

# load_tpcb CONN: the four tables at scale SCALE, checked (counts, bid of every teller and
# account, balances 0, history empty); exits otherwise.
load_tpcb() {
  local conn=$1 got want out
  out=$(psql "$conn" -qX -v ON_ERROR_STOP=1 2>&1 <<SQL
create table pgbench_branches (bid integer not null primary key, bbalance integer,
                               filler char(88));
create table pgbench_tellers (tid integer not null primary key, bid integer, tbalance integer,
                              filler char(84));
create table pgbench_accounts (aid integer not null primary key, bid integer,
                               abalance integer, filler char(84));
create table pgbench_history (tid integer, bid integer, aid integer, delta integer,
                              mtime timestamp, filler char(22));
insert into pgbench_branches (bid, bbalance) values (1, 0);
insert into pgbench_tellers (tid, bid, tbalance) values (1, 1, 0);
insert into pgbench_accounts values (1, 1, 0, ' ');
commit;
SQL
) || { echo "load failed on: $conn: $out"; exit 1; }
  fill_doubling "$conn" pgbench_branches "$SCALE" bid "bbalance, filler"
  fill_doubling "$conn" pgbench_tellers $((10 * SCALE)) tid "tbalance, filler" bid 10
  fill_doubling "$conn" pgbench_accounts $((100000 * SCALE)) aid "abalance, filler" bid 100000
  got=$(psql "$conn" -AtX <<SQL
select count(*) || '/' || max(bid) || '/' || sum(bbalance) from pgbench_branches;
select count(*) || '/' || sum(tbalance) from pgbench_tellers
 where tid > (bid - 1) * 10 and tid <= bid * 10;
select count(*) || '/' || sum(abalance) from pgbench_accounts
 where aid > (bid - 1) * 100000 and aid <= bid * 100000;
select count(*) from pgbench_history;
SQL
)
  want=$(printf '%s\n' "$SCALE/$SCALE/0" "$((10 * SCALE))/0" "$((100000 * SCALE))/0" 0)
  [ "$got" = "$want" ] || { echo "load failed on: $conn: got $got, want $want" | tr '\n' ' '
                            echo; exit 1; }
}

# check_tpcb PEER CONN XACTS: after the runs, history must hold XACTS rows (one per completed
# transaction) and its sum of deltas must equal the sum of each table's balances.
check_tpcb() {
  local got rows d a t b
  got=$(psql "$2" -AtX <<SQL 2>&1 | tr '\n' ' '
select count(*) from pgbench_history;
select coalesce(sum(delta), 0) from pgbench_history;
select sum(abalance) from pgbench_accounts;
select sum(tbalance) from pgbench_tellers;
select sum(bbalance) from pgbench_branches;
SQL
)
  read -r rows d a t b <<< "$got"
  if [ "$rows" = "$3" ] && [ "$d" = "$a" ] && [ "$d" = "$t" ] && [ "$d" = "$b" ]; then
    printf '%-10s consistent: %s history rows, sum of deltas = sum of each balance = %s\n' \
      "$1" "$rows" "$d"
  else
    printf '%-10s INCONSISTENT: want %s history rows; history rows, deltas, accounts, tellers, branches: %s\n' \
      "$1" "$3" "$got"
    FAILED=1
  fi
}

# Snapshots of (commits, log fsyncs), printed as "COMMITS FSYNCS", or nothing if the peer
# has no such statistics. PostgreSQL: its database's xact_commit and the WAL fsyncs
# (pg_stat_wal.wal_sync, every process). The reading session's own commit adds 1 or 2 to the
# delta, noise beside thousands.
pg_commit_snapshot() {
  psql "$PCONN" -AtX -F ' ' -c "select (select xact_commit from pg_stat_database
    where datname = current_database()), (select wal_sync from pg_stat_wal)"
}
# Warden: COMMITS FSYNCS from V$SYSSTAT ('user commits'; 'redo writes', each LGWR write
# ends with one fdatasync).
warden_commit_snapshot() {
  psql "$WCONN" -AtX -F ' ' -c "select (select value from v\$sysstat where name = 'user commits'),
    (select value from v\$sysstat where name = 'redo writes') from dual"
}

# commit_line PEER BEFORE XACTS SNAPSHOT_FN: the group-commit line of the run that just ended.
# BEFORE is SNAPSHOT_FN's output before the run, XACTS the transactions pgbench completed. The
# after-snapshot is read once the peer's commit count shows all XACTS (PostgreSQL's backends
# report statistics when they exit), at most 10 s.
commit_line() {
  local peer=$1 before=$2 xacts=$3 fn=$4 after c0 f0 c1 f1 i
  read -r c0 f0 <<< "$before"
  for ((i = 0; i < 100; i++)); do
    after=$("$fn")
    read -r c1 f1 <<< "$after"
    [ $((c1 - c0)) -lt "$xacts" ] || break
    sleep 0.1
  done
  awk -v p="$peer" -v c=$((c1 - c0)) -v f=$((f1 - f0)) -v x="$xacts" 'BEGIN {
    printf "%-10s   group commit: %.2f commits per fsync (%d commits, %d fsyncs; pgbench %d)%s\n",
           p, (f > 0 ? c / f : 0), c, f, x, (c < x ? " STATISTICS INCOMPLETE" : "") }'
}

echo "-- PostgreSQL: fsync=$(psql "$PCONN" -AtXc 'show fsync')," \
     "synchronous_commit=$(psql "$PCONN" -AtXc 'show synchronous_commit')," \
     "wal_sync_method=$(psql "$PCONN" -AtXc 'show wal_sync_method');" \
     "Warden: commit_wait=WAIT, commit_logging=IMMEDIATE (LGWR fdatasyncs every write)"
t0=$(date +%s.%N)
load_tpcb "$WCONN"
t1=$(date +%s.%N)
load_tpcb "$PCONN"
t2=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v s="$SCALE" 'BEGIN {
  printf "load scale %d (%d accounts) by doubling INSERT ... SELECT: Warden %.1f s, PostgreSQL %.1f s\n",
         s, 100000 * s, t1 - t0, t2 - t1 }'

cat > "$TMP/tpcb.sql" <<'SQL'
\set aid random(1, 100000 * :scale)
\set bid random(1, 1 * :scale)
\set tid random(1, 10 * :scale)
\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
SQL

# Each peer first runs 10 transactions with one client, which must all complete without an
# error and add 10 history rows; then the timed runs.
FAILED=0
declare -A XACTS=([Warden]=0 [PostgreSQL]=0)
smoke() {  # peer port dbname conn
  local out rows
  out=$(PGPASSWORD=$PW "$PGBIN/pgbench" -n -f "$TMP/tpcb.sql" -M simple -D "scale=$SCALE" \
    -c 1 -t 10 -h 127.0.0.1 -p "$2" -U sys "$3" 2>&1) || { echo "$1: smoke test failed: $out"; exit 1; }
  rows=$(psql "$4" -AtXc "select count(*) from pgbench_history")
  [ "$rows" = 10 ] || { echo "$1: smoke test: $rows history rows, want 10: $out"; exit 1; }
  XACTS[$1]=10
}
smoke Warden "$WPORT" warden "$WCONN"
smoke PostgreSQL "$PPORT" postgres "$PCONN"
echo "smoke test: 10 transactions with 1 client on each peer, no errors, 10 history rows each"

echo "-- pgbench TPC-B-like, simple protocol, scale $SCALE, ${DURATION} s per run"
for clients in $CLIENTS; do
  echo "   (load average $(cut -d' ' -f1 /proc/loadavg))"
  before=$(warden_commit_snapshot)
  pgbench_line Warden "$WPORT" tpcb simple "$clients" warden "$DURATION" -D "scale=$SCALE"
  XACTS[Warden]=$((XACTS[Warden] + $(pgbench_xacts)))
  commit_line Warden "$before" "$(pgbench_xacts)" warden_commit_snapshot
  before=$(pg_commit_snapshot)
  pgbench_line PostgreSQL "$PPORT" tpcb simple "$clients" postgres "$DURATION" -D "scale=$SCALE"
  XACTS[PostgreSQL]=$((XACTS[PostgreSQL] + $(pgbench_xacts)))
  commit_line PostgreSQL "$before" "$(pgbench_xacts)" pg_commit_snapshot
done
check_tpcb Warden "$WCONN" "${XACTS[Warden]}"
check_tpcb PostgreSQL "$PCONN" "${XACTS[PostgreSQL]}"
exit "$FAILED"
