-- One instance's vote to open the closed phase at `version`; answers how many distinct instances
-- voted for it within the quorum window. Old votes are cleared on the way.
WITH cleared AS (
    DELETE FROM rc_breaker_votes WHERE voted_at < clock_timestamp() - INTERVAL '1 day'
), vote AS (
    INSERT INTO rc_breaker_votes (namespace, resource_key, version, instance, voted_at)
    VALUES (?, ?, ?, ?, clock_timestamp())
    ON CONFLICT (namespace, resource_key, version, instance) DO UPDATE SET voted_at = clock_timestamp()
    RETURNING instance
)
SELECT 1 + count(*) AS voters
  FROM rc_breaker_votes
 WHERE namespace = ? AND resource_key = ? AND version = ?
   AND instance <> (SELECT instance FROM vote)
   AND voted_at > clock_timestamp() - ? * INTERVAL '1 millisecond'
