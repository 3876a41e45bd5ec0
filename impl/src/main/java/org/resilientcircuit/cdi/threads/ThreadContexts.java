package org.resilientcircuit.cdi.threads;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ContextManagerProvider;
import org.resilientcircuit.engine.ContextCapture;

/**
 * Finds MicroProfile Context Propagation's {@link ThreadContext}; loaded only when its API is there
 * ({@link ContainerThreads}). The application's own {@code ThreadContext} bean comes first (it says
 * what this application wants to travel); otherwise the one the implementation builds from its
 * defaults and the {@code mp.context.ThreadContext.*} settings.
 */
final class ThreadContexts {

    private static final System.Logger LOG = System.getLogger(ThreadContexts.class.getName());

    /** A thread context and, for the log, where it came from. */
    record Found(ContextCapture capture, String source) {
    }

    private ThreadContexts() {
    }

    /** @throws IllegalArgumentException when several {@code ThreadContext} beans are eligible */
    static Optional<Found> find(BeanManager beans) {
        Optional<Found> bean = bean(beans);
        return bean.isPresent() ? bean : built();
    }

    private static Optional<Found> bean(BeanManager beans) {
        Set<Bean<?>> candidates = beans.getBeans(ThreadContext.class);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Bean<?> bean;
        try {
            bean = beans.resolve(candidates);
        } catch (AmbiguousResolutionException ambiguous) {
            throw new IllegalArgumentException("The application has several ThreadContext beans " + candidates
                    + ": Resilient Circuit cannot tell which decides what context its asynchronous executions"
                    + " carry; make one of them @Default, the others qualified", ambiguous);
        }
        ThreadContext context = (ThreadContext) beans.getReference(bean, ThreadContext.class,
                beans.createCreationalContext(bean));
        return Optional.of(found(context, "the application's ThreadContext bean (" + bean.getBeanClass().getName() + ")"));
    }

    private static Optional<Found> built() {
        ContextManagerProvider provider;
        try {
            provider = ContextManagerProvider.instance();
        } catch (IllegalStateException noImplementation) {
            LOG.log(Level.DEBUG, "MicroProfile Context Propagation's API is here without an implementation: {0}",
                    noImplementation.getMessage());
            return Optional.empty();
        }
        ThreadContext context = provider.getContextManager().newThreadContextBuilder().build();
        return Optional.of(found(context, "MicroProfile Context Propagation's ThreadContext ("
                + provider.getClass().getName() + ", its defaults and mp.context.ThreadContext settings)"));
    }

    private static Found found(ThreadContext context, String source) {
        return new Found(context::currentContextExecutor, source);
    }
}
