package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Makes the delays of {@code @Retry} follow the Fibonacci numbers: {@code delay} times 1, 1, 2, 3, 5,
 * 8, 13, ..., never more than {@code maxDelay}, where {@code delay} is {@code @Retry.delay}. With
 * {@code @Retry(delay = 100)}: 100, 100, 200, 300, 500, 800, ... ms. Grows more gently than
 * {@link ExponentialBackoff} (by about 1.618 per retry). {@code @Retry.jitter} is added to each delay
 * as usual; {@code maxRetries} and {@code maxDuration} still bound the whole retry.
 *
 * <p>Goes with {@code @Retry} on the same method or class, one backoff annotation per method and per
 * class (a method's replaces its class's). Every parameter is overridable through MicroProfile Config:
 * {@code <class>/<method>/FibonacciBackoff/maxDelay}, {@code <class>/FibonacciBackoff/maxDelay},
 * {@code FibonacciBackoff/maxDelay}, likewise {@code maxDelayUnit} and {@code enabled}.
 *
 * <pre>{@code
 * // retries after 1, 1, 2, 3, 5, 8, 10, 10 s
 * @Retry(delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 0, maxRetries = 8,
 *         maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
 * @FibonacciBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
 * public Report report(String id) { ... }
 * }</pre>
 *
 * @see ExponentialBackoff
 * @see CustomBackoff
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FibonacciBackoff {

    /**
     * The longest delay, before jitter.
     *
     * @return the cap in {@link #maxDelayUnit()}, at least {@code @Retry.delay}; default 60,000 ms (one minute)
     */
    long maxDelay() default 60_000;

    /**
     * The unit of {@link #maxDelay()}.
     *
     * @return the unit; default milliseconds
     */
    ChronoUnit maxDelayUnit() default ChronoUnit.MILLIS;
}
