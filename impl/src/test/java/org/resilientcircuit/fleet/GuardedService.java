package org.resilientcircuit.fleet;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The guarded bean of a {@link FleetMember}: fails or succeeds on command and counts its real
 * invocations, so a test can tell a rejected call (never reached the method) from a call that ran.
 * Its breaker delay is set per process with
 * {@code org.resilientcircuit.fleet.GuardedService/call/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class GuardedService {

    /** The business failure of the guarded method: the only exception a caller may see besides a rejection. */
    public static final class BusinessException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BusinessException(String message) {
            super(message, null, false, false);
        }
    }

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1000, successThreshold = 1)
    public String call(boolean fail, long sleepMillis) {
        invocations.incrementAndGet();
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail) {
            throw new BusinessException("failing on command");
        }
        return "ok";
    }

    /** A second breaker in the same member, for tests in which one key changes while another is in trouble. */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60_000, successThreshold = 1)
    public String other(boolean fail) {
        invocations.incrementAndGet();
        if (fail) {
            throw new BusinessException("failing on command");
        }
        return "ok";
    }

    public int invocations() {
        return invocations.get();
    }
}
