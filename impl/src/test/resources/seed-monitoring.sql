-- The SQL of the seed documents that reads or maintains rc_circuit_breakers, copied verbatim
-- from /shared/seeds (only the reStructuredText indentation of the code blocks is removed).
-- It must run unchanged against the table made by schema.sql: SchemaTest runs every statement.
-- Each statement is preceded by a line "-- [name] seed FILE, section": the name is the test's
-- handle on it, FILE is the seed document it comes from. Statements end with ";" at a line's end
-- (a comment may follow on that line).

-- [view-all] seed 000_bf83e150261c799e.txt, Monitoring / Query Circuit Breaker State
-- View all circuit breakers and their status
SELECT resource_key, state, failure_count, open_until, updated_at
FROM rc_circuit_breakers
ORDER BY updated_at DESC;

-- [find-open] seed 000_bf83e150261c799e.txt, Monitoring / Query Circuit Breaker State
-- Find all open circuit breakers
SELECT resource_key, open_until, updated_at
FROM rc_circuit_breakers
WHERE state = 'OPEN';

-- [failure-counts] seed 000_bf83e150261c799e.txt, Monitoring / Query Circuit Breaker State
-- Check failure counts
SELECT resource_key, failure_count, state
FROM rc_circuit_breakers
WHERE state = 'CLOSED'
ORDER BY failure_count DESC;

-- [transitions] seed 000_bf83e150261c799e.txt, Monitoring / Query Circuit Breaker State
-- Monitor circuit breaker transitions
SELECT resource_key, state, updated_at
FROM rc_circuit_breakers
WHERE updated_at > NOW() - INTERVAL '1 hour'
ORDER BY updated_at DESC;

-- [cleanup] seed 000_bf83e150261c799e.txt, Best Practices / 3. Monitor Database Size
DELETE FROM rc_circuit_breakers
WHERE updated_at < NOW() - INTERVAL '30 days';

-- [internal-lock] seed 001_95b0b4eb113c9df4.txt, State Synchronization / Concurrency Handling
-- Internal query used by Resilient Circuit
SELECT state, failure_count, open_until
FROM rc_circuit_breakers
WHERE resource_key = 'payment_api'
FOR UPDATE;  -- Locks the row

-- [dashboard] seed 001_95b0b4eb113c9df4.txt, Monitoring and Observability / Real-Time Monitoring
-- Dashboard query: Current state of all circuit breakers
SELECT
    resource_key,
    state,
    failure_count,
    CASE
        WHEN state = 'OPEN' THEN
            EXTRACT(EPOCH FROM (open_until - NOW()))
        ELSE 0
    END as seconds_until_halfopen,
    updated_at
FROM rc_circuit_breakers
ORDER BY updated_at DESC;

-- [alert] seed 001_95b0b4eb113c9df4.txt, Monitoring and Observability / Alerting
-- Alert: Payment service circuit breaker opened
SELECT resource_key, state, updated_at
FROM rc_circuit_breakers
WHERE resource_key = 'payment_service'
  AND state = 'OPEN'
  AND updated_at > NOW() - INTERVAL '5 minutes';
