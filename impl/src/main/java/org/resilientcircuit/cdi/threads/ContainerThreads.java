package org.resilientcircuit.cdi.threads;

import java.lang.System.Logger.Level;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.engine.ContextCapture;
import org.resilientcircuit.engine.LibraryThreads;

/**
 * Chooses the threads at startup: the container's managed executors, thread factory and context
 * service (Jakarta Concurrency) when the application server has them, the library's own threads
 * otherwise (plain Weld SE).
 *
 * <p>This class refers to no Jakarta Concurrency type: the library loads, links and runs without it
 * on the class path. Only when {@code jakarta.enterprise.concurrent.ManagedExecutorService} is
 * loadable through the library's own class loader is {@link ManagedResources} touched, and
 * {@link ThreadContexts} only when MicroProfile Context Propagation's {@code ThreadContext} is.
 */
public final class ContainerThreads {

    static final String MANAGED_EXECUTOR = "jakarta.enterprise.concurrent.ManagedExecutorService";
    static final String THREAD_CONTEXT = "org.eclipse.microprofile.context.ThreadContext";
    static final String PREFIX = "resilient-circuit";
    private static final System.Logger LOG = System.getLogger(ContainerThreads.class.getName());

    private ContainerThreads() {
    }

    /**
     * @throws IllegalArgumentException when a setting names an executor that cannot be had: the
     *         message names the setting
     */
    public static Threads choose(ThreadSettings settings) {
        if (available(ContainerThreads.class.getClassLoader())) {
            return ManagedResources.lookUp(settings);
        }
        settings.anySet().ifPresent(setting -> {
            throw new IllegalArgumentException(setting + " names a managed executor, but Jakarta Concurrency"
                    + " (" + MANAGED_EXECUTOR + ") is not on the class path: remove the setting, or run in a"
                    + " server that provides Jakarta Concurrency");
        });
        LOG.log(Level.DEBUG, "Jakarta Concurrency is not on the class path: Resilient Circuit uses its own threads");
        return own();
    }

    /** The library's own threads, and the caller's class loader as the context that travels. */
    static Threads own() {
        return new Threads(new LibraryThreads(PREFIX), ContextCapture.CLASS_LOADER, LibraryThreads.plainThreads(),
                "asynchronous executions on its own threads (" + PREFIX + "-worker-N), timers on its own thread ("
                        + PREFIX + "-timer-N), store threads of its own (" + PREFIX + "-store-*)",
                "its context class loader only");
    }

    /**
     * With MicroProfile Context Propagation in the application, its {@code ThreadContext} decides what
     * context travels, as the Fault Tolerance specification allows; otherwise {@code threads} is
     * returned as it is.
     */
    public static Threads withContextPropagation(Threads threads, BeanManager beans) {
        if (!available(THREAD_CONTEXT, ContainerThreads.class.getClassLoader())) {
            return threads;
        }
        return ThreadContexts.find(beans)
                .map(found -> threads.capturedBy(found.capture(), found.source()))
                .orElse(threads);
    }

    static boolean available(ClassLoader loader) {
        return available(MANAGED_EXECUTOR, loader);
    }

    private static boolean available(String type, ClassLoader loader) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
