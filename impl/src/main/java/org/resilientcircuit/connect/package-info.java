/**
 * The settings that say where the PostgreSQL store connects (a JDBC URL, a libpq DSN, or host, port and name, with TLS), read from MicroProfile Config or the command line, checked and turned into one connection target.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.connect;
