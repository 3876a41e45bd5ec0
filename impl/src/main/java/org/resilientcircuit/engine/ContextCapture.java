package org.resilientcircuit.engine;

import java.util.concurrent.Executor;

/**
 * Captures, on the caller's thread when a guarded asynchronous call starts, the context its work must
 * run in wherever and whenever it runs: the first attempt, an attempt that waited in a bulkhead queue,
 * a retry started by a timer. In an application server the glue captures the container's context
 * (naming, security, class loader) this way; the engine knows no container.
 */
@FunctionalInterface
public interface ContextCapture {

    /** Captures nothing: work runs in whatever context its thread has. */
    ContextCapture NONE = () -> Runnable::run;

    /**
     * The caller's thread context class loader only, what the library's own threads need: they are
     * shared by every caller, so the loader of whoever created a thread is not necessarily the caller's.
     */
    ContextCapture CLASS_LOADER = () -> {
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        return task -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            if (before == callers) {
                task.run();
                return;
            }
            thread.setContextClassLoader(callers);
            try {
                task.run();
            } finally {
                thread.setContextClassLoader(before);
            }
        };
    };

    /**
     * Called on the caller's thread.
     *
     * @return an executor that runs each task on the thread calling it, within the context captured now
     */
    Executor capture();
}
