package org.resilientcircuit.spi;

/**
 * Told by a store when a key it tracks changed elsewhere (another instance, an operator), or when
 * the store's row replaces this instance's view. Called on a store thread; must return quickly and
 * never throw.
 */
@FunctionalInterface
public interface StateListener {

    /**
     * The row changed. Announcements may arrive late or twice, so a state that is not newer than
     * the instance's view is ignored.
     *
     * @param state the row as the store read it
     */
    void stateChanged(BreakerState state);

    /**
     * The row is {@code state}, and this instance's own transitions since then did not reach the
     * store (they lost to another instance, or were made while the database was away and the row
     * moved meanwhile): the view becomes {@code state} even if its version is lower. By default,
     * {@link #stateChanged}.
     *
     * @param state the row as the store read it
     */
    default void stateReplaced(BreakerState state) {
        stateChanged(state);
    }

    /**
     * The key's history in the store went backwards (its table was created again, truncated, or
     * restored from a backup) and {@code state} is the row now: it replaces the view whatever its
     * version, and every version known before it is forgotten, so that the instance agrees with
     * the store again. By default, {@link #stateReplaced}.
     *
     * @param state the row as the store read it
     */
    default void stateRebased(BreakerState state) {
        stateReplaced(state);
    }
}
