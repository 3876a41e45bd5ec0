package org.resilientcircuit.cdi;

import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

/**
 * The interceptor, as a custom {@link Interceptor} bean that the extension adds and enables with
 * its priority ({@code mp.fault.tolerance.interceptor.priority}).
 *
 * <p>Why not an {@code @Interceptor} class: the container invokes an {@code @AroundInvoke} method
 * by reflection, and reflection wraps every exception the method throws (a rejection, a timeout,
 * the guarded method's own failure) in an {@code InvocationTargetException}, filling in its stack
 * trace, before the container unwraps it again: several microseconds per failed call, more than the
 * whole fault-tolerance work of the call. CDI calls a custom interceptor bean directly.
 *
 * <p>The bean is its own instance. An EJB container may treat a CDI interceptor as an interceptor
 * class (GlassFish and Payara do, for session beans): it takes the bean class, makes an instance, and
 * invokes its {@link AroundInvoke} method. So the class is public, serializable and has a no-argument
 * constructor, and an instance made that way finds the extension through {@link CDI}.
 */
public class FaultToleranceInterceptor
        implements Interceptor<FaultToleranceInterceptor>, Prioritized, PassivationCapable, Serializable {

    private static final long serialVersionUID = 1L;

    private final int priority;
    private transient volatile Guards guards;

    /** For EJB containers that instantiate interceptor classes themselves. */
    public FaultToleranceInterceptor() {
        this.priority = jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 10;
    }

    FaultToleranceInterceptor(Function<Class<?>, Map<Method, GuardedMethod>> guardedMethods, int priority) {
        this.guards = new Guards(guardedMethods);
        this.priority = priority;
    }

    @AroundInvoke
    public Object aroundInvoke(InvocationContext context) throws Exception {
        return guards().invoke(context);
    }

    private Guards guards() {
        Guards known = guards;
        if (known == null) {
            FaultToleranceExtension extension = CDI.current().getBeanManager().getExtension(FaultToleranceExtension.class);
            known = new Guards(extension::guardedMethodsOf);
            guards = known;
        }
        return known;
    }

    /**
     * Finds the chain of each call by the class of the intercepted instance (the container's
     * subclass of the bean class, or the bean class itself) and its method. Stateless, so every
     * intercepted instance shares one.
     */
    static final class Guards {

        private final ClassValue<Map<Method, GuardedMethod>> byTargetClass;

        Guards(Function<Class<?>, Map<Method, GuardedMethod>> guardedMethods) {
            this.byTargetClass = new ClassValue<>() {
                @Override
                protected Map<Method, GuardedMethod> computeValue(Class<?> target) {
                    for (Class<?> type = target; type != null; type = type.getSuperclass()) {
                        Map<Method, GuardedMethod> methods = guardedMethods.apply(type);
                        if (methods != null) {
                            return methods;
                        }
                    }
                    return Map.of();
                }
            };
        }

        Object invoke(InvocationContext context) throws Exception {
            GuardedMethod guarded = byTargetClass.get(context.getTarget().getClass()).get(context.getMethod());
            return guarded == null ? context.proceed() : guarded.invoke(context);
        }
    }

    @Override
    public Object intercept(InterceptionType type, FaultToleranceInterceptor instance, InvocationContext context)
            throws Exception {
        return instance.guards().invoke(context);
    }

    @Override
    public boolean intercepts(InterceptionType type) {
        return type == InterceptionType.AROUND_INVOKE;
    }

    @Override
    public Set<Annotation> getInterceptorBindings() {
        return Set.of(FaultToleranceBinding.Literal.INSTANCE);
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public FaultToleranceInterceptor create(CreationalContext<FaultToleranceInterceptor> creationalContext) {
        return this;
    }

    @Override
    public void destroy(FaultToleranceInterceptor instance, CreationalContext<FaultToleranceInterceptor> creationalContext) {
        // shared and stateless: nothing to release
    }

    @Override
    public Class<?> getBeanClass() {
        return FaultToleranceInterceptor.class;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public Set<Type> getTypes() {
        return Set.of(FaultToleranceInterceptor.class, Object.class);
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return Set.of(Any.Literal.INSTANCE);
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return Dependent.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public String getId() {
        return FaultToleranceInterceptor.class.getName();
    }
}
