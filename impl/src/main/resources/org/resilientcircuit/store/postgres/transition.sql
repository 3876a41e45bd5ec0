-- One transition: a compare-and-set on the version. It succeeds only if nobody moved the row since
-- the instance last knew it; row locking serialises concurrent attempts, so exactly one wins and
-- the version history has no gaps. Deadlines are computed from the database clock. The NOTIFY to
-- every other instance comes from the row trigger, in the same transaction.
WITH proposed AS (
    SELECT ?::varchar AS state, ?::integer AS failure_count, ?::varchar AS changed_by, ?::bigint AS millis
)
UPDATE rc_circuit_breakers AS b
   SET state = proposed.state,
       version = b.version + 1,
       failure_count = proposed.failure_count,
       changed_by = proposed.changed_by,
       open_until = CASE proposed.state
                        WHEN 'OPEN' THEN clock_timestamp() + proposed.millis * INTERVAL '1 millisecond'
                        WHEN 'CLOSED' THEN NULL
                        ELSE b.open_until END,
       lease_until = CASE proposed.state
                         WHEN 'HALF_OPEN' THEN clock_timestamp() + proposed.millis * INTERVAL '1 millisecond'
                         ELSE NULL END
  FROM proposed
 WHERE b.namespace = ? AND b.resource_key = ? AND b.version = ?
RETURNING b.state, b.version, proposed.millis AS remaining_ms, b.failure_count, b.changed_by
