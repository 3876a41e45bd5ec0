package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

/**
 * Decides by predicates what {@code @Retry} retries: results as well as exceptions.
 *
 * <ul>
 * <li>A result for which {@link #result()} is true is retried like a failure. When the retry gives up
 * ({@code maxRetries} or {@code maxDuration}), the caller gets that last result, not an exception.
 * <li>An exception is retried when it is not in {@code abortOn}, is in {@code retryOn}, <em>and</em>
 * {@link #exception()} is true for it: {@code abortOn} always wins, and the predicate narrows
 * {@code retryOn} further (with the default {@code retryOn = Exception.class}, it alone decides for
 * exceptions).
 * </ul>
 *
 * <p>Each predicate is a class implementing {@link Predicate}: the CDI bean of that class if it is one (any
 * scope, any qualifier), otherwise one instance per method that the container creates (so it may use
 * {@code @Inject}); it must be concrete with a no-argument or an {@code @Inject} constructor. Its type argument
 * must fit: a result predicate's must be related to the method's result type (for a {@code CompletionStage<T>}
 * or {@code Future<T>}, to {@code T}), and an exception predicate's must be {@code Object}, {@code Throwable} or
 * a subtype of it (then it sees only throwables of that type). A result predicate also sees {@code null}
 * results. A predicate that throws counts as false (logged once as a warning). Anything else fails
 * deployment naming the class, method and parameter.
 *
 * <p>Goes with {@code @Retry} on the same method or class; one on the method replaces the class's.
 * Overridable through MicroProfile Config: {@code <class>/<method>/RetryWhen/result} (a class name),
 * {@code <class>/RetryWhen/result}, {@code RetryWhen/result}, likewise {@code exception} and {@code enabled}.
 *
 * <pre>{@code
 * @Retry(maxRetries = 3, delay = 200)
 * @RetryWhen(result = ServiceUnavailable.class, exception = DatabaseConflict.class)
 * public Response order(String id) { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryWhen {

    /**
     * Which results are retried.
     *
     * @return a predicate class over the method's results; {@link Never} (the default) retries none
     */
    Class<? extends Predicate<?>> result() default Never.class;

    /**
     * Which exceptions, among those {@code retryOn} and {@code abortOn} allow, are retried.
     *
     * @return a predicate class over throwables; {@link Always} (the default) retries every one they allow
     */
    Class<? extends Predicate<?>> exception() default Always.class;
}
