package org.resilientcircuit.store.postgres;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;

/**
 * The writer thread's half of the protocol: every write to {@code rc_circuit_breakers} this
 * instance makes, in order, over one connection. Used by the store's single writer thread only.
 *
 * <ul>
 *   <li>A transition is a compare-and-set from the version the instance decided from. When it
 *       loses, the row that won is read and adopted.</li>
 *   <li>When the row read back went backwards in its history (lower than a version this thread
 *       saw, or in a table created since), or cannot be understood, the instance's decision is
 *       still valid and the row is not: the decision is written on top, at the version the
 *       instance proposed, so the row jumps ahead of what any instance may still hold.</li>
 *   <li>While the database cannot be reached, transitions are kept as pending (per key, the
 *       version last seen in the row and the latest local state) and reconciled when it answers:
 *       written if the row did not move meanwhile, else the row is adopted.</li>
 * </ul>
 */
final class Transitions {

    private record Pending(long rowVersion, BreakerState latest) {
    }

    private final StoreConnection writes;
    private final StoreHealth health;
    private final StoreEvents events;
    private final Subscribers listeners;
    private final int quorum;
    private final History history = new History();
    private final Map<String, Pending> pending = new HashMap<>();

    Transitions(StoreConnection writes, int quorum, StoreHealth health, StoreEvents events, Subscribers listeners) {
        this.writes = writes;
        this.quorum = quorum;
        this.health = health;
        this.events = events;
        this.listeners = listeners;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The row of {@code key} (created if missing) for a breaker starting here; null if it cannot be read. */
    BreakerState attach(String key) throws SQLException {
        Rows.Row row = writes.readOrInsert(key);
        if (row == null || !understood(key, row)) {
            return null;
        }
        history.read(key, row.table(), row.rawVersion());
        return row.state();
    }

    /**
     * Writes {@code proposed}, decided from {@code expected}. Returns what the row holds now: the
     * transition written, or the row that won instead; null for an opening short of the quorum
     * (still closed for the fleet, not lost: this instance keeps its own view open).
     */
    BreakerState write(String key, BreakerState expected, BreakerState proposed) throws SQLException {
        reconcile();
        if (quorum > 1 && opens(expected, proposed) && writes.vote(key, expected.version()) < quorum) {
            return null;
        }
        Rows.Row written = writes.compareAndSet(key, expected.version(), proposed, 0);
        if (written != null) {
            return won(key, written);
        }
        BreakerState row = afterLoss(key, proposed);
        listeners.replaced(key, row); // the caller may have stopped waiting: tell the breaker the winner anyway
        return row;
    }

    /** Keeps a transition that could not be written, to be reconciled when the database answers. */
    void remember(String key, BreakerState expected, BreakerState proposed) {
        pending.merge(key, new Pending(expected.version(), proposed),
                (earlier, later) -> new Pending(earlier.rowVersion(), later.latest()));
    }

    /** Writes what happened locally during an outage, unless the row moved meanwhile. */
    void reconcile() throws SQLException {
        for (var iterator = pending.entrySet().iterator(); iterator.hasNext();) {
            Map.Entry<String, Pending> entry = iterator.next();
            String key = entry.getKey();
            Pending local = entry.getValue();
            Rows.Row written = writes.compareAndSet(key, local.rowVersion(), local.latest(), 0);
            listeners.replaced(key, written != null ? won(key, written) : afterLoss(key, local.latest()));
            iterator.remove();
        }
    }

    private BreakerState won(String key, Rows.Row written) {
        events.observer().transitionWritten(key);
        history.read(key, written.table(), written.rawVersion());
        return written.state();
    }

    /**
     * The compare-and-set found the row elsewhere. Normally another
     * instance moved it first, and its row is adopted; but a row that went back in history or
     * cannot be understood does not outrank this instance's decision, which is written on top.
     */
    private BreakerState afterLoss(String key, BreakerState proposed) throws SQLException {
        Rows.Row row = writes.readOrInsert(key);
        if (row != null && understood(key, row)) {
            long knownTable = history.table();
            if (history.read(key, row.table(), row.rawVersion()) != History.Verdict.RESTARTED) {
                events.observer().transitionLost(key);
                return row.state();
            }
            health.restarted(key, row.rawVersion(), knownTable == row.table() ? "a higher one"
                    : "a version in the table it replaced");
        }
        if (row == null) {
            return null; // deleted again at once: the next transition inserts it
        }
        long on = row.rawVersion();
        Rows.Row written = writes.compareAndSet(key, on, proposed, Math.max(1, proposed.version()));
        if (written == null) {
            events.observer().transitionLost(key);
            Rows.Row now = writes.readOrInsert(key);
            return now != null && understood(key, now) ? now.state() : null;
        }
        listeners.rebased(key, written.state());
        return won(key, written);
    }

    /**
     * Reports a row that cannot be understood; true if it can. Only the change feed, which sees every
     * version of a row in order, says a row is understood again: were the writer to say so after writing
     * on top of a bad row, the feed's later look at the bad version (a notification still on its way)
     * would report and count it a second time.
     */
    private boolean understood(String key, Rows.Row row) {
        if (row.readable()) {
            return true;
        }
        health.unreadable(key, row.problem());
        return false;
    }

    /** Opens the row from a full shared window's verdict; returns what the row holds now. */
    BreakerState openFromWindow(String key, long closedVersion, BreakerState open) throws SQLException {
        Rows.Row written = writes.compareAndSet(key, closedVersion, open, 0);
        if (written != null) {
            return won(key, written);
        }
        events.observer().transitionLost(key);
        Rows.Row row = writes.readOrInsert(key);
        return row != null && understood(key, row) ? row.state() : null;
    }

    private static boolean opens(BreakerState expected, BreakerState proposed) {
        return expected.phase() == BreakerPhase.CLOSED && proposed.phase() == BreakerPhase.OPEN;
    }
}
