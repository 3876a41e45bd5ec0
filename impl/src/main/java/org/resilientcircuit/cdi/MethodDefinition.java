package org.resilientcircuit.cdi;

import java.lang.reflect.Method;

import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.MethodPolicies.BulkheadSettings;
import org.resilientcircuit.engine.RetrySettings;

/**
 * The fault tolerance of one method of one bean class, read from annotations and configuration and
 * validated at deployment. Absent or disabled policies are null.
 */
record MethodDefinition(Class<?> beanClass, Method method, boolean asynchronous, boolean returnsCompletionStage,
        FallbackDefinition fallback, RetrySettings retry, CircuitBreakerSettings circuitBreaker,
        String breakerKey, Long timeoutMillis, BulkheadSettings bulkhead) {

    /** Either a handler class or a fallback method. */
    record FallbackDefinition(Class<?> handler, Method method, ExceptionFilter applyOn) {
    }

    String name() {
        return MethodNames.signature(beanClass, method);
    }
}
