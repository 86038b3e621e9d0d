-- sw.sql: what are these sessions waiting for (or did they last wait for)?
-- Usage (wsql):  @scripts/sw 12          @scripts/sw "12,15,31"
-- P1..P3 are shown with their parameter names from V$EVENT_NAME; an enqueue's P1 is decoded
-- into its two-letter lock type and mode ('TX mode 6').
set verify off
col sid format 99999
col state format a19
col event format a30
col sec_in_wait format 9999999
col p1_decoded format a30
col p2_decoded format a30
col p3_decoded format a30
col wait_class format a15
SELECT sid,
       state,
       event,
       seq#,
       seconds_in_wait sec_in_wait,
       wait_time_micro,
       CASE WHEN event LIKE 'enq: %'
            THEN chr(bitand(p1, -16777216) / 16777215) || chr(bitand(p1, 16711680) / 65535)
                 || ' mode ' || bitand(p1, 65535)
            ELSE p1text || '= ' || p1 END p1_decoded,
       CASE WHEN p2text IS NOT NULL THEN p2text || '= ' || p2 END p2_decoded,
       CASE WHEN p3text IS NOT NULL THEN p3text || '= ' || p3 END p3_decoded,
       wait_class
  FROM v$session_wait
 WHERE sid IN (&1)
 ORDER BY state, event, sid;
