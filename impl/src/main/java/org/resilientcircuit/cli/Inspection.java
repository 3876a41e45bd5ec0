package org.resilientcircuit.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What exists of the table {@code rc_circuit_breakers} in a database (in the connection's search
 * path), against what schema.sql makes.
 *
 * @param exists whether the table exists
 * @param rows its number of rows
 * @param columns its columns, in table order
 * @param indexes the names of its indexes, sorted
 * @param triggers the names of its (user) triggers, sorted
 * @param localTimestamps its TIMESTAMP (without time zone) columns: a table of the Python ancestor's
 */
public record Inspection(boolean exists, long rows, List<String> columns, List<String> indexes,
        List<String> triggers, List<String> localTimestamps) {

    public static final String TABLE = "rc_circuit_breakers";

    /** The indexes the seeds name and the change feed's; an upgraded table may have more (they are kept). */
    public static final List<String> INDEXES = List.of(
            "rc_circuit_breakers_pkey",
            "idx_rc_circuit_breakers_state",
            "idx_rc_circuit_breakers_open_until",
            "idx_rc_circuit_breakers_key_state",
            "idx_rc_circuit_breakers_namespace_updated",
            "idx_rc_circuit_breakers_state_updated");

    public static final List<String> TRIGGERS = List.of(
            "rc_circuit_breakers_notify",
            "rc_circuit_breakers_updated_at",
            "rc_circuit_breakers_version");

    public static Inspection of(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return new Inspection(false, 0, List.of(), List.of(), List.of(), List.of());
        }
        long rows;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
            result.next();
            rows = result.getLong(1);
        }
        String columns = "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
                + " AND NOT attisdropped";
        return new Inspection(true, rows,
                names(connection, columns + " ORDER BY attnum"),
                names(connection, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE i.indrelid = to_regclass(?) ORDER BY c.relname"),
                names(connection, "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(?)"
                        + " AND NOT tgisinternal ORDER BY tgname"),
                names(connection, columns + " AND atttypid = 'timestamp'::regtype ORDER BY attnum"));
    }

    /** The table, expected indexes and triggers that are not there. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!exists) {
            missing.add("table " + TABLE);
        }
        INDEXES.stream().filter(name -> !indexes.contains(name)).map(name -> "index " + name).forEach(missing::add);
        TRIGGERS.stream().filter(name -> !triggers.contains(name)).map(name -> "trigger " + name).forEach(missing::add);
        return missing;
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, TABLE);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TABLE);
            List<String> names = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            return List.copyOf(names);
        }
    }
}
