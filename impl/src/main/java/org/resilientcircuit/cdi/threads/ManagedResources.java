package org.resilientcircuit.cdi.threads;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.resilientcircuit.engine.ContextCapture;
import org.resilientcircuit.engine.LibraryThreads;

/**
 * Looks up the container's Jakarta Concurrency resources; loaded only when the API is there
 * ({@link ContainerThreads}). Each one is taken on its own: a named one ({@code rc.executor} ...)
 * must exist, a default one that the server lacks is replaced by the library's own threads.
 *
 * <p>The store's threads (writer, change feed, flusher) are the library's own unless
 * {@code rc.thread-factory} names a managed thread factory: they live as long as the deployment and
 * take connections from the application's DataSource, and Payara keeps every managed thread that
 * ever took one in its transaction manager's resource table, with the class loader of the
 * deployment that made it, after the thread ended. With {@code java:comp/DefaultManagedThreadFactory}
 * every redeployment left its class loader behind (RedeployIT: 3 application class loaders became 23
 * after 20 redeployments); the library's own store threads end with the deployment and leave nothing.
 *
 * <p>The caller's context is captured with the context service's
 * {@link ContextService#currentContextExecutor()}: a managed executor already propagates the context
 * of the thread that submits a task, but a queued bulkhead execution or a retry is submitted later,
 * from another thread, and must still run with its caller's naming context, security identity and
 * class loader.
 */
final class ManagedResources {

    static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String DEFAULT_SCHEDULED_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";
    static final String DEFAULT_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    static final String DEFAULT_CONTEXT_SERVICE = "java:comp/DefaultContextService";
    private static final System.Logger LOG = System.getLogger(ManagedResources.class.getName());

    /** A resource found under a JNDI name. */
    private record Found<T>(String name, T resource) {
    }

    private ManagedResources() {
    }

    static Threads lookUp(ThreadSettings settings) {
        Found<ManagedExecutorService> executor = find(settings.executor(), ThreadSettings.EXECUTOR_KEY,
                DEFAULT_EXECUTOR, ManagedExecutorService.class);
        Found<ManagedScheduledExecutorService> timer = find(settings.scheduledExecutor(),
                ThreadSettings.SCHEDULED_EXECUTOR_KEY, DEFAULT_SCHEDULED_EXECUTOR, ManagedScheduledExecutorService.class);
        Found<ManagedThreadFactory> factory = settings.threadFactory().isEmpty() ? null : find(settings.threadFactory(),
                ThreadSettings.THREAD_FACTORY_KEY, DEFAULT_THREAD_FACTORY, ManagedThreadFactory.class);
        Found<ContextService> contexts = find(Optional.empty(), null, DEFAULT_CONTEXT_SERVICE, ContextService.class);
        if (executor == null && timer == null && factory == null && contexts == null) {
            return ContainerThreads.own();
        }
        ThreadFactory threads = factory == null ? LibraryThreads.plainThreads() : factory.resource();
        LibraryThreads scheduler = new LibraryThreads(executor == null ? null : executor.resource(),
                timer == null ? null : timer.resource(), threads, ContainerThreads.PREFIX);
        ContextCapture capture = contexts == null ? ContextCapture.CLASS_LOADER : contexts.resource()::currentContextExecutor;
        return new Threads(scheduler, capture, threads, placement(executor, timer, factory),
                contexts == null ? "its context class loader only" : contexts.name());
    }

    private static String placement(Found<?> executor, Found<?> timer, Found<?> factory) {
        String own = ContainerThreads.PREFIX;
        return "asynchronous executions on " + (executor == null ? "its own threads (" + own + "-worker-N)" : executor.name())
                + ", timers on " + (timer == null ? "its own thread (" + own + "-timer-N)" : timer.name())
                + ", store threads " + (factory == null ? "of its own (" + own + "-store-*)" : "from " + factory.name());
    }

    /**
     * @return the resource, or null when the default name is not bound (or binds something else)
     * @throws IllegalArgumentException when a configured name is not bound, or binds something else
     */
    private static <T> Found<T> find(Optional<String> configured, String key, String defaultName, Class<T> type) {
        String name = configured.orElse(defaultName);
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException missing) {
            if (configured.isPresent()) {
                throw new IllegalArgumentException(key + " names " + name + ", but no " + type.getSimpleName()
                        + " is bound there: " + missing.getMessage(), missing);
            }
            LOG.log(Level.DEBUG, "No {0} at {1} ({2})", type.getSimpleName(), name, missing.toString());
            return null;
        }
        if (type.isInstance(found)) {
            return new Found<>(name, type.cast(found));
        }
        String what = found == null ? "null" : found.getClass().getName();
        if (configured.isPresent()) {
            throw new IllegalArgumentException(key + " names " + name + ", which is a " + what + ", not a "
                    + type.getName());
        }
        LOG.log(Level.WARNING, "{0} is a {1}, not a {2}: Resilient Circuit does not use it", name, what, type.getName());
        return null;
    }
}
