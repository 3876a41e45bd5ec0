/**
 * The PostgreSQL state store: breaker state shared by every instance through one table, with compare-and-set writes, notifications and polling, and local state while the database cannot be reached.
 *
 * <p><b>Internal: not an API.</b> This package is part of Resilient Circuit's implementation
 * ({@code resilient-circuit-impl}); its types may change or disappear in any release, a patch release
 * included, without notice. Applications compile against {@code resilient-circuit-api}
 * ({@code org.resilientcircuit.api} and {@code org.resilientcircuit.spi}) and need this module only at
 * run time.
 */
package org.resilientcircuit.store.postgres;
