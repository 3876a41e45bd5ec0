package org.resilientcircuit.spi;

import java.util.Objects;

/**
 * One breaker's state as a store holds it.
 *
 * <p>{@code version} grows by one with every transition the store accepts, so two states of a key
 * are ordered by it. Deadlines travel as a remaining time measured by the store's own clock at the
 * moment the state was read, never as a timestamp: instances with skewed clocks then still agree on
 * when a delay ends.
 *
 * @param phase CLOSED, OPEN or HALF_OPEN
 * @param version the store's version of the key; 0 for a key never written
 * @param remainingMillis OPEN: time until a probe may start; HALF_OPEN: time left on the prober's
 *     lease; CLOSED: 0
 * @param failureCount failures that the deciding instance counted in its rolling window
 * @param owner the instance that made the transition (for HALF_OPEN: the prober), or {@code ""}
 */
public record BreakerState(BreakerPhase phase, long version, long remainingMillis, int failureCount, String owner) {

    /**
     * Checks and normalises the components.
     *
     * @param phase CLOSED, OPEN or HALF_OPEN
     * @param version the store's version of the key, at least 0
     * @param remainingMillis the time left in the phase; negative counts as 0
     * @param failureCount failures that the deciding instance counted
     * @param owner the instance that made the transition, or {@code ""}
     * @throws NullPointerException if {@code phase} or {@code owner} is null
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public BreakerState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(owner, "owner");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        remainingMillis = Math.max(0, remainingMillis);
    }

    /**
     * The state of a key nobody has written yet.
     *
     * @return CLOSED at version 0, without failures or owner
     */
    public static BreakerState initial() {
        return new BreakerState(BreakerPhase.CLOSED, 0, 0, 0, "");
    }

    /**
     * The state that follows this one: same key, next version. A transition proposes it, with this
     * state as the expected one:
     * <pre>{@code
     * BreakerState open = current.next(BreakerPhase.OPEN, delayMillis, failures, store.instanceId());
     * store.transition(key, current, open);
     * }</pre>
     *
     * @param nextPhase the phase it moves to
     * @param nextRemainingMillis the time left in that phase (see {@link #remainingMillis()}); negative counts as 0
     * @param nextFailureCount the failures that decided it
     * @param by the instance that makes the transition
     * @return the state at {@code version() + 1}
     */
    public BreakerState next(BreakerPhase nextPhase, long nextRemainingMillis, int nextFailureCount, String by) {
        return new BreakerState(nextPhase, version + 1, nextRemainingMillis, nextFailureCount, by);
    }
}
