-- The row of one key, its deadline as milliseconds remaining by the database clock.
SELECT state, version,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE state WHEN 'OPEN' THEN open_until
                                                        WHEN 'HALF_OPEN' THEN lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms,
       failure_count, changed_by
  FROM rc_circuit_breakers
 WHERE namespace = ? AND resource_key = ?
