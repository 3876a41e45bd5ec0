package org.resilientcircuit.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.resilientcircuit.spi.BreakerState;

/**
 * Trial calls decide between closing and re-opening. Only the instance that owns the phase probes,
 * and it admits {@code successThreshold} trial calls at most; elsewhere the phase rejects calls until
 * the owner's lease runs out.
 */
final class HalfOpenState extends CircuitState {

    private final boolean mine;
    private final long leaseUntilNanos;
    private final AtomicInteger trialsLeft;
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicBoolean takeOverRequested = new AtomicBoolean();
    private final int successThreshold;

    HalfOpenState(BreakerState stored, PhaseClock clock, boolean mine, long leaseUntilNanos, int successThreshold) {
        super(stored, clock);
        this.mine = mine;
        this.leaseUntilNanos = leaseUntilNanos;
        this.successThreshold = successThreshold;
        this.trialsLeft = new AtomicInteger(successThreshold);
    }

    @Override
    CircuitState admit(CircuitBreaker breaker) {
        if (mine) {
            return trialsLeft.getAndDecrement() > 0 ? this : null;
        }
        if (breaker.now() - leaseUntilNanos < 0 || !takeOverRequested.compareAndSet(false, true)) {
            return null;
        }
        return breaker.halfOpen(this);
    }

    @Override
    void onSuccess(CircuitBreaker breaker) {
        if (successes.incrementAndGet() == successThreshold) {
            breaker.close(this);
        }
    }

    @Override
    void onFailure(CircuitBreaker breaker, Throwable failure) {
        breaker.probeFailed(this, failure);
    }

    long remainingNanos(long now) {
        return Math.max(0, leaseUntilNanos - now);
    }
}
