-- The database clock in microseconds since the epoch: the feed compares it with this host's clock
-- once per connection, to turn an announcement's time into a propagation delay.
SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint
