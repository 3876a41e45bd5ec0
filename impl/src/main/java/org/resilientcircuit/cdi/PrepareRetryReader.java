package org.resilientcircuit.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.resilientcircuit.api.PrepareRetry;
import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.engine.RetryPreparation;

/**
 * Reads {@link PrepareRetry} (which goes with {@code @Retry}), applies configuration overrides
 * ({@code <class>/<method>/PrepareRetry/value}, {@code .../method}, {@code .../enabled}) and checks what it names, with
 * the rules of {@link OutcomeReader}: one on the method replaces the class's; {@code @Retry} must apply, whatever the
 * configuration says; the rest is checked when both are enabled.
 */
final class PrepareRetryReader {

    private PrepareRetryReader() {
    }

    /** Fails when {@code @PrepareRetry} applies without {@code @Retry}. */
    static void requireRetry(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> method) {
        OutcomeReader.requireAnchor(PrepareRetry.class, Retry.class, "it only prepares the retries of @Retry",
                beanClass, type, method);
    }

    /** What runs before each retry of a method whose {@code @Retry} is enabled. */
    static RetryPreparation read(PolicyConfig config, Class<?> beanClass, AnnotatedType<?> type,
            AnnotatedMethod<?> method) {
        PolicySite site = OutcomeReader.site(PrepareRetry.class, beanClass, type, method);
        if (site == null || !OutcomeReader.enabled(config, site)) {
            return RetryPreparation.NONE;
        }
        PrepareRetry annotation = site.methodLevel() ? method.getAnnotation(PrepareRetry.class)
                : type.getAnnotation(PrepareRetry.class);
        Class<?> preparer = config.value(site, "value", Class.class, annotation.value());
        String methodName = config.value(site, "method", String.class, annotation.method());
        boolean hasClass = preparer != RetryPreparer.class;
        boolean hasMethod = !methodName.isEmpty();
        site.require("value", !(hasClass && hasMethod), "and method cannot both be set (class " + preparer.getName()
                + ", method " + methodName + ")");
        site.require("value", hasClass || hasMethod, "or method must be set");
        Method guarded = method.getJavaMember();
        Supplier<BeanManager> beans = ContainerInstances.deploymentBeanManager();
        if (hasClass) {
            site.require("value", RetryPreparer.class.isAssignableFrom(preparer),
                    "names " + preparer.getName() + ", which does not implement " + RetryPreparer.class.getName());
            String problem = BackoffReader.instantiationProblem(preparer);
            site.require("value", problem == null,
                    "names " + preparer.getName() + ", which cannot be instantiated: " + problem);
            String description = "retry preparer " + preparer.getName() + " of " + MethodNames.signature(beanClass, guarded);
            return new RetryPreparation(guarded, description, new RequestScopedPreparation(new ContainerPreparer(
                    preparer.asSubclass(RetryPreparer.class), beans), beans));
        }
        Method target = find(site, beanClass, methodName);
        String description = "retry preparation method " + MethodNames.signature(target) + " of "
                + MethodNames.signature(beanClass, guarded);
        return new RetryPreparation(guarded, description,
                new RequestScopedPreparation(new PreparationMethod(target), beans));
    }

    /**
     * The bean's method of that name taking no parameters or one {@link UpcomingRetry}, on the bean class or a
     * superclass, nearest first; accessible from the bean class.
     */
    private static Method find(PolicySite site, Class<?> beanClass, String name) {
        List<String> others = new ArrayList<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method candidate : c.getDeclaredMethods()) {
                if (!candidate.getName().equals(name) || candidate.isBridge() || candidate.isSynthetic()) {
                    continue;
                }
                if (fits(candidate) && accessible(candidate, beanClass)) {
                    return candidate;
                }
                others.add(MethodNames.signature(candidate));
            }
        }
        throw new FaultToleranceDefinitionException(site.describe() + ": parameter method names " + name
                + ", but no accessible method of that name taking no parameters or one " + UpcomingRetry.class.getName()
                + " is on " + beanClass.getName() + " or its superclasses"
                + (others.isEmpty() ? "" : " (found " + String.join(", ", others) + ")"));
    }

    private static boolean fits(Method candidate) {
        Class<?>[] parameters = candidate.getParameterTypes();
        return parameters.length == 0 || parameters.length == 1 && parameters[0] == UpcomingRetry.class;
    }

    private static boolean accessible(Method candidate, Class<?> from) {
        int modifiers = candidate.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            return candidate.getDeclaringClass() == from;
        }
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)
                || candidate.getDeclaringClass().getPackageName().equals(from.getPackageName());
    }
}
