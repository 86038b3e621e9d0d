-- rollback.sql: how far the rollback of session SID's transaction has got, and how long it
-- has left: who rolls it back (the session itself, PMON, or SMON once the session is dead),
-- undo records done of the total, percent, records per second so far and the estimated
-- seconds left (Warden's V$ROLLBACK_PROGRESS, beyond Oracle; it keeps the SID of a killed
-- session). Then SMON's dead-transaction recovery as Oracle shows it
-- (V$FAST_START_TRANSACTIONS: TO BE RECOVERED, RECOVERING, RECOVERED).
-- Usage (wsql):  @rollback SID
set verify off
col sid format 99999
col serial# format 999999
col xid format a16
col rolled_back_by format a14
col state format a15
SELECT sid,
       serial#,
       xid,
       rolled_back_by,
       undo_records_done,
       undo_records_total,
       percent_done,
       records_per_second,
       seconds_left
  FROM v$rollback_progress
 WHERE sid = &1;
SELECT usn,
       slt,
       seq,
       state,
       undoblocksdone,
       undoblockstotal,
       pid,
       cputime
  FROM v$fast_start_transactions
 ORDER BY usn, slt, seq;
