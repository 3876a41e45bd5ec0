package org.resilientcircuit.benchmarks.fleet;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The guarded bean of a {@link BenchMember}: succeeds or fails on command and counts how often its
 * body really ran, so that a rejected call (which never reaches the body) can be told from one that
 * ran. The delay is long (60 s) so that an opened breaker never half-opens during a measurement: the
 * harness closes it again through the maintenance API.
 */
@ApplicationScoped
public class BenchService {

    /** The breaker's default key: bean class and method signature. */
    public static final String KEY = BenchService.class.getName() + "#call(boolean)";

    /** The business failure of the guarded method. */
    public static final class BusinessException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BusinessException() {
            super("failing on command", null, false, false);
        }
    }

    private final AtomicLong invocations = new AtomicLong();

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60_000, successThreshold = 1)
    public String call(boolean fail) {
        invocations.incrementAndGet();
        if (fail) {
            throw new BusinessException();
        }
        return "ok";
    }

    public long invocations() {
        return invocations.get();
    }
}
