package org.resilientcircuit.engine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A retry policy's parameters, validated and resolved against configuration.
 *
 * @param maxRetries -1 for unlimited
 * @param maxDurationMillis 0 for unlimited
 * @param jitterMillis each delay varies uniformly within plus or minus this
 * @param retryOnResult which results are retried like failures ({@code @RetryWhen.result})
 * @param preparation what runs before each retry ({@code @PrepareRetry})
 */
public record RetrySettings(int maxRetries, Backoff backoff, long maxDurationMillis, long jitterMillis,
        ExceptionFilter retryOn, Predicate<Object> retryOnResult, RetryPreparation preparation) {

    /** Settings without {@code @PrepareRetry}. */
    public RetrySettings(int maxRetries, Backoff backoff, long maxDurationMillis, long jitterMillis,
            ExceptionFilter retryOn, Predicate<Object> retryOnResult) {
        this(maxRetries, backoff, maxDurationMillis, jitterMillis, retryOn, retryOnResult, RetryPreparation.NONE);
    }

    /** Settings that retry on exceptions only, as the specification's {@code @Retry} does. */
    public RetrySettings(int maxRetries, Backoff backoff, long maxDurationMillis, long jitterMillis,
            ExceptionFilter retryOn) {
        this(maxRetries, backoff, maxDurationMillis, jitterMillis, retryOn, result -> false);
    }

    public RetrySettings {
        if (maxRetries < -1) {
            throw new IllegalArgumentException("maxRetries must be >= -1, was " + maxRetries);
        }
        if (maxDurationMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException("maxDuration and jitter must be >= 0");
        }
    }

    /**
     * Why the retry ends after an attempt that returned {@code value} or threw {@code failure} (null: it
     * returned), or null when it goes on (subject to {@code maxDuration}). One rule for both retry steps.
     */
    MethodMetrics.RetryResult end(Object value, Throwable failure, int retriesDone) {
        boolean retryable = failure == null ? retryOnResult.test(value) : retryOn.test(failure);
        if (!retryable) {
            return failure == null ? MethodMetrics.RetryResult.VALUE_RETURNED
                    : MethodMetrics.RetryResult.EXCEPTION_NOT_RETRYABLE;
        }
        return mayRetry(retriesDone) ? null : MethodMetrics.RetryResult.MAX_RETRIES_REACHED;
    }

    /**
     * Called by both retry steps once the delay before retry number {@code retry} is over and that retry is sure to
     * start, on the thread about to start it: after the wait, so that a refreshed token or a switched replica is as
     * fresh as it can be when the attempt uses it. Never throws.
     */
    void prepare(Call call, int retry, Object value, Throwable failure, long delayNanos) {
        preparation.run(call, retry, value, failure, delayNanos);
    }

    boolean mayRetry(int retriesDone) {
        return maxRetries == -1 || retriesDone < maxRetries;
    }

    boolean withinDuration(long elapsedNanos) {
        return withinDuration(elapsedNanos, 0);
    }

    /** Whether an attempt after waiting {@code delayNanos} more would still start within maxDuration. */
    boolean withinDuration(long elapsedNanos, long delayNanos) {
        if (maxDurationMillis == 0) {
            return true;
        }
        long limit = maxDurationMillis * 1_000_000L;
        return elapsedNanos <= limit && delayNanos <= limit - elapsedNanos;
    }

    /** The delay before retry number {@code retry}, jitter applied, in nanoseconds. */
    long delayNanos(int retry, Throwable lastFailure) {
        long delay = backoff.delayMillis(retry, lastFailure);
        if (jitterMillis > 0) {
            // saturating: a huge delay plus jitter must stay huge, not wrap to "no delay"
            delay = saturatedAdd(delay, ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1));
        }
        long millis = Math.max(0, delay);
        return millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
