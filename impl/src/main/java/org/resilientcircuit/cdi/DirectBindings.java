package org.resilientcircuit.cdi;

import java.lang.annotation.Annotation;
import java.util.Set;

import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;

/**
 * Puts our interceptor binding straight onto every type and method that carries a fault-tolerance
 * annotation, so the binding reaches the interceptor on any CDI container.
 *
 * <p>Why, when the extension already declares the binding on each annotation
 * ({@code BeforeBeanDiscovery.configureInterceptorBinding}): OpenWebBeans (TomEE) does not apply a
 * binding that an extension adds to another interceptor binding; on it the interceptor would never run.
 * A binding on the bean itself is applied by every container. Weld applies both; an interceptor
 * bound twice still runs once per call.
 */
final class DirectBindings {

    private DirectBindings() {
    }

    /** Adds the binding where a fault-tolerance annotation is present; leaves other types untouched. */
    static <T> void add(ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        boolean onType = needsBinding(type);
        boolean onMethods = type.getMethods().stream().anyMatch(DirectBindings::needsBinding);
        if (!onType && !onMethods) {
            return;
        }
        AnnotatedTypeConfigurator<T> configurator = event.configureAnnotatedType();
        if (onType) {
            configurator.add(FaultToleranceBinding.Literal.INSTANCE);
        }
        configurator.filterMethods(DirectBindings::needsBinding)
                .forEach(method -> method.add(FaultToleranceBinding.Literal.INSTANCE));
    }

    /** Carries a fault-tolerance annotation (inherited ones included) and not yet our binding. */
    private static boolean needsBinding(Annotated annotated) {
        Set<Annotation> annotations = annotated.getAnnotations();
        return !annotated.isAnnotationPresent(FaultToleranceBinding.class)
                && annotations.stream().anyMatch(a -> PolicyReader.ANNOTATIONS.contains(a.annotationType()));
    }
}
