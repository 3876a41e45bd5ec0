-- One transition: a compare-and-set on the version. It succeeds only if nobody moved the row since
-- the instance last knew it; row locking serialises concurrent attempts, so exactly one wins and
-- the version history has no gaps. Deadlines are computed from the database clock. The NOTIFY to
-- every other instance comes from the row trigger, in the same transaction.
-- `least_version` is 0 for an ordinary transition. When the table's history went backwards (the
-- table recreated, truncated or restored) or the row was unreadable, the store writes its decision
-- on top with the version it proposed, so the row jumps ahead of every version an instance may
-- still hold, and every instance takes the announcement as news.
WITH proposed AS (
    SELECT ?::varchar AS state, ?::integer AS failure_count, ?::varchar AS changed_by, ?::bigint AS millis,
           ?::bigint AS least_version
)
UPDATE rc_circuit_breakers AS b
   SET state = proposed.state,
       version = GREATEST(b.version + 1, proposed.least_version),
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
RETURNING b.state, b.version, proposed.millis AS remaining_ms, b.failure_count, b.changed_by,
          b.tableoid::bigint AS table_id
