package org.resilientcircuit.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.resilientcircuit.spi.BreakerState;

/**
 * The writer's connection and the statements it runs. Used by one thread only. After a failure it
 * waits before connecting again, so an outage costs one attempt per second, not one per transition.
 */
final class StoreConnection implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = 1_000_000_000L;
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final StoreHealth health;
    private final StoreEvents events;
    private StoreSession session;
    private Connection connection;
    private long nextAttempt;

    StoreConnection(DataSource dataSource, PostgresSettings settings, StoreHealth health, StoreEvents events) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.health = health;
        this.events = events;
    }

    /** The next {@link #ready()} connects at once, without waiting out the pause after a failure. */
    void retryNow() {
        nextAttempt = System.nanoTime();
    }

    /** @return false while the database cannot be reached (without trying again too soon) */
    boolean ready() {
        if (connection != null) {
            return true;
        }
        if (System.nanoTime() - nextAttempt < 0) {
            return false;
        }
        try {
            session = StoreSession.open(dataSource, settings, "writer");
            connection = session.connection();
            if (settings.createSchema()) {
                createSchema();
            }
            health.missingFromSchema(missingFromSchema());
            return true;
        } catch (SQLException problem) {
            failed(problem);
            return false;
        }
    }

    /**
     * rc.schema.create=true: applies schema.sql. A role without the right to change the schema
     * (least privilege: SELECT, INSERT, UPDATE only) runs on a schema that is already in place and
     * complete, and says once that it left it alone; without one, the error names what is missing.
     */
    private void createSchema() throws SQLException {
        try {
            Schema.apply(connection);
        } catch (SQLException denied) {
            if (!INSUFFICIENT_PRIVILEGE.equals(denied.getSQLState())) {
                throw denied;
            }
            List<String> missing = missingFromSchema();
            if (!missing.isEmpty() || !tableReadable()) {
                throw new SQLException("rc.schema.create=true, but this role may not create or upgrade the schema ("
                        + denied.getMessage() + ") and it is " + (missing.isEmpty() ? "not in place"
                        : "incomplete (missing: " + String.join(", ", missing) + ")") + ": run `java -jar"
                        + " resilient-circuit-impl-<version>-cli.jar pg-setup --yes` as the table's owner, and grant"
                        + " this role SELECT, INSERT, UPDATE on rc_circuit_breakers (see `pg-setup --grant ROLE`)",
                        INSUFFICIENT_PRIVILEGE, denied);
            }
            health.schemaLeftAlone(denied.getMessage());
        }
    }

    private boolean tableReadable() throws SQLException {
        try {
            return valid();
        } catch (SQLException notReadable) {
            return false;
        }
    }

    /** What schema_check.sql finds missing: empty when the schema is current (or the table is missing). */
    private List<String> missingFromSchema() throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Statement check = connection.createStatement(); ResultSet rows = check.executeQuery(StoreSql.SCHEMA_CHECK)) {
            while (rows.next()) {
                missing.add(rows.getString(1));
            }
        }
        return missing;
    }

    /**
     * A round trip that proves the store works again after an outage was noticed elsewhere: it
     * reads the table, so a connection to a database whose table is missing does not count as a
     * recovery (which would be said, then undone by the next poll, once a second).
     */
    boolean valid() throws SQLException {
        try (PreparedStatement probe = connection.prepareStatement(StoreSql.PROBE)) {
            long start = System.nanoTime();
            try (ResultSet ignored = probe.executeQuery()) {
                events.roundTrip(start);
                return true;
            }
        }
    }

    void failed(SQLException problem) {
        health.failed(problem);
        if (session != null) {
            session.abandon();
            session = null;
            connection = null;
        }
        nextAttempt = System.nanoTime() + RECONNECT_PAUSE_NANOS;
    }

    /** The row of {@code key}, created CLOSED at version 0 if missing. */
    Rows.Row readOrInsert(String key) throws SQLException {
        Rows.Row row = read(key);
        if (row != null) {
            return row;
        }
        try (PreparedStatement insert = connection.prepareStatement(StoreSql.INSERT)) {
            insert.setString(1, settings.namespace());
            insert.setString(2, key);
            long start = System.nanoTime();
            insert.executeUpdate();
            events.roundTrip(start);
        }
        return read(key);
    }

    private Rows.Row read(String key) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(StoreSql.READ)) {
            read.setString(1, settings.namespace());
            read.setString(2, key);
            long start = System.nanoTime();
            try (ResultSet row = read.executeQuery()) {
                events.roundTrip(start);
                return row.next() ? Rows.read(row) : null;
            }
        }
    }

    /**
     * The compare-and-set of transition.sql from {@code expectedVersion}. The row's version becomes
     * the next one, or {@code leastVersion} if that is higher (a write on top of a table that went
     * back: see transition.sql).
     *
     * @return the row written, or null if the row was not at {@code expectedVersion}
     */
    Rows.Row compareAndSet(String key, long expectedVersion, BreakerState proposed, long leastVersion)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(StoreSql.TRANSITION)) {
            bindTransition(update, settings.namespace(), key, expectedVersion, proposed, leastVersion);
            long start = System.nanoTime();
            try (ResultSet row = update.executeQuery()) {
                events.roundTrip(start);
                Rows.Row written = row.next() ? Rows.read(row) : null;
                health.recovered();
                return written;
            }
        }
    }

    /** Binds the parameters of transition.sql, for the store and for {@link Operator}. */
    static void bindTransition(PreparedStatement update, String namespace, String key, long expectedVersion,
            BreakerState proposed, long leastVersion) throws SQLException {
        update.setString(1, proposed.phase().name());
        update.setInt(2, proposed.failureCount());
        update.setString(3, proposed.owner());
        update.setLong(4, proposed.remainingMillis());
        update.setLong(5, leastVersion);
        update.setString(6, namespace);
        update.setString(7, key);
        update.setLong(8, expectedVersion);
    }

    /** Adds a batch to the fleet's window; returns {calls, failures} of the window, or null if the batch was stale. */
    int[] addToWindow(String key, FleetWindow.Batch batch) throws SQLException {
        try (PreparedStatement flush = connection.prepareStatement(StoreSql.WINDOW_FLUSH)) {
            flush.setString(1, settings.namespace());
            flush.setString(2, key);
            flush.setLong(3, batch.version());
            flush.setInt(4, batch.calls());
            flush.setInt(5, batch.failures());
            long start = System.nanoTime();
            try (ResultSet row = flush.executeQuery()) {
                events.roundTrip(start);
                return row.next() ? new int[] {row.getInt("calls"), row.getInt("failures")} : null;
            }
        }
    }

    void restartWindow(String key, long version, int calls) throws SQLException {
        try (PreparedStatement restart = connection.prepareStatement(StoreSql.WINDOW_RESTART)) {
            restart.setString(1, settings.namespace());
            restart.setString(2, key);
            restart.setLong(3, version);
            restart.setInt(4, calls);
            long start = System.nanoTime();
            restart.executeUpdate();
            events.roundTrip(start);
        }
    }

    /** Votes to open the closed phase at {@code version}; returns the distinct voters within the quorum window. */
    int vote(String key, long version) throws SQLException {
        try (PreparedStatement vote = connection.prepareStatement(StoreSql.QUORUM_VOTE)) {
            vote.setString(1, settings.namespace());
            vote.setString(2, key);
            vote.setLong(3, version);
            vote.setString(4, settings.instanceId());
            long start = System.nanoTime();
            vote.executeUpdate();
            events.roundTrip(start);
        }
        try (PreparedStatement count = connection.prepareStatement(StoreSql.QUORUM_COUNT)) {
            count.setString(1, settings.namespace());
            count.setString(2, key);
            count.setLong(3, version);
            count.setLong(4, settings.quorumWindowMillis());
            long start = System.nanoTime();
            try (ResultSet row = count.executeQuery()) {
                events.roundTrip(start);
                row.next();
                return row.getInt("voters");
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
            connection = null;
        }
    }
}
