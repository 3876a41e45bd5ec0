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
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FibonacciBackoff {

    /** The longest delay, before jitter; at least {@code @Retry.delay}. Default 60,000 ms (one minute). */
    long maxDelay() default 60_000;

    /** The unit of {@link #maxDelay()}. Default milliseconds. */
    ChronoUnit maxDelayUnit() default ChronoUnit.MILLIS;
}
