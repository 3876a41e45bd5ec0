package org.resilientcircuit.store.postgres;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the store reaches its database. An outage is logged once when it starts and once when
 * it ends, never once per call; a missing table is named with the command that creates it.
 */
public final class StoreHealth {

    private static final System.Logger LOG = System.getLogger(StoreHealth.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";

    private final AtomicBoolean degraded = new AtomicBoolean();
    private final String database;
    private final StoreEvents events;
    private volatile String lastProblem = "";

    StoreHealth(String database, StoreEvents events) {
        this.database = database;
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

    private static String describe(SQLException problem) {
        if (UNDEFINED_TABLE.equals(problem.getSQLState())) {
            return "table rc_circuit_breakers does not exist; create it with "
                    + "`java -jar resilient-circuit-impl-<version>-cli.jar pg-setup --yes` or set rc.schema.create=true";
        }
        return problem.getMessage();
    }
}
