package org.resilientcircuit.cdi;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Hands each guarded call to the chain the extension built for its method at deployment. The
 * priority is replaced at deployment by {@code mp.fault.tolerance.interceptor.priority}.
 */
@Interceptor
@FaultToleranceBinding
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class FaultToleranceInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient Map<Method, GuardedMethod> methods;

    @Inject
    public FaultToleranceInterceptor(FaultToleranceExtension extension, @Intercepted Bean<?> bean) {
        this.methods = extension.guardedMethods(bean.getBeanClass());
    }

    @AroundInvoke
    public Object intercept(InvocationContext context) throws Exception {
        GuardedMethod guarded = methods.get(context.getMethod());
        return guarded == null ? context.proceed() : guarded.invoke(context);
    }
}
