package org.resilientcircuit.store.postgres;

import java.util.Objects;

/**
 * How the PostgreSQL store behaves, resolved from configuration by the glue.
 *
 * @param namespace keeps environments sharing one database apart; part of every row's identity
 * @param instanceId names this instance in {@code changed_by} and as the prober
 * @param storeTimeoutMillis the longest a guarded call waits for the store, and the statement timeout
 * @param pollIntervalMillis how often every used key is re-read (catch-up for lost notifications)
 * @param listen use LISTEN/NOTIFY ({@code rc.propagation=notify}); false polls only
 * @param createSchema apply schema.sql on first connection ({@code rc.schema.create})
 */
public record PostgresSettings(String namespace, String instanceId, long storeTimeoutMillis, long pollIntervalMillis,
        boolean listen, boolean createSchema) {

    public PostgresSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(instanceId, "instanceId");
        if (storeTimeoutMillis < 1 || pollIntervalMillis < 1) {
            throw new IllegalArgumentException("store timeout and poll interval must be >= 1 ms");
        }
    }
}
