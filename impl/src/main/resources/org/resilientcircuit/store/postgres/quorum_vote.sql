-- One instance's vote to open the closed phase at `version` (committed on its own: see quorum_count.sql).
-- Old votes are cleared on the way.
WITH cleared AS (
    DELETE FROM rc_breaker_votes WHERE voted_at < clock_timestamp() - INTERVAL '1 day'
)
INSERT INTO rc_breaker_votes (namespace, resource_key, version, instance, voted_at)
VALUES (?, ?, ?, ?, clock_timestamp())
ON CONFLICT (namespace, resource_key, version, instance) DO UPDATE SET voted_at = clock_timestamp()
