package org.resilientcircuit.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * One connection of the store (the writer's or the feed's), set up for it and handed back as it
 * came: it may belong to a pool the application shares.
 *
 * <ul>
 *   <li>The statement and lock timeouts are the store's bound, so no statement holds a decision
 *       longer; the application name says which thread of the library runs it.</li>
 *   <li>Statements are never prepared on the server: behind a connection pooler in transaction
 *       mode (PgBouncer), consecutive statements run on different server connections, where the
 *       driver's named prepared statements collide ({@code prepared statement "S_1" already exists})
 *       or are missing. The store's statements are few and small; parsing them each time costs
 *       microseconds.</li>
 * </ul>
 */
final class StoreSession implements AutoCloseable {

    private final Connection connection;
    private final PGConnection driver;
    private final int prepareThreshold;

    private StoreSession(Connection connection, PGConnection driver) {
        this.connection = connection;
        this.driver = driver;
        this.prepareThreshold = driver == null ? 0 : driver.getPrepareThreshold();
    }

    static StoreSession open(DataSource dataSource, PostgresSettings settings, String role) throws SQLException {
        Connection opened = dataSource.getConnection();
        try {
            StoreSession session = new StoreSession(opened, pgjdbc(opened));
            session.setUp(settings, role);
            return session;
        } catch (SQLException problem) {
            opened.close();
            throw problem;
        }
    }

    Connection connection() {
        return connection;
    }

    private void setUp(PostgresSettings settings, String role) throws SQLException {
        // statement_timeout runs on the server; a silent network needs a client-side bound too
        // (longer than the feed's wait for notifications, which blocks on the socket by design)
        long bound = Math.max(Math.max(1000, settings.storeTimeoutMillis() * 5), settings.pollIntervalMillis() * 2);
        connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, bound));
        connection.setAutoCommit(true);
        if (driver != null) {
            driver.setPrepareThreshold(0);
        }
        try (PreparedStatement session = connection.prepareStatement(StoreSql.SESSION)) {
            session.setString(1, settings.storeTimeoutMillis() + "ms");
            session.setString(2, settings.storeTimeoutMillis() + "ms");
            session.setString(3, "resilient-circuit " + role);
            session.execute();
        }
    }

    /** The driver's connection behind a container's wrapper; null if there is none to reach. */
    private static PGConnection pgjdbc(Connection opened) {
        try {
            return opened.isWrapperFor(PGConnection.class) ? opened.unwrap(PGConnection.class) : null;
        } catch (SQLException notAWrapper) {
            return null;
        }
    }

    /** Leaves no settings behind, and closes (a pooled connection goes back to its pool). */
    @Override
    public void close() {
        try (Statement reset = connection.createStatement()) {
            reset.execute("RESET statement_timeout; RESET lock_timeout; RESET application_name");
        } catch (SQLException brokenAnyway) {
            // closing anyway
        }
        abandon();
    }

    /** Closes a connection that just failed, without another round trip on it. */
    void abandon() {
        if (driver != null) {
            driver.setPrepareThreshold(prepareThreshold);
        }
        try {
            connection.close();
        } catch (SQLException brokenAnyway) {
            // already broken
        }
    }
}
