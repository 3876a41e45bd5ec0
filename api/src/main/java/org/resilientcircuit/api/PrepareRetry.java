package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link RetryPreparer}, or a method of the bean, before each retry of {@code @Retry}: after the delay, right
 * before the next attempt starts, on the thread that starts it. Not before the first attempt. Its own exception is
 * logged and the retry goes on.
 *
 * <p>Exactly one of the two is set:
 * <ul>
 * <li>{@link #value()}: a class implementing {@link RetryPreparer}, the CDI bean of that class if it is one (any scope,
 * any qualifier), otherwise one instance per method that the container creates (so it may use {@code @Inject}); it
 * must be concrete with a no-argument or an {@code @Inject} constructor.
 * <li>{@link #method()}: the name of a method of the bean's class or a superclass taking no parameters or one
 * {@link UpcomingRetry}; it is called on the same bean instance as the guarded method, and what it returns is ignored.
 * </ul>
 * Anything else fails deployment, naming the annotation, class, method and parameter.
 *
 * <p>Goes with {@code @Retry} on the same method or class; one on the method replaces the class's. Overridable through
 * MicroProfile Config: {@code <class>/<method>/PrepareRetry/value} (a class name), {@code <class>/PrepareRetry/value},
 * {@code PrepareRetry/value}, likewise {@code method} and {@code enabled}.
 *
 * <pre>{@code
 * @Retry(maxRetries = 2, retryOn = Unauthorized.class)
 * @PrepareRetry(RefreshToken.class)
 * public Invoice invoice(String id) { ... }
 *
 * @Retry(maxRetries = 3, delay = 100)
 * @PrepareRetry(method = "nextReplica")
 * public Row read(long id) { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PrepareRetry {

    /**
     * The preparer's class.
     *
     * @return a class implementing {@link RetryPreparer}; {@link RetryPreparer} itself (the default) means none, and
     *     then {@link #method()} must be set
     */
    Class<? extends RetryPreparer> value() default RetryPreparer.class;

    /**
     * The bean's own method to call instead of a class.
     *
     * @return the name of a method taking no parameters or one {@link UpcomingRetry}; empty (the default) for none
     */
    String method() default "";
}
