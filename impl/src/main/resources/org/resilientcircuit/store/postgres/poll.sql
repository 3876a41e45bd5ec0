-- Catch-up for lost notifications and for connections that cannot LISTEN: the rows of every key
-- this instance uses, read once per poll interval (never once per guarded call), in batches.
-- The keys are a join against unnest(array), so the plan is one index probe per key whatever the
-- number of keys: a `resource_key = ANY (?)` filter may become a generic plan that scans the key
-- array for every row of the namespace (quadratic with thousands of keys).
SELECT b.resource_key, b.state, b.version,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE b.state WHEN 'OPEN' THEN b.open_until
                                                          WHEN 'HALF_OPEN' THEN b.lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms,
       b.failure_count, b.changed_by, b.tableoid::bigint AS table_id
  FROM unnest(?::varchar[]) AS used(resource_key)
  JOIN rc_circuit_breakers AS b ON b.namespace = ? AND b.resource_key = used.resource_key
