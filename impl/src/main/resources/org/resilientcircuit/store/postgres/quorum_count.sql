-- How many distinct instances voted to open the closed phase at `version` within the quorum window.
-- A separate statement after the vote committed: of two instances voting at once, each counts after
-- its own vote is visible, so at least the later one sees both, and the quorum is never missed.
SELECT count(*) AS voters
  FROM rc_breaker_votes
 WHERE namespace = ? AND resource_key = ? AND version = ?
   AND voted_at > clock_timestamp() - ? * INTERVAL '1 millisecond'
