-- A full window that did not trip: the next requestVolumeThreshold outcomes make a new window
-- (the shared window tumbles; a local window rolls).
UPDATE rc_breaker_windows SET calls = 0, failures = 0
 WHERE namespace = ? AND resource_key = ? AND version = ? AND calls >= ?
