package org.resilientcircuit.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Every change of one namespace's rows, as the table's trigger announces it on channel
 * {@code rc_circuit_breakers}: the table keeps only the current row, the announcements are its history.
 */
final class History implements AutoCloseable {

    /** One announced row: version, state and changed_by (the key is the members' only key). */
    record Change(long version, String state, String changedBy) {
        @Override
        public String toString() {
            return "v" + version + " " + state + " by " + (changedBy.isEmpty() ? "''" : changedBy);
        }
    }

    private final Connection connection;
    private final PGConnection listening;
    private final String namespace;
    private final List<Change> changes = new ArrayList<>();

    History(TestDatabase db, String namespace) throws SQLException {
        this.namespace = namespace;
        this.connection = db.connect();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN rc_circuit_breakers");
        }
        this.listening = connection.unwrap(PGConnection.class);
    }

    /** Everything announced so far (waits {@code settleMillis} for stragglers). */
    synchronized List<Change> changes(int settleMillis) throws SQLException {
        for (;;) {
            PGNotification[] batch = listening.getNotifications(settleMillis);
            if (batch == null || batch.length == 0) {
                return List.copyOf(changes);
            }
            for (PGNotification notification : batch) {
                // namespace, version, state, remaining, failures, by, time, table, key (see schema.sql);
                // the feeds' own test notifications have one field
                String[] fields = notification.getParameter().split("\u001F", 9);
                if (fields.length == 9 && fields[0].equals(namespace) && fields[8].equals(FleetMember.KEY)) {
                    changes.add(new Change(Long.parseLong(fields[1]), fields[2], fields[5]));
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
