-- sess.sql: the instance's user sessions: who they are, what they are doing or waiting for.
-- Usage (wsql):  @sess
-- EVENT is the wait the session is in, or ON CPU when it is not waiting (then V$SESSION's
-- EVENT is the last wait); SEC_WAIT (SECONDS_IN_WAIT) is the seconds in that wait or since
-- it ended; LAST_CALL (LAST_CALL_ET) is the seconds since the session's status last changed.
col sid format 9999
col serial# format 999999
col username format a10
col status format a8
col event format a27
col seconds_in_wait heading SEC_WAIT format 9999999
col last_call_et heading LAST_CALL format 99999999
SELECT sid,
       serial#,
       username,
       status,
       CASE WHEN state = 'WAITING' THEN event ELSE 'ON CPU' END event,
       seconds_in_wait,
       last_call_et
  FROM v$session
 WHERE type = 'USER'
 ORDER BY sid;
