package org.resilientcircuit.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own threads: a growing pool for asynchronous executions (bulkheads bound how many)
 * and one timer thread that only hands due tasks to the pool, so a slow task never delays a timeout.
 */
public final class LibraryThreads implements Scheduler, AutoCloseable {

    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;

    public LibraryThreads(String prefix) {
        this(Executors.newCachedThreadPool(named(prefix + "-worker")), prefix);
    }

    /** @param workers an executor the container manages, used instead of the library's own pool */
    public LibraryThreads(ExecutorService workers, String prefix) {
        this.workers = workers;
        this.timer = new ScheduledThreadPoolExecutor(1, named(prefix + "-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public Future<?> schedule(Runnable task, long delayNanos) {
        if (delayNanos <= 0) {
            return workers.submit(task);
        }
        return timer.schedule(() -> workers.execute(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
