-- sed.sql: describe wait events whose name matches a pattern (case-insensitive).
-- Usage (wsql):  @scripts/sed "enq: TX"      @scripts/sed timer
SELECT event#,
       name,
       parameter1,
       parameter2,
       parameter3,
       wait_class
  FROM v$event_name
 WHERE lower(name) LIKE lower('%&1%')
 ORDER BY name;
