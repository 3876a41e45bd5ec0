-- A key seen for the first time starts CLOSED at version 0; whoever inserts first wins, silently.
INSERT INTO rc_circuit_breakers (namespace, resource_key, state, version)
VALUES (?, ?, 'CLOSED', 0)
ON CONFLICT (namespace, resource_key) DO NOTHING
