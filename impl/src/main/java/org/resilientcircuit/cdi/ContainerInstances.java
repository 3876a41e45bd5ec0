package org.resilientcircuit.cdi;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionTarget;

/**
 * Instances of classes an annotation names ({@code @CustomBackoff} strategies, {@code @RetryWhen} and
 * {@code @FailureWhen} predicates): the bean of that class if it is one, else an instance the container injects.
 */
final class ContainerInstances {

    private ContainerInstances() {
    }

    /** The bean whose class is {@code type} (whatever its qualifiers), else an instance the container injects. */
    static <T> T create(Class<T> type, BeanManager beans) {
        Optional<Bean<?>> bean = beans.getBeans(type, Any.Literal.INSTANCE).stream()
                .filter(b -> b.getBeanClass() == type)
                .findFirst();
        if (bean.isPresent()) {
            return type.cast(beans.getReference(bean.get(), type, beans.createCreationalContext(bean.get())));
        }
        AnnotatedType<T> annotated = beans.createAnnotatedType(type);
        InjectionTarget<T> target = beans.getInjectionTargetFactory(annotated).createInjectionTarget(null);
        CreationalContext<T> context = beans.createCreationalContext(null);
        T instance = target.produce(context);
        target.inject(instance, context);
        target.postConstruct(instance);
        return instance;
    }

    /**
     * The container's BeanManager, looked up when first needed, with the deployment's context class loader:
     * the first use may be on a library thread (an asynchronous retry), where an application server could not
     * tell which deployment {@code CDI.current()} means.
     */
    static Supplier<BeanManager> deploymentBeanManager() {
        ClassLoader deployment = Thread.currentThread().getContextClassLoader();
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(deployment);
            try {
                return CDI.current().getBeanManager();
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
    }
}
