package org.resilientcircuit.engine;

import java.util.concurrent.atomic.AtomicBoolean;

import org.resilientcircuit.spi.BreakerState;

/**
 * Calls are rejected until the deadline. No timer moves the breaker on: the first call after the
 * deadline asks for the half-open state, which works the same in one JVM and across a fleet.
 */
final class OpenState extends CircuitState {

    private final long untilNanos;
    private final AtomicBoolean probeRequested = new AtomicBoolean();

    OpenState(BreakerState stored, PhaseClock clock, long untilNanos) {
        super(stored, clock);
        this.untilNanos = untilNanos;
    }

    @Override
    CircuitState admit(CircuitBreaker breaker) {
        if (breaker.now() - untilNanos < 0 || !probeRequested.compareAndSet(false, true)) {
            return null;
        }
        return breaker.halfOpen(this);
    }

    @Override
    void onSuccess(CircuitBreaker breaker) {
        // never admits a call
    }

    @Override
    void onFailure(CircuitBreaker breaker, Throwable failure) {
        // never admits a call
    }

    long remainingNanos(long now) {
        return Math.max(0, untilNanos - now);
    }
}
