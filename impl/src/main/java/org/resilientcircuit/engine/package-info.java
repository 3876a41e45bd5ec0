/**
 * The fault-tolerance engine: the steps of a guarded call (timeout, retry, circuit breaker, bulkhead, fallback, asynchronous execution), the circuit breaker's states, and the library's own threads and timers.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.engine;
