-- tx.sql: open transactions (V$TRANSACTION) and the sessions that own them
-- (V$SESSION.TADDR = V$TRANSACTION.ADDR), oldest first.
-- Usage (wsql):  @tx
-- XIDUSN.XIDSLOT.XIDSQN is the transaction id; USED_UREC / USED_UBLK are the undo records
-- and blocks it has written (they fall while it rolls back).
col sid format 99999
col serial# format 999999
col username format a15
col status format a10
col start_time format a20
SELECT s.sid,
       s.serial#,
       s.username,
       t.xidusn,
       t.xidslot,
       t.xidsqn,
       t.status,
       t.used_urec,
       t.used_ublk,
       t.start_time
  FROM v$transaction t, v$session s
 WHERE s.taddr = t.addr
 ORDER BY t.start_time, s.sid;
