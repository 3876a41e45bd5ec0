-- Catch-up for lost notifications and for connections that cannot LISTEN: the rows of every key
-- this instance uses, read once per poll interval (never once per guarded call), in batches.
-- One primary-key probe per key, whatever the number of keys or of rows in the table: the LATERAL
-- subquery with its LIMIT cannot become a hash join that reads the whole namespace once per batch,
-- and a `resource_key = ANY (?)` filter may become a generic plan that compares every row of the
-- namespace with every key of the array (quadratic with thousands of keys).
SELECT used.resource_key, b.state, b.version,
       GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE b.state WHEN 'OPEN' THEN b.open_until
                                                          WHEN 'HALF_OPEN' THEN b.lease_until END)
                                       - clock_timestamp()) * 1000))::bigint AS remaining_ms,
       b.failure_count, b.changed_by, b.table_id
  FROM unnest(?::varchar[]) AS used(resource_key)
 CROSS JOIN LATERAL (
       SELECT r.state, r.version, r.open_until, r.lease_until, r.failure_count, r.changed_by,
              r.tableoid::bigint AS table_id
         FROM rc_circuit_breakers AS r
        WHERE r.namespace = ? AND r.resource_key = used.resource_key
        LIMIT 1) AS b
