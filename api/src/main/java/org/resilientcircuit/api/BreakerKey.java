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
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BreakerKey {

    String value();
}
