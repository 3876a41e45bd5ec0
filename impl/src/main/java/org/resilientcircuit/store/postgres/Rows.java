package org.resilientcircuit.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;

/** Reads states from result sets and from notification payloads. */
final class Rows {

    /** The payload's field separator, as written by the notify trigger in schema.sql. */
    private static final String SEPARATOR = String.valueOf((char) 31);

    private Rows() {
    }

    /** Columns: state, version, remaining_ms, failure_count, changed_by (by name). */
    static BreakerState state(ResultSet row) throws SQLException {
        return new BreakerState(BreakerPhase.valueOf(row.getString("state")), row.getLong("version"),
                row.getLong("remaining_ms"), row.getInt("failure_count"), row.getString("changed_by"));
    }

    /**
     * A change announced by the trigger: namespace, version, state, remaining, failures, by, the
     * announcement's time in database-clock microseconds, key. A schema from before the time field
     * sends seven fields; then {@code announcedMicros} is -1.
     */
    record Announcement(String namespace, String key, BreakerState state, long announcedMicros) {

        static Announcement parse(String payload) {
            String[] fields = payload.split(SEPARATOR, 8);
            if (fields.length < 7) {
                throw new IllegalArgumentException("not a rc_circuit_breakers announcement: " + payload);
            }
            BreakerState state = new BreakerState(BreakerPhase.valueOf(fields[2]), Long.parseLong(fields[1]),
                    fields[3].isEmpty() ? 0 : Long.parseLong(fields[3]), Integer.parseInt(fields[4]), fields[5]);
            if (fields.length == 7) {
                return new Announcement(fields[0], fields[6], state, -1);
            }
            return new Announcement(fields[0], fields[7], state, Long.parseLong(fields[6]));
        }
    }
}
