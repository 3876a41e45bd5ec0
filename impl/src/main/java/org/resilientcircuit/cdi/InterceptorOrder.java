package org.resilientcircuit.cdi;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Gives our interceptor its place in the application's list of enabled interceptors
 * ({@link AfterTypeDiscovery#getInterceptors()}), on a container that ignores the priority our custom
 * interceptor bean declares through {@code Prioritized}.
 *
 * <p>Why: OpenWebBeans (4.0.3) enables an interceptor bean added in {@code AfterBeanDiscovery} but
 * gives it no place in the interceptor order, and fails the deployment ("... is not an enabled
 * interceptor!") as soon as a guarded method has a second interceptor. The list is CDI's portable
 * way to place an interceptor by priority, and OpenWebBeans orders by it. Weld honours
 * {@code Prioritized}, so there the list is left alone. No CDI API tells whether a container honours
 * {@code Prioritized} before the bean exists, so the container is recognised by its bean manager.
 */
final class InterceptorOrder {

    private static final String OPENWEBBEANS_PACKAGE = "org.apache.webbeans.";

    private InterceptorOrder() {
    }

    /** True on OpenWebBeans, which orders interceptors only by this list. */
    static boolean needsListEntry(BeanManager beans) {
        return beans.getClass().getName().startsWith(OPENWEBBEANS_PACKAGE);
    }

    /**
     * Inserts the interceptor class before the first listed interceptor whose {@link Priority} is
     * higher than {@code priority}; entries without the annotation give no order and are passed over.
     */
    static void place(List<Class<?>> enabled, Class<?> interceptor, int priority) {
        if (enabled.contains(interceptor)) {
            return;
        }
        int index = 0;
        while (index < enabled.size() && !after(enabled.get(index), priority)) {
            index++;
        }
        enabled.add(index, interceptor);
    }

    private static boolean after(Class<?> listed, int priority) {
        Priority declared = listed.getAnnotation(Priority.class);
        return declared != null && declared.value() > priority;
    }
}
