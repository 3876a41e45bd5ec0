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

    /**
     * The row of {@code key} in {@code namespace}, its deadline as time remaining by the database
     * clock; null if none.
     *
     * @throws SQLException also when the row cannot be understood (saying what is wrong with it)
     */
    public static BreakerState read(Connection connection, String namespace, String key) throws SQLException {
        Rows.Row row = readRow(connection, namespace, key);
        if (row != null && !row.readable()) {
            throw new SQLException("the row of " + key + " cannot be understood: " + row.problem()
                    + " (`reset` or `open` replaces it)");
        }
        return row == null ? null : row.state();
    }

    /**
     * Moves the row to {@code phase}: CLOSED (failure count 0, no deadline) or OPEN for
     * {@code remainingMillis} from now by the database clock, signed {@code changedBy}. A row that
     * cannot be understood is replaced.
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
        Rows.Row row = readRow(connection, namespace, key);
        if (row == null) {
            return new Result(Outcome.UNKNOWN_KEY, null, null, 0);
        }
        for (int attempt = 1; ; attempt++) {
            BreakerState from = row.readable() ? row.state()
                    : new BreakerState(BreakerPhase.CLOSED, Math.max(0, row.rawVersion()), 0, 0, "");
            BreakerState proposed = from.next(phase, phase == BreakerPhase.OPEN ? remainingMillis : 0, 0, changedBy);
            BreakerState written = compareAndSet(connection, namespace, key, row.rawVersion(), proposed);
            if (written != null) {
                return new Result(Outcome.CHANGED, from, written, attempt);
            }
            row = readRow(connection, namespace, key);
            if (row == null) {
                return new Result(Outcome.UNKNOWN_KEY, null, null, attempt); // deleted meanwhile
            }
            if (attempt == ATTEMPTS) {
                return new Result(Outcome.CONTENDED, row.state(), null, attempt);
            }
        }
    }

    private static Rows.Row readRow(Connection connection, String namespace, String key) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(StoreSql.READ)) {
            read.setString(1, namespace);
            read.setString(2, key);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? Rows.read(row) : null;
            }
        }
    }

    /** The compare-and-set of transition.sql; an unreadable row's negative version is jumped over. */
    private static BreakerState compareAndSet(Connection connection, String namespace, String key, long expectedVersion,
            BreakerState proposed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(StoreSql.TRANSITION)) {
            StoreConnection.bindTransition(update, namespace, key, expectedVersion, proposed, proposed.version());
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? Rows.state(row) : null;
            }
        }
    }
}
