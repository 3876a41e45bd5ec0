-- Adds one instance's batch of outcomes to the fleet's window of the closed phase at `version`.
-- A batch for a newer phase starts the window afresh; a batch for an older phase (an instance that
-- has not yet heard of the transition) is dropped by the WHERE clause.
INSERT INTO rc_breaker_windows AS w (namespace, resource_key, version, calls, failures)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (namespace, resource_key) DO UPDATE
   SET calls = CASE WHEN w.version = EXCLUDED.version THEN w.calls + EXCLUDED.calls ELSE EXCLUDED.calls END,
       failures = CASE WHEN w.version = EXCLUDED.version THEN w.failures + EXCLUDED.failures ELSE EXCLUDED.failures END,
       version = EXCLUDED.version
 WHERE w.version <= EXCLUDED.version
RETURNING calls, failures
