package org.resilientcircuit.engine;

/**
 * Growing delays between retries, beyond the specification's fixed {@code @Retry.delay}. Both kinds start
 * at an initial delay (the retry's {@code delay}), never exceed their cap, and never overflow: once the
 * growth passes the cap, the cap is the answer. Both are stateless, so one instance serves every call.
 */
public final class Backoffs {

    /**
     * No backoff of this class returns more, whatever its cap (about 146 years): leaves room for the jitter
     * that {@link RetrySettings} adds, and for the conversion to nanoseconds, without overflow.
     */
    public static final long MAX_DELAY_MILLIS = Long.MAX_VALUE / 2_000_000L;

    private Backoffs() {
    }

    /** {@code min(initial * factor^(retry-1), max)}, rounded to the nearest millisecond. */
    public static Backoff exponential(long initialMillis, double factor, long maxMillis) {
        return new Exponential(initialMillis, factor, maxMillis);
    }

    /** {@code initial} times 1, 1, 2, 3, 5, 8, ... (the Fibonacci number of {@code retry}), at most {@code max}. */
    public static Backoff fibonacci(long initialMillis, long maxMillis) {
        return new Fibonacci(initialMillis, maxMillis);
    }

    private static void check(long initialMillis, long maxMillis) {
        if (initialMillis < 0) {
            throw new IllegalArgumentException("initial delay must be >= 0, was " + initialMillis);
        }
        if (maxMillis < initialMillis) {
            throw new IllegalArgumentException("max delay must be >= the initial delay (" + initialMillis + " ms), was "
                    + maxMillis);
        }
    }

    /** See {@link Backoffs#exponential}. */
    public record Exponential(long initialMillis, double factor, long maxMillis) implements Backoff {

        public Exponential {
            check(initialMillis, maxMillis);
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("factor must be a finite number >= 1, was " + factor);
            }
        }

        @Override
        public long delayMillis(int retry, Throwable lastFailure) {
            long cap = Math.min(maxMillis, MAX_DELAY_MILLIS);
            if (initialMillis == 0) {
                return 0;
            }
            // In doubles: a power too large becomes Infinity, which the comparison turns into the cap.
            double delay = initialMillis * Math.pow(factor, Math.max(retry, 1) - 1);
            return delay >= cap ? cap : Math.round(delay);
        }
    }

    /** See {@link Backoffs#fibonacci}. */
    public record Fibonacci(long initialMillis, long maxMillis) implements Backoff {

        public Fibonacci {
            check(initialMillis, maxMillis);
        }

        @Override
        public long delayMillis(int retry, Throwable lastFailure) {
            long cap = Math.min(maxMillis, MAX_DELAY_MILLIS);
            if (initialMillis == 0) {
                return 0;
            }
            long limit = cap / initialMillis; // any multiplier above this passes the cap
            long previous = 0;
            long current = 1; // Fibonacci number 1
            for (int n = 1; n < retry; n++) {
                long next = previous + current;
                previous = current;
                current = next;
                if (current > limit) {
                    return cap; // at most ~90 rounds: the numbers pass any long limit by then
                }
            }
            return current > limit ? cap : current * initialMillis;
        }
    }
}
