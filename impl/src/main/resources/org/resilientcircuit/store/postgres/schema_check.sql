-- What the running protocol relies on beyond the table itself, by name: the triggers that hear
-- every writer and announce every change, and the index of the incremental poll. A table set up
-- by an earlier release, or by the Python library, lacks some of them until pg-setup runs.
SELECT needed.name
  FROM (VALUES ('trigger rc_circuit_breakers_version'), ('trigger rc_circuit_breakers_notify'),
               ('index idx_rc_circuit_breakers_namespace_updated')) AS needed(name)
 WHERE to_regclass('rc_circuit_breakers') IS NOT NULL
   AND needed.name NOT IN (
       SELECT 'trigger ' || tgname FROM pg_trigger
        WHERE tgrelid = to_regclass('rc_circuit_breakers') AND NOT tgisinternal
       UNION ALL
       SELECT 'index ' || indexrelid::regclass::text FROM pg_index
        WHERE indrelid = to_regclass('rc_circuit_breakers'))
