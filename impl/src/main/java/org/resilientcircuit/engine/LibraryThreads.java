package org.resilientcircuit.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads asynchronous executions and timers run on: a pool for the executions (bulkheads bound
 * how many) and a timer. Either may be the library's own, or one the container manages (the glue
 * looks it up); only its own are shut down by {@link #close}, the container's belong to the container.
 *
 * <p>The library's own timer is one thread that only hands due tasks to its own pool, which grows
 * as needed, so a slow task never delays a timeout. A container's executor may be bounded and busy
 * (with the very executions that are timing out): a due task queued behind them would fire late or
 * never. So a container's timer, itself a pool, runs due tasks on its own threads.
 */
public final class LibraryThreads implements Scheduler, AutoCloseable {

    private final ExecutorService workers;
    private final boolean ownWorkers;
    private final ScheduledExecutorService timer;
    private final boolean ownTimer;

    /** Only the library's own threads, plain daemon threads named {@code prefix-worker-N}, {@code prefix-timer-N}. */
    public LibraryThreads(String prefix) {
        this(null, null, plainThreads(), prefix);
    }

    /**
     * Plain threads with the context class loader current now, when the application starts. A plain
     * thread would otherwise inherit the loader of whichever thread made it, often a caller's that
     * set a loader of its own (or another application's, with the library in a shared library), and
     * keep it for its whole life: calls would see the wrong loader, and a redeployed application's
     * loader would stay reachable.
     */
    public static ThreadFactory plainThreads() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return task -> {
            Thread thread = new Thread(task);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    /**
     * @param workers the container's executor, or null for the library's own pool
     * @param timer the container's scheduled executor, or null for the library's own timer thread
     * @param threads makes the library's own threads (the container's thread factory, or {@link #plainThreads()})
     * @param prefix the names of the library's own threads
     */
    public LibraryThreads(ExecutorService workers, ScheduledExecutorService timer, ThreadFactory threads,
            String prefix) {
        this.ownWorkers = workers == null;
        this.workers = ownWorkers ? Executors.newCachedThreadPool(named(threads, prefix + "-worker")) : workers;
        this.ownTimer = timer == null;
        this.timer = ownTimer ? ownTimer(named(threads, prefix + "-timer")) : timer;
    }

    private static ScheduledExecutorService ownTimer(ThreadFactory threads) {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, threads);
        own.setRemoveOnCancelPolicy(true);
        return own;
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
        if (ownTimer) {
            return timer.schedule(() -> workers.execute(task), delayNanos, TimeUnit.NANOSECONDS);
        }
        return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the library's own threads; the container's executors are left to the container. */
    @Override
    public void close() {
        if (ownTimer) {
            timer.shutdownNow();
        }
        if (ownWorkers) {
            workers.shutdownNow();
        }
    }

    /** Daemon threads named {@code name-N}, made by {@code threads}. */
    public static ThreadFactory named(ThreadFactory threads, String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
