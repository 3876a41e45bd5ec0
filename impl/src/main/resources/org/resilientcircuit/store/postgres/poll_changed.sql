-- The poll between full polls: the rows of the namespace whose updated_at moved within the last
-- `lookback` milliseconds (the time since the previous poll and a margin), by the index on
-- (namespace, updated_at). Its cost follows the changes, not the number of keys in use.
-- statement_timestamp(), not clock_timestamp(): a volatile bound could not use the index.
SELECT resource_key, state, version,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE state WHEN 'OPEN' THEN open_until
                                                        WHEN 'HALF_OPEN' THEN lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms,
       failure_count, changed_by, tableoid::bigint AS table_id
  FROM rc_circuit_breakers
 WHERE namespace = ? AND updated_at > statement_timestamp() - ? * INTERVAL '1 millisecond'
