/**
 * The specification's metrics and the store's, reported to MicroProfile Metrics, MicroProfile Telemetry or both, whichever the application server provides.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.cdi.metrics;
