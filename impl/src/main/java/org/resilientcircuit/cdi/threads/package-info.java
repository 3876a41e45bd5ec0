/**
 * Which threads run asynchronous executions, timers and the store, and what carries the caller's
 * context to them: the container's Jakarta Concurrency resources, MicroProfile Context Propagation's
 * {@code ThreadContext}, or the library's own threads.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.cdi.threads;
