/**
 * The command line of the cli jar ({@code pg-setup}, {@code status}, {@code reset}, {@code open}): sets up the PostgreSQL schema and reads or changes breakers from outside the application.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.cli;
