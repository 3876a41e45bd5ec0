package org.resilientcircuit.store.postgres;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the store cannot use, said once: an outage (logged when it starts and when it ends, never
 * once per call; a missing table named with the command that creates it), a row that cannot be
 * understood (logged once per key and problem, listed until it is readable again), and a table
 * whose history went backwards (logged once per minute at most, however many keys it touches).
 */
public final class StoreHealth {

    private static final System.Logger LOG = System.getLogger(StoreHealth.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";
    private static final long RESTART_LOG_PAUSE_NANOS = 60_000_000_000L;

    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicBoolean schemaWarned = new AtomicBoolean();
    private final AtomicBoolean schemaLeftAlone = new AtomicBoolean();
    private final String database;
    private final String namespace;
    private final StoreEvents events;
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();
    private final AtomicLong nextRestartLog = new AtomicLong(System.nanoTime());
    private volatile String lastProblem = "";
    private volatile String notificationsLost;

    StoreHealth(String database, String namespace, StoreEvents events) {
        this.database = database;
        this.namespace = namespace;
        this.events = events;
    }

    /** True while the instance runs on local state because the database cannot be reached. */
    public boolean degraded() {
        return degraded.get();
    }

    /** What made the store degraded; empty while it is not. */
    public String lastProblem() {
        return lastProblem;
    }

    /** The keys whose rows cannot be understood now, with what is wrong with each, in key order. */
    public Map<String, String> unreadableRows() {
        return new TreeMap<>(unreadable);
    }

    void failed(SQLException problem) {
        lastProblem = describe(problem);
        events.observer().failed(lastProblem);
        if (degraded.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Resilient Circuit cannot use the breaker state in {0}: {1}. Guarded calls go on"
                    + " with this instance''s local state; it reconciles when the database answers again.",
                    database, lastProblem);
        }
    }

    void recovered() {
        if (degraded.compareAndSet(true, false)) {
            lastProblem = "";
            LOG.log(Level.INFO, "Resilient Circuit reaches {0} again; local transitions are being reconciled", database);
        }
    }

    /** A row of {@code key} that cannot be understood; every other key goes on. */
    void unreadable(String key, String problem) {
        if (!problem.equals(unreadable.put(key, problem))) {
            events.observer().rowUnreadable(key, problem);
            LOG.log(Level.WARNING, "Resilient Circuit cannot understand the row of breaker {0} in namespace ''{1}'' of"
                    + " rc_circuit_breakers: {2}. This instance ignores that row, and keeps its own view of the key,"
                    + " until the row is repaired or this instance''s next transition of the key replaces it; every"
                    + " other key is unaffected.", key, namespace, problem);
        }
    }

    /** The row of {@code key} is understood (again). */
    void readable(String key) {
        if (!unreadable.isEmpty() && unreadable.remove(key) != null) {
            LOG.log(Level.INFO, "Resilient Circuit understands the row of breaker {0} again", key);
        }
    }

    /** The row of {@code key} went back to {@code version} although this instance knew {@code knownVersion}. */
    void restarted(String key, long version, String knownVersion) {
        events.observer().historyRestarted(key);
        long now = System.nanoTime();
        long next = nextRestartLog.get();
        Level level = now - next >= 0 && nextRestartLog.compareAndSet(next, now + RESTART_LOG_PAUSE_NANOS)
                ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "Resilient Circuit found the history of rc_circuit_breakers gone backwards (breaker {0} in"
                + " namespace ''{1}'' is at version {2}, this instance knew {3}): the table was created again,"
                + " truncated or restored. This instance adopts the rows as they are and writes its own pending"
                + " decisions on top (said once a minute at most).", key, namespace, version, knownVersion);
    }

    /** What the store cannot use although it is not degraded. */
    public List<String> notices() {
        String silent = notificationsLost;
        return silent == null ? List.of() : List.of(silent);
    }

    /**
     * Whether the feed's own test notification came back after it started to LISTEN. Behind a
     * connection pooler in transaction mode LISTEN is accepted and nothing ever arrives: said once,
     * and shown in health, while changes made elsewhere travel only by polling.
     */
    void notificationsArrive(boolean arrive, long pollIntervalMillis) {
        if (!arrive && notificationsLost == null) {
            notificationsLost = "notifications do not arrive (LISTEN was accepted, but this instance's own test"
                    + " notification never came back: a connection pooler in transaction mode?); changes made"
                    + " elsewhere reach this instance by polling, within rc.poll.interval (" + pollIntervalMillis
                    + " ms). Set rc.propagation=poll to use polling on purpose, or connect the store past the pooler.";
            LOG.log(Level.WARNING, "Resilient Circuit: {0}", notificationsLost);
        } else if (arrive && notificationsLost != null) {
            notificationsLost = null;
            LOG.log(Level.INFO, "Resilient Circuit receives notifications from {0} again", database);
        }
    }

    /** rc.schema.create=true on a role that may not change the schema, which is in place: said once. */
    void schemaLeftAlone(String why) {
        if (schemaLeftAlone.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "Resilient Circuit left the schema of rc_circuit_breakers in {0} as it is:"
                    + " rc.schema.create=true, but this role may not change it ({1}); the table is in place and"
                    + " usable, so nothing needs changing.", database, why);
        }
    }

    /** Said once per store: a schema that lacks what hears foreign writers costs agreement, not availability. */
    void missingFromSchema(List<String> missing) {
        if (!missing.isEmpty() && schemaWarned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Resilient Circuit finds rc_circuit_breakers in {0} set up by an earlier release"
                    + " (missing: {1}): changes by writers that do not move the version column (the Python library,"
                    + " an operator''s UPDATE) are not heard, and polls scan the table. Run"
                    + " `java -jar resilient-circuit-impl-<version>-cli.jar pg-setup --yes` or set rc.schema.create=true.",
                    database, String.join(", ", missing));
        }
    }

    private static String describe(SQLException problem) {
        if (UNDEFINED_TABLE.equals(problem.getSQLState())) {
            return "table rc_circuit_breakers does not exist; create it with "
                    + "`java -jar resilient-circuit-impl-<version>-cli.jar pg-setup --yes` or set rc.schema.create=true";
        }
        return problem.getMessage();
    }
}
