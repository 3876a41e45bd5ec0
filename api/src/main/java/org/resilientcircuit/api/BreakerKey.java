package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the circuit breaker of a {@code @CircuitBreaker} method, so that several methods, or several
 * services, share one breaker (one row of {@code rc_circuit_breakers}). Without it a breaker's key is
 * the bean class and method signature, {@code com.acme.Orders#charge(com.acme.Order)}.
 *
 * <p>Overridable through MicroProfile Config like the specification's annotations:
 * {@code <class>/<method>/BreakerKey/value}, {@code <class>/BreakerKey/value}. A key is 1 to 255
 * characters without control characters; anything else fails deployment.
 *
 * <p>An application has one breaker per key, made at deployment with the {@code @CircuitBreaker}
 * parameters of one of the methods that name it, so methods sharing a key should declare the same
 * parameters:
 * <pre>{@code
 * @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
 * @BreakerKey("payments")
 * public Receipt charge(Order order) { ... }
 *
 * @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
 * @BreakerKey("payments")   // the same breaker: while charge's failures hold it open, refund is rejected too
 * public Receipt refund(Order order) { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BreakerKey {

    /**
     * The breaker's key, as {@link CircuitBreakers}, {@link BreakerStateChanged} and the store name it.
     *
     * @return the key, 1 to 255 characters without control characters
     */
    String value();
}
