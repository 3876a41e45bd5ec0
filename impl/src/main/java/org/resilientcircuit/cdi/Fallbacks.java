package org.resilientcircuit.cdi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.resilientcircuit.cdi.MethodDefinition.FallbackDefinition;
import org.resilientcircuit.engine.Failures;
import org.resilientcircuit.engine.FallbackFunction;

/** Turns a validated {@code @Fallback} into the engine's fallback function. */
final class Fallbacks {

    private Fallbacks() {
    }

    static FallbackFunction of(FallbackDefinition definition, BeanManager beans) {
        return definition.handler() != null ? handler(definition.handler(), beans) : method(definition.method());
    }

    /** A CDI bean per call, destroyed afterwards when dependent, as the handler's scope says. */
    private static FallbackFunction handler(Class<?> type, BeanManager beans) {
        Instance<?> handlers = beans.createInstance().select(type);
        return (call, failure) -> {
            FallbackHandler<?> handler = (FallbackHandler<?>) handlers.get();
            try {
                return handler.handle(new FallbackExecutionContext(GuardedInvocation.contextOf(call), failure));
            } finally {
                destroy(handlers, handler);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> void destroy(Instance<T> instances, Object instance) {
        instances.destroy((T) instance);
    }

    /**
     * Invoked on the bean instance, so an override in a subclass wins, as the specification wants.
     * Private and package methods are allowed by the specification, hence setAccessible: CDI has no API
     * for calling a method of a bean.
     */
    private static FallbackFunction method(Method method) {
        method.setAccessible(true);
        return (call, failure) -> {
            var context = GuardedInvocation.contextOf(call);
            try {
                return method.invoke(context.getTarget(), context.getParameters());
            } catch (InvocationTargetException thrown) {
                throw Failures.rethrow(thrown.getCause());
            }
        };
    }
}
