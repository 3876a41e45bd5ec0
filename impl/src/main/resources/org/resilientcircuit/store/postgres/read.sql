-- The row of one key, its deadline as milliseconds remaining by the database clock. The state and
-- version are read as they are (a foreign writer may have put anything there: Rows judges them),
-- with the table's identity, which changes when the table is dropped and created again.
SELECT state, version,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE state WHEN 'OPEN' THEN open_until
                                                        WHEN 'HALF_OPEN' THEN lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms,
       failure_count, changed_by, tableoid::bigint AS table_id
  FROM rc_circuit_breakers
 WHERE namespace = ? AND resource_key = ?
