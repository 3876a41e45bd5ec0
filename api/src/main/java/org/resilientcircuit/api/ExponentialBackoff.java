package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Makes the delays of {@code @Retry} grow exponentially: the delay before retry {@code n} is
 * {@code min(delay * factor^(n-1), maxDelay)}, where {@code delay} is {@code @Retry.delay} (in its
 * {@code delayUnit}). With {@code @Retry(delay = 100)} and the defaults: 100, 200, 400, 800, ... ms,
 * never more than one minute. {@code @Retry.jitter} is added to each delay as usual (so a delay may
 * exceed {@code maxDelay} by up to the jitter); {@code maxRetries} and {@code maxDuration} still bound
 * the whole retry.
 *
 * <p>Goes with {@code @Retry} on the same method or class; without {@code @Retry} it fails deployment,
 * as does a second backoff annotation ({@link FibonacciBackoff}, {@link CustomBackoff}) on the same
 * method, or on the same class. A backoff annotation on the method replaces one on the class.
 *
 * <p>Every parameter is overridable through MicroProfile Config with the specification's key scheme,
 * e.g. {@code <class>/<method>/ExponentialBackoff/factor}, {@code <class>/ExponentialBackoff/factor},
 * {@code ExponentialBackoff/factor}; {@code .../ExponentialBackoff/enabled=false} falls back to the
 * fixed delay of {@code @Retry}.
 *
 * <pre>{@code
 * // retries after 200, 600, 1800, 5000, 5000 ms, each varied by up to 100 ms either way (jitter)
 * @Retry(delay = 200, jitter = 100, maxRetries = 5)
 * @ExponentialBackoff(factor = 3, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
 * public Inventory inventory(String warehouse) { ... }
 * }</pre>
 *
 * @see FibonacciBackoff
 * @see CustomBackoff
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ExponentialBackoff {

    /**
     * What each delay is multiplied by to give the next.
     *
     * @return the factor, at least 1 (1 means a fixed delay); default 2
     */
    double factor() default 2;

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
