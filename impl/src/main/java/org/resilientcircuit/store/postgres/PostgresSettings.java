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
 * @param sharedWindow judge one window of the whole fleet's outcomes ({@code rc.window=shared})
 * @param windowFlushMillis how often an instance adds its outcomes to the shared window
 * @param quorum how many distinct instances must trip a breaker before the shared row opens
 * @param quorumWindowMillis how recent a trip must be to count toward the quorum
 */
public record PostgresSettings(String namespace, String instanceId, long storeTimeoutMillis, long pollIntervalMillis,
        boolean listen, boolean createSchema, boolean sharedWindow, long windowFlushMillis, int quorum,
        long quorumWindowMillis) {

    public PostgresSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(instanceId, "instanceId");
        if (storeTimeoutMillis < 1 || pollIntervalMillis < 1 || windowFlushMillis < 1 || quorumWindowMillis < 1) {
            throw new IllegalArgumentException("store timeout, poll interval, window flush and quorum window must be >= 1 ms");
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be >= 1, was " + quorum);
        }
    }

    /** The defaults of everything but the connection: local windows, no quorum. */
    public static PostgresSettings of(String namespace, String instanceId) {
        return new PostgresSettings(namespace, instanceId, 500, 1000, true, false, false, 100, 1, 60_000);
    }
}
