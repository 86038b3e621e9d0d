-- lock.sql: enqueue locks held and requested (V$LOCK), blockers first, then the sessions
-- that wait for another one (V$SESSION.BLOCKING_SESSION).
-- Usage (wsql):  @lock
-- LMODE / REQUEST are Oracle's lock modes: 0 none, 1 null, 2 row-S (SS), 3 row-X (SX),
-- 4 share, 5 S/row-X (SSX), 6 exclusive. BLOCK = 1: another session waits for this lock.
col sid format 99999
col username format a15
col type format a4
col mode_held format a13
col mode_requested format a13
col ctime format 9999999
col block format 99999
SELECT l.sid,
       s.username,
       l.type,
       l.id1,
       l.id2,
       decode(l.lmode, 0, 'None', 1, 'Null', 2, 'Row-S (SS)', 3, 'Row-X (SX)', 4, 'Share',
              5, 'S/Row-X (SSX)', 6, 'Exclusive', to_char(l.lmode)) mode_held,
       decode(l.request, 0, 'None', 1, 'Null', 2, 'Row-S (SS)', 3, 'Row-X (SX)', 4, 'Share',
              5, 'S/Row-X (SSX)', 6, 'Exclusive', to_char(l.request)) mode_requested,
       l.ctime,
       l.block
  FROM v$lock l, v$session s
 WHERE s.sid = l.sid
   AND s.type = 'USER'
 ORDER BY l.block DESC, l.type, l.id1, l.id2, l.request, l.sid;

prompt
prompt Sessions waiting for another session:
col blocking_session heading BLOCKER format 9999999
col seconds_in_wait heading SEC_IN_WAIT format 9999999
col event format a30
SELECT sid,
       serial#,
       username,
       blocking_session,
       event,
       seconds_in_wait
  FROM v$session
 WHERE blocking_session IS NOT NULL
 ORDER BY blocking_session, sid;
