package org.resilientcircuit.api;

import java.time.Duration;

import org.resilientcircuit.spi.BreakerPhase;

/**
 * One breaker as this instance sees it, from {@link CircuitBreakers}.
 *
 * <pre>{@code
 * for (BreakerStatus breaker : breakers.all()) {
 *     System.out.printf("%s %s for %s (%d of %d recent calls failed)%n", breaker.key(), breaker.phase(),
 *             breaker.remaining(), breaker.recentFailures(), breaker.recentCalls());
 * }
 * }</pre>
 *
 * @param key the breaker's key
 * @param phase CLOSED, OPEN or HALF_OPEN
 * @param version the row's version this view is at
 * @param changedBy the instance that made the last change
 * @param remaining OPEN: time until a probe may start; HALF_OPEN: the prober's lease; else zero
 * @param failureCount failures counted when the breaker last opened, or in the current window while closed
 * @param recentCalls outcomes in the current rolling window (the ancestor's execution log), 0 unless closed
 * @param recentFailures failures among them
 */
public record BreakerStatus(String key, BreakerPhase phase, long version, String changedBy, Duration remaining,
        int failureCount, int recentCalls, int recentFailures) {
}
