package org.resilientcircuit.spi;

/**
 * Told by a {@link StateStore} what its backend did, so that metrics can count it. Every method
 * is called on one of the store's own threads and must return at once; the defaults ignore the
 * event, so an observer names only what it counts.
 */
public interface StoreObserver {

    /** Observes nothing. */
    StoreObserver NONE = new StoreObserver() {
    };

    /**
     * A transition this instance proposed was written: its compare-and-set won.
     *
     * @param key the breaker's key
     */
    default void transitionWritten(String key) {
    }

    /**
     * A transition this instance proposed lost: the row had moved, and the winner was adopted.
     *
     * @param key the breaker's key
     */
    default void transitionLost(String key) {
    }

    /**
     * A change made elsewhere arrived, by notification or by polling.
     *
     * @param key the breaker's key
     * @param delayMillis time from the change in the database to its arrival here, or -1 when the
     *     store cannot tell (a change found by polling)
     */
    default void changeReceived(String key, long delayMillis) {
    }

    /**
     * One statement (or batch) completed against the backend, successfully, in {@code nanos}.
     *
     * @param nanos how long the round trip took, in nanoseconds
     */
    default void roundTrip(long nanos) {
    }

    /**
     * A statement or connection failed.
     *
     * @param problem what failed, for people
     */
    default void failed(String problem) {
    }

    /**
     * The row of {@code key} cannot be understood (a state that is none of the three, a negative
     * version): the store ignores it until it is repaired or replaced. Told once per key and problem.
     *
     * @param key the breaker's key
     * @param problem what is wrong with the row
     */
    default void rowUnreadable(String key, String problem) {
    }

    /**
     * The row of {@code key} went back in its history (the table was created again, truncated or
     * restored from a backup), and this instance adopted it.
     *
     * @param key the breaker's key
     */
    default void historyRestarted(String key) {
    }
}
