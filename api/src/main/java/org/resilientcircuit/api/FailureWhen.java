package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

/**
 * Decides by predicates what {@code @CircuitBreaker} counts as a failure: results as well as exceptions.
 *
 * <ul>
 * <li>A result for which {@link #result()} is true counts as a failure; the caller still gets the result.
 * <li>An exception counts as a failure when it is not in {@code skipOn}, is in {@code failOn}, <em>and</em>
 * {@link #exception()} is true for it; otherwise it counts as a success, as the specification says of
 * {@code skipOn}. The caller gets the exception either way.
 * </ul>
 *
 * <p>The predicates are created and checked as for {@link RetryWhen}: classes implementing {@link Predicate},
 * the CDI bean of the class if it is one, else an instance the container creates; a type argument that does
 * not fit, or a class that cannot be created, fails deployment naming the class, method and parameter. A
 * predicate that throws counts as false (logged once as a warning).
 *
 * <p>Goes with {@code @CircuitBreaker} on the same method or class; one on the method replaces the class's.
 * Overridable through MicroProfile Config: {@code <class>/<method>/FailureWhen/result} (a class name),
 * {@code <class>/FailureWhen/result}, {@code FailureWhen/result}, likewise {@code exception} and
 * {@code enabled}.
 *
 * <pre>{@code
 * @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5)
 * @FailureWhen(exception = DatabaseUnavailable.class)
 * public List<Order> recentOrders() { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FailureWhen {

    /**
     * Which results count as failures.
     *
     * @return a predicate class over the method's results; {@link Never} (the default) counts none
     */
    Class<? extends Predicate<?>> result() default Never.class;

    /**
     * Which exceptions, among those {@code failOn} and {@code skipOn} allow, count as failures.
     *
     * @return a predicate class over throwables; {@link Always} (the default) counts every one they allow
     */
    Class<? extends Predicate<?>> exception() default Always.class;
}
