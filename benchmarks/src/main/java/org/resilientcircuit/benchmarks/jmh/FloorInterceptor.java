package org.resilientcircuit.benchmarks.jmh;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The floor: an interceptor that does nothing but proceed. A fault-tolerance implementation that is itself
 * an {@code @AroundInvoke} interceptor cannot cost less than this on the same method, so its overhead over
 * the floor is what its own work costs, the container's interception machinery set aside.
 */
@FloorBinding
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FloorInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
