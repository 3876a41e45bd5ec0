package org.resilientcircuit.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;

/**
 * Makes a {@code FallbackHandler} class usable when it is not a bean of the deployment (named only in
 * configuration, or in an archive with annotated discovery): registers it as a {@code @Dependent}
 * bean, injected and initialised by the container like any other.
 */
final class FallbackHandlerBeans {

    private FallbackHandlerBeans() {
    }

    static void addIfMissing(Class<?> handler, AfterBeanDiscovery event, BeanManager beans) {
        if (beans.getBeans(handler).isEmpty()) {
            add(handler, event, beans);
        }
    }

    private static <T> void add(Class<T> type, AfterBeanDiscovery event, BeanManager beans) {
        AnnotatedType<T> annotated = beans.createAnnotatedType(type);
        InjectionTarget<T> target = beans.getInjectionTargetFactory(annotated).createInjectionTarget(null);
        event.<T>addBean()
                .beanClass(type)
                .types(type, Object.class)
                .scope(Dependent.class)
                .createWith(context -> {
                    T instance = target.produce(context);
                    target.inject(instance, context);
                    target.postConstruct(instance);
                    return instance;
                })
                .destroyWith((instance, context) -> {
                    target.preDestroy(instance);
                    target.dispose(instance);
                    context.release();
                });
    }
}
