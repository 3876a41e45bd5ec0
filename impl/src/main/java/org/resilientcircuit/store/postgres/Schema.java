package org.resilientcircuit.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Applies schema.sql (idempotent) in one transaction, serialised between instances by an advisory lock. */
public final class Schema {

    /** Any constant shared by every instance: two instances starting together must not race on DDL. */
    private static final long LOCK = 0x7263_6272_6b72_7300L;

    private Schema() {
    }

    /** The SQL that {@link #apply} runs, for {@code pg-setup --dry-run} and for migration tools. */
    public static String sql() {
        return StoreSql.SCHEMA;
    }

    public static void apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute(StoreSql.SCHEMA);
            connection.commit();
        } catch (SQLException problem) {
            connection.rollback();
            throw problem;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
