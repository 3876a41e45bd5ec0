package org.resilientcircuit.engine;

/**
 * The outcomes of the last {@code size} calls, as a ring with a running failure count: O(1) per
 * outcome, no allocation after construction.
 *
 * <p>Calls finish on many threads at once; the short lock makes every outcome count exactly once.
 * It is held only while the ring is updated, never across a guarded call.
 */
final class RollingWindow {

    private final boolean[] failures;
    private final int tripAt;
    private int next;
    private int recorded;
    private int failureCount;

    /**
     * @param size {@code requestVolumeThreshold}
     * @param failureRatio the ratio of failures in a full window that trips the breaker
     */
    RollingWindow(int size, double failureRatio) {
        this.failures = new boolean[size];
        // ceil with a tolerance: 0.3 * 10 is 3.0000000000000004 in doubles and must mean 3.
        this.tripAt = (int) Math.ceil(failureRatio * size - 1e-9);
    }

    /** @return true when the window is full and its failures reach the ratio */
    synchronized boolean record(boolean failure) {
        if (recorded == failures.length) {
            if (failures[next]) {
                failureCount--;
            }
        } else {
            recorded++;
        }
        failures[next] = failure;
        if (failure) {
            failureCount++;
        }
        next = next + 1 == failures.length ? 0 : next + 1;
        return recorded == failures.length && failureCount >= tripAt;
    }

    synchronized int failureCount() {
        return failureCount;
    }

    synchronized int recorded() {
        return recorded;
    }
}
