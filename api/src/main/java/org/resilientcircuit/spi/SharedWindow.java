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
     */
    boolean active();

    /**
     * Counts one outcome of the closed phase at {@code closedVersion}. Called on the guarded call's
     * thread: memory only, no I/O.
     */
    void record(long closedVersion, boolean failure);

    /** What a shared window needs to know of its breaker. */
    record Spec(int requestVolumeThreshold, double failureRatio, long delayMillis) {
    }
}
