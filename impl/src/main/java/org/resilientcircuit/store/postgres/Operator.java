package org.resilientcircuit.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;

/**
 * An operator's change of one breaker row, by the protocol every instance uses: read the row, then
 * the compare-and-set of transition.sql from the version read (version + 1, deadlines by the
 * database clock, the NOTIFY of the row trigger in the same statement). When an instance moved the
 * row in between, the change is tried again from the row that won, a few times.
 *
 * <p>For the command line ({@code reset KEY}, {@code open KEY}); it runs on a connection the caller
 * owns, in auto-commit mode, and never creates a row: an unknown key is reported, not invented.
 */
public final class Operator {

    /** How many compare-and-sets are tried before giving up on a row that keeps moving. */
    public static final int ATTEMPTS = 5;

    private Operator() {
    }

    /** What became of a change. */
    public enum Outcome {
        /** The row was changed; {@link Result#after()} is what it holds now. */
        CHANGED,
        /** The namespace has no row for the key; nothing was changed. */
        UNKNOWN_KEY,
        /** Every attempt lost to a transition of an instance; nothing was changed. */
        CONTENDED
    }

    /**
     * @param outcome what happened
     * @param before the row as last read before the winning (or last) attempt; null for an unknown key
     * @param after the row written; null unless {@link Outcome#CHANGED}
     * @param attempts compare-and-sets tried
     */
    public record Result(Outcome outcome, BreakerState before, BreakerState after, int attempts) {
    }

    /** The row of {@code key} in {@code namespace}, its deadline as time remaining by the database clock; null if none. */
    public static BreakerState read(Connection connection, String namespace, String key) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(StoreSql.READ)) {
            read.setString(1, namespace);
            read.setString(2, key);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? Rows.state(row) : null;
            }
        }
    }

    /**
     * Moves the row to {@code phase}: CLOSED (failure count 0, no deadline) or OPEN for
     * {@code remainingMillis} from now by the database clock, signed {@code changedBy}.
     */
    public static Result force(Connection connection, String namespace, String key, BreakerPhase phase,
            long remainingMillis, String changedBy) throws SQLException {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(changedBy, "changedBy");
        if (phase == BreakerPhase.HALF_OPEN) {
            throw new IllegalArgumentException("an operator closes or opens a breaker; HALF_OPEN belongs to a prober");
        }
        if (remainingMillis < 0) {
            throw new IllegalArgumentException("remainingMillis must be >= 0, was " + remainingMillis);
        }
        BreakerState row = read(connection, namespace, key);
        if (row == null) {
            return new Result(Outcome.UNKNOWN_KEY, null, null, 0);
        }
        for (int attempt = 1; ; attempt++) {
            BreakerState proposed = row.next(phase, phase == BreakerPhase.OPEN ? remainingMillis : 0, 0, changedBy);
            BreakerState written = compareAndSet(connection, namespace, key, row.version(), proposed);
            if (written != null) {
                return new Result(Outcome.CHANGED, row, written, attempt);
            }
            BreakerState moved = read(connection, namespace, key);
            if (moved == null) {
                return new Result(Outcome.UNKNOWN_KEY, null, null, attempt); // deleted meanwhile
            }
            row = moved;
            if (attempt == ATTEMPTS) {
                return new Result(Outcome.CONTENDED, row, null, attempt);
            }
        }
    }

    private static BreakerState compareAndSet(Connection connection, String namespace, String key, long expectedVersion,
            BreakerState proposed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(StoreSql.TRANSITION)) {
            update.setString(1, proposed.phase().name());
            update.setInt(2, proposed.failureCount());
            update.setString(3, proposed.owner());
            update.setLong(4, proposed.remainingMillis());
            update.setString(5, namespace);
            update.setString(6, key);
            update.setLong(7, expectedVersion);
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? Rows.state(row) : null;
            }
        }
    }
}
