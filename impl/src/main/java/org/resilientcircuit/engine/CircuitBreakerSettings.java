package org.resilientcircuit.engine;

import java.util.function.Predicate;

/**
 * A breaker's parameters, already validated and resolved against configuration.
 *
 * @param probeLeaseMillis how long a prober owns the half-open state before another instance may
 *     take over (matters only when the store is shared)
 * @param failOnResult which results count as failures ({@code @FailureWhen.result})
 */
public record CircuitBreakerSettings(int requestVolumeThreshold, double failureRatio, long delayMillis,
        int successThreshold, ExceptionFilter failOn, long probeLeaseMillis, boolean rejectionStackTrace,
        Predicate<Object> failOnResult) {

    /** Settings that count exceptions only, as the specification's {@code @CircuitBreaker} does. */
    public CircuitBreakerSettings(int requestVolumeThreshold, double failureRatio, long delayMillis,
            int successThreshold, ExceptionFilter failOn, long probeLeaseMillis, boolean rejectionStackTrace) {
        this(requestVolumeThreshold, failureRatio, delayMillis, successThreshold, failOn, probeLeaseMillis,
                rejectionStackTrace, result -> false);
    }

    /** Settings whose rejections carry no stack trace (the default: see {@link CircuitOpenRejection}). */
    public CircuitBreakerSettings(int requestVolumeThreshold, double failureRatio, long delayMillis,
            int successThreshold, ExceptionFilter failOn, long probeLeaseMillis) {
        this(requestVolumeThreshold, failureRatio, delayMillis, successThreshold, failOn, probeLeaseMillis, false);
    }

    public CircuitBreakerSettings {
        if (requestVolumeThreshold < 1) {
            throw new IllegalArgumentException("requestVolumeThreshold must be >= 1, was " + requestVolumeThreshold);
        }
        if (failureRatio < 0 || failureRatio > 1) {
            throw new IllegalArgumentException("failureRatio must be between 0 and 1, was " + failureRatio);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delayMillis);
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("successThreshold must be >= 1, was " + successThreshold);
        }
    }

    /** The same settings with the store's probe lease. */
    public CircuitBreakerSettings withProbeLease(long millis) {
        return new CircuitBreakerSettings(requestVolumeThreshold, failureRatio, delayMillis, successThreshold, failOn, millis,
                rejectionStackTrace, failOnResult);
    }

    /** The same settings, with or without a stack trace in each rejection ({@code rc.rejection.stacktrace}). */
    public CircuitBreakerSettings withRejectionStackTrace(boolean withStackTrace) {
        return new CircuitBreakerSettings(requestVolumeThreshold, failureRatio, delayMillis, successThreshold, failOn,
                probeLeaseMillis, withStackTrace, failOnResult);
    }
}
