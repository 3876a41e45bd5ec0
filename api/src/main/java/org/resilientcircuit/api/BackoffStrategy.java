package org.resilientcircuit.api;

/**
 * Computes the delay before each retry of a {@code @Retry} method annotated {@link CustomBackoff}.
 *
 * <p>The library asks once per retry, before the retry's jitter ({@code @Retry.jitter}) is added;
 * {@code @Retry.maxRetries} and {@code @Retry.maxDuration} still bound the whole. One instance serves
 * every call of a method, possibly on several threads at once, so an implementation must be
 * thread-safe and should not block.
 *
 * <p>A negative result counts as 0. If the method throws, the library logs it (a warning the first
 * time, then at debug level) and waits the initial delay instead; the retry goes on.
 *
 * <p>For example, a delay that grows linearly, and a longer one when the remote side asked to slow down:
 * <pre>{@code
 * public class LinearBackoff implements BackoffStrategy {
 *     @Override
 *     public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
 *         long delay = retry * initialDelayMillis;
 *         return lastFailure instanceof TooManyRequests ? 10 * delay : delay;
 *     }
 * }
 *
 * @Retry(delay = 200, maxRetries = 4)
 * @CustomBackoff(LinearBackoff.class)
 * public Quote quote(String symbol) { ... }
 * }</pre>
 *
 * @see CustomBackoff
 */
@FunctionalInterface
public interface BackoffStrategy {

    /**
     * Returns the delay before the next retry.
     *
     * @param retry 1 before the first retry, 2 before the second, ...
     * @param initialDelayMillis {@code @Retry.delay} in milliseconds, after configuration overrides
     * @param lastFailure what the attempt that just failed threw; null when it returned a result that
     *     {@link RetryWhen#result()} matched
     * @return the delay before retry number {@code retry}, in milliseconds
     */
    long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure);
}
