/**
 * The CDI extension and interceptor: reads the MicroProfile Fault Tolerance annotations and their configuration, validates them at deployment, chooses the state store, and runs each guarded method through the engine.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.cdi;
