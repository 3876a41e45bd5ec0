package org.resilientcircuit.store.postgres;

import org.resilientcircuit.spi.SharedWindow;

/**
 * This instance's share of a key's fleet-wide window: outcomes counted in memory on the caller's
 * thread, taken in batches by the store's writer. The lock is held for two increments.
 */
final class FleetWindow implements SharedWindow {

    record Batch(long version, int calls, int failures) {
    }

    private final Spec spec;
    private final StoreHealth health;
    private long version = -1;
    private int calls;
    private int failures;

    FleetWindow(Spec spec, StoreHealth health) {
        this.spec = spec;
        this.health = health;
    }

    Spec spec() {
        return spec;
    }

    @Override
    public boolean active() {
        return !health.degraded();
    }

    @Override
    public synchronized void record(long closedVersion, boolean failure) {
        if (closedVersion != version) {
            version = closedVersion;
            calls = 0;
            failures = 0;
        }
        calls++;
        if (failure) {
            failures++;
        }
    }

    /** The outcomes since the last batch, or null if there are none. */
    synchronized Batch take() {
        if (calls == 0) {
            return null;
        }
        Batch batch = new Batch(version, calls, failures);
        calls = 0;
        failures = 0;
        return batch;
    }

    /** Whether a window of {@code windowCalls} outcomes with {@code windowFailures} failures opens the breaker. */
    boolean trips(int windowCalls, int windowFailures) {
        return windowCalls >= spec.requestVolumeThreshold()
                && windowFailures >= Math.ceil(spec.failureRatio() * windowCalls - 1e-9);
    }
}
