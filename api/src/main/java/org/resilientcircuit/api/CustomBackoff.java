package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a {@link BackoffStrategy} compute the delays of {@code @Retry}. {@code @Retry.jitter} is added to
 * each delay it returns; {@code maxRetries} and {@code maxDuration} still bound the whole retry.
 *
 * <p>The strategy is the CDI bean of that class if the class is a bean (any scope, any qualifier);
 * otherwise the library creates one instance per method through the container, so it may still use
 * {@code @Inject} and {@code @PostConstruct}. It is obtained at the first retry and kept for the
 * lifetime of the application. The class must be concrete (not abstract, not an interface, not a
 * non-static inner class) and have a no-argument or an {@code @Inject} constructor; otherwise
 * deployment fails.
 *
 * <p>Goes with {@code @Retry} on the same method or class, one backoff annotation per method and per
 * class (a method's replaces its class's). Overridable through MicroProfile Config:
 * {@code <class>/<method>/CustomBackoff/value} (a class name), {@code <class>/CustomBackoff/value},
 * {@code CustomBackoff/value}, likewise {@code enabled}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RetryAfterBackoff implements BackoffStrategy {
 *     @Override
 *     public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
 *         return lastFailure instanceof RateLimited limited ? limited.retryAfterMillis() : initialDelayMillis;
 *     }
 * }
 *
 * @Retry(delay = 500, maxRetries = 3)
 * @CustomBackoff(RetryAfterBackoff.class)
 * public Stock stock(String sku) { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CustomBackoff {

    /**
     * The strategy's class.
     *
     * @return a concrete class with a no-argument or an {@code @Inject} constructor
     */
    Class<? extends BackoffStrategy> value();
}
