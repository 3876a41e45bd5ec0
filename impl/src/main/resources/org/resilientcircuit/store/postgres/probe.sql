-- Whether the store can work: the table is there and readable by this role. Used after an outage
-- before the instance says it recovered.
SELECT 1 FROM rc_circuit_breakers WHERE false
