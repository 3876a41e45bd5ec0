-- The namespaces in the table and how many breakers each holds; with a key (parameters 1 and 2),
-- only the namespaces that hold that key. For hints when a namespace is empty or a key unknown.
SELECT namespace, count(*) AS breakers
  FROM rc_circuit_breakers
 WHERE ?::varchar IS NULL OR resource_key = ?
 GROUP BY namespace
 ORDER BY namespace
