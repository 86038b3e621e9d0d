-- sed.sql: describe wait events whose name matches a pattern (case-insensitive).
-- Usage (wsql):  @scripts/sed "enq: TX"      @scripts/sed timer
set verify off
col event# format 99999
col name format a40
col parameter1 format a20
col parameter2 format a20
col parameter3 format a20
col wait_class format a15
SELECT event#,
       name,
       parameter1,
       parameter2,
       parameter3,
       wait_class
  FROM v$event_name
 WHERE lower(name) LIKE lower('%&1%')
 ORDER BY name;
