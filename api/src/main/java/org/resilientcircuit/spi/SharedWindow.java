package org.resilientcircuit.spi;

/**
 * Where an instance's outcomes go when breakers judge one window shared by the whole fleet
 * ({@code rc.window=shared}). The store adds them up in batches and, when the fleet's window trips,
 * opens the breaker itself; the instances learn of it as of any change made elsewhere.
 */
public interface SharedWindow {

    /**
     * Whether outcomes should go here now. False while the store cannot reach its database: the
     * breaker then judges by its own window, so an outage never leaves it unable to open.
     *
     * @return true while the fleet's window is in use
     */
    boolean active();

    /**
     * Counts one outcome of the closed phase at {@code closedVersion}. Called on the guarded call's
     * thread: memory only, no I/O.
     *
     * @param closedVersion the version of the CLOSED state the call was admitted in; outcomes of an
     *     older closed phase do not count towards a newer one
     * @param failure true for a failure, false for a success
     */
    void record(long closedVersion, boolean failure);

    /**
     * What a shared window needs to know of its breaker, from its {@code @CircuitBreaker} parameters.
     *
     * @param requestVolumeThreshold the fewest outcomes in the window for it to trip
     * @param failureRatio the ratio of failures among them at which it trips
     * @param delayMillis how long the breaker then stays OPEN
     */
    record Spec(int requestVolumeThreshold, double failureRatio, long delayMillis) {
    }
}
