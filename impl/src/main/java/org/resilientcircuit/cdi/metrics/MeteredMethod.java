package org.resilientcircuit.cdi.metrics;

import org.resilientcircuit.engine.CircuitBreaker;

/**
 * A guarded method as the metrics see it: its name in the {@code method} tag and which policies are
 * in effect (a policy disabled by configuration is absent, so its metrics are not registered).
 *
 * @param name the bean class's canonical name, a dot, the method's name (methods of one class with
 *     one name share their metrics, as the specification allows)
 * @param breaker the method's circuit breaker, or null without {@code @CircuitBreaker}
 * @param asynchronous {@code @Asynchronous} is in effect: a bulkhead then has a queue to measure
 */
public record MeteredMethod(String name, boolean retry, boolean timeout, CircuitBreaker breaker, boolean bulkhead,
        boolean asynchronous, boolean fallback) {

    /** Whether any policy with metrics applies (an {@code @Asynchronous} method alone has none). */
    public boolean metered() {
        return retry || timeout || breaker != null || bulkhead || fallback;
    }

    /** The specification's {@code method} tag for a method of {@code beanClass}. */
    public static String nameOf(Class<?> beanClass, String methodName) {
        String className = beanClass.getCanonicalName();
        return (className != null ? className : beanClass.getName()) + "." + methodName;
    }
}
