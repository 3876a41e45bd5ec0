-- `status`: every breaker of one namespace, as the command line shows it. Times remaining are
-- measured by the database clock, as the instances measure them (read.sql); the timestamps are
-- the row's own. Equivalent to the seeds' dashboard query, per namespace and with our columns.
SELECT resource_key, state, failure_count, version, changed_by, updated_at, open_until, lease_until,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE state WHEN 'OPEN' THEN open_until
                                                        WHEN 'HALF_OPEN' THEN lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms
  FROM rc_circuit_breakers
 WHERE namespace = ?
 ORDER BY resource_key
