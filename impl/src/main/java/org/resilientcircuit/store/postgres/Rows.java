package org.resilientcircuit.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;

/**
 * Reads rows from result sets and from notification payloads. Anybody may write the table (an
 * operator, another tool), so a row is judged, never trusted: one that cannot be understood
 * becomes a {@link Row} that says what is wrong with it instead of an exception that would stop
 * every other key.
 */
final class Rows {

    /** The payload's field separator, as written by the notify trigger in schema.sql. */
    private static final String SEPARATOR = String.valueOf((char) 31);

    private Rows() {
    }

    /**
     * A row as read.
     *
     * @param state the breaker state it holds; null when it cannot be understood
     * @param rawVersion its version column as it is, even when unreadable (what a repair compares and sets)
     * @param problem what makes it unreadable; empty when it is readable
     * @param table the table's identity (its oid), which changes when the table is created again; 0 if unknown
     */
    record Row(BreakerState state, long rawVersion, String problem, long table) {

        boolean readable() {
            return state != null;
        }
    }

    /** Columns: state, version, remaining_ms, failure_count, changed_by, table_id (by name). */
    static Row read(ResultSet row) throws SQLException {
        return judge(row.getString("state"), row.getLong("version"), row.getLong("remaining_ms"),
                row.getInt("failure_count"), row.getString("changed_by"), row.getLong("table_id"));
    }

    /** The state of a row that must be readable: one this store has just written. */
    static BreakerState state(ResultSet row) throws SQLException {
        Row read = read(row);
        if (!read.readable()) {
            throw new SQLException("row written but unreadable: " + read.problem());
        }
        return read.state();
    }

    private static Row judge(String state, long version, long remainingMillis, int failures, String changedBy,
            long table) {
        BreakerPhase phase = phase(state);
        if (phase == null) {
            return unreadable(version, "state " + (state == null ? "NULL" : "'" + state + "'")
                    + " is none of CLOSED, OPEN, HALF_OPEN", table);
        }
        if (version < 0) {
            return unreadable(version, "version " + version + " is negative", table);
        }
        return new Row(new BreakerState(phase, version, remainingMillis, Math.max(0, failures),
                changedBy == null ? "" : changedBy), version, "", table);
    }

    private static Row unreadable(long version, String problem, long table) {
        return new Row(null, version, problem, table);
    }

    private static BreakerPhase phase(String state) {
        if (state == null) {
            return null;
        }
        for (BreakerPhase phase : BreakerPhase.values()) {
            if (phase.name().equals(state)) {
                return phase;
            }
        }
        return null;
    }

    /**
     * A change announced by the trigger: namespace, version, state, remaining, failures, by, the
     * announcement's time in database-clock microseconds, the table's oid, key. Schemas of earlier
     * releases send seven fields (no time, no table) or eight (no table); the missing ones are -1
     * and 0.
     */
    record Announcement(String namespace, String key, Row row, long announcedMicros) {

        static Announcement parse(String payload) {
            String[] fields = payload.split(SEPARATOR, 9);
            if (fields.length < 7) {
                throw new IllegalArgumentException("not a rc_circuit_breakers announcement: " + payload);
            }
            long micros = fields.length >= 8 ? Long.parseLong(fields[6]) : -1;
            long table = fields.length == 9 ? Long.parseLong(fields[7]) : 0;
            String key = fields[fields.length - 1];
            Row row = judge(fields[2], Long.parseLong(fields[1]), fields[3].isEmpty() ? 0 : Long.parseLong(fields[3]),
                    Integer.parseInt(fields[4]), fields[5], table);
            return new Announcement(fields[0], key, row, micros);
        }
    }
}
